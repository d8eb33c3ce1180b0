import crypto from 'node:crypto';
import fs from 'node:fs';
import {parse, type Options} from 'csv-parse';
import type {Dataset} from '../domain/dfe-files.js';
import {detectKind, type Kind} from './kinds.js';
import type {Report, RowSource, SourceRecord} from './row-source.js';
import {checkBytes} from './utf8.js';

// A CSV file as a row source, streamed: memory stays bounded whatever the file's size. Opening
// reads it once (UTF-8, hash, header); each records() call parses it again from the start.

const PARSE_OPTIONS: Options = {
	// Excel's BOM is dropped before the header is read.
	bom: true,
	// Ragged rows are reported one by one below, not as the parser's first-and-only error.
	relax_column_count: true,
	record_delimiter: ['\r\n', '\n', '\r'],
};

type Raw = {line: number; fields: string[]};

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
		/** Which DfE publication a `published` file is. */
		readonly dataset?: Dataset,
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
		for await (const {line, fields} of rawRecords(this.path, report)) {
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
	for await (const record of rawRecords(path, problem => ((broken = true), report(problem)))) {
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
	return new CsvSource(path, index, match.kind, bytes.sha256, [...match.columns.keys()], match.columns, match.dataset);
}

/**
 * Records with the line each starts on: one line for its delimiter plus the line breaks inside
 * its quoted fields (blank lines come back as records of one empty field). A parse problem is
 * reported with its line; the records before it are still given. The file is fed to csv-parse's
 * stream a chunk at a time and each chunk's records are handed on before the next is read.
 */
async function* rawRecords(path: string, report: Report): AsyncGenerator<Raw> {
	let parsed: string[][] = [];
	const parser = parse({
		...PARSE_OPTIONS,
		// Taken as they are parsed (and not pushed on): the records before a broken one are kept.
		on_record: (record: string[]) => {
			parsed.push(record);
			return null;
		},
	});
	let failure: unknown;
	parser.on('error', error => (failure ??= error));
	parser.resume();
	const handle = await fs.promises.open(path, 'r');
	let line = 1;
	try {
		const buffer = Buffer.alloc(CHUNK);
		let done = false;
		while (!done && failure === undefined) {
			const {bytesRead} = await handle.read(buffer, 0, CHUNK, null);
			if (bytesRead > 0) {
				// csv-parse keeps what it is given until it has parsed it: give it a copy.
				parser.write(Buffer.from(buffer.subarray(0, bytesRead)));
			} else {
				done = true;
				await new Promise<void>(resolve => {
					parser.once('error', () => resolve());
					parser.once('finish', () => resolve());
					parser.end();
				});
			}
			failure ??= parser.errored ?? undefined;
			const records = parsed;
			parsed = [];
			for (const fields of records) {
				yield {line, fields};
				line += 1;
				for (const field of fields) if (field.includes('\n') || field.includes('\r')) line += lineBreaks(field);
			}
		}
	} finally {
		await handle.close();
		parser.destroy();
	}
	if (failure !== undefined) reportParseError(failure, line, report);
}

const CHUNK = 256 * 1024;

function reportParseError(error: unknown, line: number, report: Report): void {
	const csvError = error as {code?: string; index?: number; lines?: number; message?: string};
	if (typeof csvError.code !== 'string' || !(csvError.code.startsWith('CSV_') || csvError.code.startsWith('INVALID_'))) throw error;
	const column = (csvError.index ?? 0) + 1;
	if (csvError.code === 'CSV_QUOTE_NOT_CLOSED') report({line, column, message: 'a quote opened here is never closed'});
	else if (csvError.code === 'CSV_INVALID_CLOSING_QUOTE') {
		report({line: csvError.lines ?? line, column, message: 'a closing quote is followed by more text (put quotes around the whole field)'});
	} else if (csvError.code === 'INVALID_OPENING_QUOTE') {
		report({line, column, message: 'a quote in the middle of a field (put quotes around the whole field, and double the quote inside it)'});
	} else {
		// csv-parse names some of its errors without the CSV_ prefix.
		report({line, column, message: `cannot read the CSV: ${csvError.message ?? csvError.code}`});
	}
}

function lineBreaks(text: string): number {
	return text.match(/\r\n|\r|\n/g)?.length ?? 0;
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
