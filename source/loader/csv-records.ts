import fs from 'node:fs';
import {parse, type Options} from 'csv-parse';
import type {Report} from './row-source.js';

// A CSV file's records, parsed by csv-parse a chunk at a time, with the line each starts on. The
// loader runs this on a worker thread of its own when it can (csv-worker.ts), in process otherwise.

const MAX_RECORD_CHARACTERS = 8 * 1024 * 1024;

const PARSE_OPTIONS: Options = {
	// Excel's BOM is dropped before the header is read.
	bom: true,
	// Ragged rows are reported one by one by the source, not as the parser's first-and-only error.
	relax_column_count: true,
	record_delimiter: ['\r\n', '\n', '\r'],
	// A row is read whole into memory: bounded, so a 200 MB cell costs a line of error, not the
	// machine. Far above any field's limit (domain/limits.ts), so a long field is still refused
	// by its own check, naming its column.
	max_record_size: MAX_RECORD_CHARACTERS,
};

export type Raw = {line: number; fields: string[]};

/** How a chunk of the file's bytes becomes text; `offset` is the chunk's place in the file. */
export type Decode = (bytes: Buffer, offset: number) => string;

const CHUNK = 256 * 1024;

/**
 * Records with the line each starts on: one line for its delimiter plus the line breaks inside
 * its quoted fields (blank lines come back as records of one empty field). A parse problem is
 * reported with its line; the records before it are still given. The file is fed to csv-parse's
 * stream `chunk` bytes at a time and each chunk's records are handed on before the next is read.
 */
export async function* rawRecords(path: string, report: Report, decode?: Decode, chunk = CHUNK): AsyncGenerator<Raw> {
	for await (const batch of rawBatches(path, report, decode, chunk)) yield* batch;
}

/** rawRecords a chunk's records at a time: a big file's 100,000 records are not 100,000 awaits. */
export async function* rawBatches(path: string, report: Report, decode?: Decode, chunk = CHUNK): AsyncGenerator<Raw[]> {
	let parsed: string[][] = [];
	// Records are taken from the stream's 'data' events, which csv-parse emits as it parses each
	// one (the records before a broken one included). Not `on_record`: it builds an info object
	// for every record, which doubled the parse's cost.
	const parser = parse(PARSE_OPTIONS);
	parser.on('data', (record: string[]) => parsed.push(record));
	let failure: unknown;
	parser.on('error', error => (failure ??= error));
	const handle = await fs.promises.open(path, 'r');
	let line = 1;
	let offset = 0;
	try {
		const buffer = Buffer.alloc(chunk);
		let done = false;
		while (!done && failure === undefined) {
			const {bytesRead} = await handle.read(buffer, 0, chunk, null);
			if (bytesRead > 0) {
				// csv-parse keeps what it is given until it has parsed it: give it a copy (or the decoded text).
				const bytes = buffer.subarray(0, bytesRead);
				parser.write(decode === undefined ? Buffer.from(bytes) : decode(bytes, offset));
				offset += bytesRead;
			} else {
				done = true;
				await new Promise<void>(resolve => {
					parser.once('error', () => resolve());
					parser.once('end', () => resolve());
					parser.end();
				});
			}
			failure ??= parser.errored ?? undefined;
			const records = parsed;
			parsed = [];
			const batch: Raw[] = new Array(records.length);
			for (let i = 0; i < records.length; i++) {
				const fields = records[i]!;
				batch[i] = {line, fields};
				line += 1;
				for (const field of fields) if (field.includes('\n') || field.includes('\r')) line += lineBreaks(field);
			}
			if (batch.length > 0) yield batch;
		}
	} finally {
		await handle.close();
		parser.destroy();
	}
	if (failure !== undefined) reportParseError(failure, line, report);
}

function reportParseError(error: unknown, line: number, report: Report): void {
	const csvError = error as {code?: string; index?: number; lines?: number; message?: string};
	if (typeof csvError.code !== 'string' || !(csvError.code.startsWith('CSV_') || csvError.code.startsWith('INVALID_'))) throw error;
	const column = (csvError.index ?? 0) + 1;
	if (csvError.code === 'CSV_QUOTE_NOT_CLOSED') report({line, column, message: 'a quote opened here is never closed'});
	else if (csvError.code === 'CSV_INVALID_CLOSING_QUOTE') {
		report({line: csvError.lines ?? line, column, message: 'a closing quote is followed by more text (put quotes around the whole field)'});
	} else if (csvError.code === 'CSV_MAX_RECORD_SIZE') {
		report({line, column, message: `this row is longer than ${MAX_RECORD_CHARACTERS.toLocaleString('en-GB')} characters: no field may be that long (see the README's limits on text fields)`});
	} else if (csvError.code === 'INVALID_OPENING_QUOTE') {
		report({line, column, message: 'a quote in the middle of a field (put quotes around the whole field, and double the quote inside it)'});
	} else {
		// csv-parse names some of its errors without the CSV_ prefix.
		report({line, column, message: `cannot read the CSV: ${csvError.message ?? csvError.code}`});
	}
}

export function lineBreaks(text: string): number {
	return text.match(/\r\n|\r|\n/g)?.length ?? 0;
}
