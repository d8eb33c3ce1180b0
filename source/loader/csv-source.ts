import {Worker} from 'node:worker_threads';
import {rawRecords, type Raw} from './csv-records.js';
import type {CsvWorkerMessage} from './csv-worker.js';
import {detectKind, type Kind} from './kinds.js';
import type {Report, RowSource, SourceRecord} from './row-source.js';
import {checkBytes} from './utf8.js';

// A CSV file as a row source, streamed: memory stays bounded whatever the file's size. Opening
// reads it once (UTF-8, hash, header); each records() call parses it again from the start, on a
// worker thread when the loader has one (useCsvWorker), so the main thread checks rows meanwhile.

let workerScript: URL | null = null;
// Below this a worker's start-up (tens of milliseconds) costs more than the parse it takes over.
const WORKER_FROM_BYTES = 1 << 20;

/** The built loader's CSV worker (dist/csv-worker.js); null parses in process (tests run the source). */
export function useCsvWorker(script: URL | null): void {
	workerScript = script;
}

class CsvSource implements RowSource {
	readonly columns: ReadonlySet<string>;
	rows = 0;

	constructor(
		readonly path: string,
		readonly index: number,
		readonly kind: Kind,
		readonly sha256: string,
		private readonly names: readonly string[],
		private readonly positions: ReadonlyMap<string, number>,
		private readonly bytes: number,
	) {
		this.columns = new Set(names);
	}

	columnNumber(column: string | null): number {
		return column === null ? 1 : (this.positions.get(column) ?? 0) + 1;
	}

	async *records(report: Report): AsyncIterable<SourceRecord> {
		const names = this.names;
		const width = names.length;
		let header = true;
		let rows = 0;
		const records = workerScript === null || this.bytes < WORKER_FROM_BYTES ? rawRecords(this.path, report) : workerRecords(workerScript, this.path, report);
		for await (const {line, fields} of records) {
			if (isBlank(fields)) continue;
			if (header) {
				header = false;
				continue;
			}
			if (fields.length !== width) {
				const column = Math.min(fields.length, width) + 1;
				report({line, column, message: `this row has ${fields.length} ${fields.length === 1 ? 'field' : 'fields'} but the header has ${width}`});
				continue;
			}
			const cells: Record<string, string> = {};
			for (let i = 0; i < width; i++) cells[names[i]!] = fields[i]!;
			rows++;
			yield {line, cells};
		}
		this.rows = rows;
	}
}

/** Open a CSV file: its header names its kind. Null (with the problem reported) when it cannot be read as one. */
export async function openCsvSource(path: string, index: number, report: Report): Promise<RowSource | null> {
	let bytes;
	try {
		bytes = await checkBytes(path);
	} catch (error) {
		report({line: 1, column: 1, message: `cannot read the file (${describeIoError(error)})`});
		return null;
	}
	if (bytes.invalid !== undefined) {
		const {line, column, byte} = bytes.invalid;
		report({line, column, message: `the file is not UTF-8 (byte 0x${byte.toString(16).toUpperCase().padStart(2, '0')}): save it as "CSV UTF-8"`});
		return null;
	}
	if (!bytes.text) {
		report({line: 1, column: 1, message: 'the file is empty'});
		return null;
	}
	let header: Raw | undefined;
	let broken = false;
	// A small first read: the header is all that is wanted here.
	for await (const record of rawRecords(path, problem => ((broken = true), report(problem)), 16 * 1024)) {
		if (!isBlank(record.fields)) {
			header = record;
			break;
		}
	}
	if (header === undefined) {
		if (!broken) report({line: 1, column: 1, message: 'the file is empty'});
		return null;
	}
	const match = detectKind(header.fields);
	if (!match.ok) {
		report({line: header.line, column: match.column, message: match.message});
		return null;
	}
	return new CsvSource(path, index, match.kind, bytes.sha256, [...match.columns.keys()], match.columns, bytes.size);
}

/**
 * rawRecords on the worker thread: the same records, lines and problems, in the same order. The
 * worker is ended when the records are read or the reader stops early.
 */
async function* workerRecords(script: URL, path: string, report: Report): AsyncGenerator<Raw> {
	const worker = new Worker(script, {workerData: {path}});
	const queue: Array<CsvWorkerMessage | {exited: number} | {error: Error}> = [];
	let wake: (() => void) | null = null;
	const arrive = (message: (typeof queue)[number]) => {
		queue.push(message);
		wake?.();
		wake = null;
	};
	worker.on('message', arrive);
	worker.on('error', error => arrive({error}));
	worker.on('exit', code => arrive({exited: code}));
	try {
		while (true) {
			if (queue.length === 0) await new Promise<void>(resolve => (wake = resolve));
			const message = queue.shift()!;
			if ('batch' in message) {
				// Room for one more while these are checked.
				worker.postMessage(1);
				for (const [line, fields] of JSON.parse(message.batch) as Array<[number, string[]]>) yield {line, fields};
			} else if ('problem' in message) report(message.problem);
			else if ('done' in message) return;
			else if ('failed' in message) throw new Error(`${path}: ${message.failed}`);
			else if ('error' in message) throw message.error;
			else throw new Error(`${path}: the CSV reader stopped (exit ${message.exited})`);
		}
	} finally {
		await worker.terminate();
	}
}

// Excel leaves rows of bare commas at the end of a sheet; they carry nothing.
function isBlank(fields: readonly string[]): boolean {
	return fields.every(field => field.trim() === '');
}

function describeIoError(error: unknown): string {
	const code = (error as NodeJS.ErrnoException).code;
	switch (code) {
		case 'ENOENT':
			return 'no such file';
		case 'EISDIR':
			return 'it is a directory';
		case 'EACCES':
		case 'EPERM':
			return 'permission denied';
		default:
			return code ?? String(error);
	}
}
