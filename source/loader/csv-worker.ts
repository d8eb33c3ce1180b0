import {parentPort, workerData} from 'node:worker_threads';
import {rawRecords} from './csv-records.js';
import type {Problem} from './problems.js';
import {decodeWindows1252} from './windows-1252.js';

// The loader's CSV parser on a thread of its own (a build entry, dist/csv-worker.js): csv-parse
// is most of a big load's work on the main thread, which meanwhile checks the rows it was sent and
// hands them to SQLite. Records go back in batches as one JSON string each (cheap to send, parsed
// natively on arrival); at most CREDIT batches wait unread, so memory stays bounded.

export type CsvWorkerMessage =
	| {batch: string}
	| {problem: Omit<Problem, 'file' | 'fileIndex' | 'sheet'>}
	| {failed: string}
	| {done: true};

const CREDIT = 2;
const BATCH = 5000;

async function serve(path: string, encoding: 'windows-1252' | null): Promise<void> {
	const port = parentPort!;
	let credit = CREDIT;
	let waiting: (() => void) | null = null;
	port.on('message', () => {
		credit++;
		waiting?.();
		waiting = null;
	});
	const post = (message: CsvWorkerMessage) => port.postMessage(message);
	let batch: Array<[number, string[]]> = [];
	const send = async () => {
		if (batch.length === 0) return;
		while (credit === 0) await new Promise<void>(resolve => (waiting = resolve));
		credit--;
		post({batch: JSON.stringify(batch)});
		batch = [];
	};
	try {
		const decode = encoding === 'windows-1252' ? (bytes: Buffer) => decodeWindows1252(bytes) : undefined;
		for await (const {line, fields} of rawRecords(path, problem => post({problem}), decode)) {
			batch.push([line, fields]);
			if (batch.length >= BATCH) await send();
		}
		await send();
		post({done: true});
	} catch (error) {
		post({failed: error instanceof Error ? error.message : String(error)});
	}
	// The main thread ends the worker once it has read what it needs.
}

const data = workerData as {path: string; encoding: 'windows-1252' | null};
void serve(data.path, data.encoding);
