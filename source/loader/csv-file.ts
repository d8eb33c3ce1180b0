import crypto from 'node:crypto';
import fs from 'node:fs';
import {parse, type Options} from 'csv-parse/sync';
import {detectKind, type Columns, type Kind} from './kinds.js';
import type {Problem} from './problems.js';

export type CsvRow = {
	/** Physical line where the record starts, 1-based (the header is usually line 1). */
	line: number;
	fields: string[];
};

export type CsvFile = {
	path: string;
	index: number;
	kind: Kind;
	columns: Columns;
	sha256: string;
	rows: CsvRow[];
};

type Report = (problem: Omit<Problem, 'file' | 'fileIndex'>) => void;

const UTF8_BOM = [0xef, 0xbb, 0xbf];

const PARSE_OPTIONS: Options = {
	encoding: 'utf8',
	// Ragged rows are reported one by one below, not as the parser's first-and-only error.
	relax_column_count: true,
	record_delimiter: ['\r\n', '\n', '\r'],
};

/** Read, decode and parse one file; problems go to `problems`, and null when nothing usable came out. */
export function readCsvFile(path: string, index: number, problems: Problem[]): CsvFile | null {
	const report: Report = problem => problems.push({file: path, fileIndex: index, ...problem});
	let bytes: Buffer;
	try {
		bytes = fs.readFileSync(path);
	} catch (error) {
		report({line: 1, column: 1, message: `cannot read the file (${describeIoError(error)})`});
		return null;
	}
	const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
	const start = bytes[0] === UTF8_BOM[0] && bytes[1] === UTF8_BOM[1] && bytes[2] === UTF8_BOM[2] ? 3 : 0;
	const body = bytes.subarray(start);
	let text: string;
	try {
		text = new TextDecoder('utf-8', {fatal: true}).decode(body);
	} catch {
		const at = firstInvalidUtf8(body);
		const {line, column} = positionOf(body, at);
		report({line, column, message: `the file is not UTF-8 (byte 0x${body[at]!.toString(16).toUpperCase().padStart(2, '0')}): save it as "CSV UTF-8"`});
		return null;
	}
	if (!/\S/.test(text)) {
		report({line: 1, column: 1, message: 'the file is empty'});
		return null;
	}

	let records: CsvRow[];
	let parseError: unknown;
	try {
		// The fast path: one parse, lines counted from the records themselves.
		const parsed = parse(body, PARSE_OPTIONS) as string[][];
		records = withLines(parsed);
	} catch (error) {
		// A broken file: parse again keeping every record before the break and where it stopped.
		parseError = error;
		records = [];
		const lines = new LineCounter(body);
		let recordStart = 0;
		try {
			parse(body, {
				...PARSE_OPTIONS,
				on_record: (record: string[], context: {bytes: number}) => {
					records.push({line: lines.lineAt(recordStart), fields: record});
					recordStart = context.bytes;
					return null;
				},
			});
		} catch {
			// The same error again; `recordStart` is where the broken record begins.
		}
		const csvError = parseError as {code?: string; index?: number; lines?: number; message?: string};
		const line = lines.lineAt(recordStart);
		if (csvError.code === 'CSV_QUOTE_NOT_CLOSED') {
			report({line, column: (csvError.index ?? 0) + 1, message: 'a quote opened here is never closed'});
		} else if (csvError.code === 'CSV_INVALID_CLOSING_QUOTE') {
			report({line: csvError.lines ?? line, column: (csvError.index ?? 0) + 1, message: 'a closing quote is followed by more text (put quotes around the whole field)'});
		} else if (csvError.code === 'INVALID_OPENING_QUOTE') {
			report({line, column: (csvError.index ?? 0) + 1, message: 'a quote in the middle of a field (put quotes around the whole field, and double the quote inside it)'});
		} else if (typeof csvError.code === 'string' && (csvError.code.startsWith('CSV_') || csvError.code.startsWith('INVALID_'))) {
			// csv-parse names some of its errors without the CSV_ prefix.
			report({line, column: (csvError.index ?? 0) + 1, message: `cannot read the CSV: ${csvError.message ?? csvError.code}`});
		} else {
			throw parseError;
		}
	}

	const data = records.filter(row => !isBlank(row.fields));
	const header = data.shift();
	if (header === undefined) {
		if (parseError === undefined) report({line: 1, column: 1, message: 'the file is empty'});
		return null;
	}
	const match = detectKind(header.fields);
	if (!match.ok) {
		report({line: header.line, column: match.column, message: match.message});
		return null;
	}
	const width = header.fields.length;
	const rows: CsvRow[] = [];
	for (const row of data) {
		if (row.fields.length !== width) {
			const column = Math.min(row.fields.length, width) + 1;
			report({line: row.line, column, message: `this row has ${row.fields.length} ${row.fields.length === 1 ? 'field' : 'fields'} but the header has ${width}`});
			continue;
		}
		rows.push(row);
	}
	return {path, index, kind: match.kind, columns: match.columns, sha256, rows};
}

/**
 * Each record starts on the line after the previous one ended: one line for its delimiter plus
 * the line breaks inside its quoted fields. Blank lines come back as records of one empty field.
 */
function withLines(records: string[][]): CsvRow[] {
	const rows: CsvRow[] = new Array(records.length);
	let line = 1;
	for (let i = 0; i < records.length; i++) {
		const fields = records[i]!;
		rows[i] = {line, fields};
		line += 1;
		for (const field of fields) if (field.includes('\n') || field.includes('\r')) line += lineBreaks(field);
	}
	return rows;
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

/** Byte offset of the first byte that is not valid UTF-8 (the decoder only says that there is one). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
	let i = 0;
	while (i < bytes.length) {
		const b = bytes[i]!;
		let need: number;
		let min: number;
		if (b < 0x80) {
			i++;
			continue;
		} else if (b >= 0xc2 && b <= 0xdf) {
			need = 1;
			min = 0x80;
		} else if (b >= 0xe0 && b <= 0xef) {
			need = 2;
			min = 0x800;
		} else if (b >= 0xf0 && b <= 0xf4) {
			need = 3;
			min = 0x10000;
		} else {
			return i;
		}
		let code = b & (0xff >> (need + 2));
		for (let k = 1; k <= need; k++) {
			const next = bytes[i + k];
			if (next === undefined || (next & 0xc0) !== 0x80) return i;
			code = (code << 6) | (next & 0x3f);
		}
		if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return i;
		i += need + 1;
	}
	return bytes.length;
}

/** Line and character column (1-based) of a byte offset. */
function positionOf(bytes: Uint8Array, offset: number): {line: number; column: number} {
	const counter = new LineCounter(bytes);
	const line = counter.lineAt(offset);
	let lineStart = offset;
	while (lineStart > 0 && bytes[lineStart - 1] !== 0x0a && bytes[lineStart - 1] !== 0x0d) lineStart--;
	// Count characters, not bytes: continuation bytes do not start a character.
	let column = 1;
	for (let i = lineStart; i < offset; i++) if ((bytes[i]! & 0xc0) !== 0x80) column++;
	return {line, column};
}

/** Line numbers of byte offsets asked in increasing order, in one pass over the bytes. */
class LineCounter {
	private offset = 0;
	private line = 1;

	constructor(private readonly bytes: Uint8Array) {}

	lineAt(target: number): number {
		if (target < this.offset) {
			this.offset = 0;
			this.line = 1;
		}
		const bytes = this.bytes;
		for (let i = this.offset; i < target; i++) {
			const b = bytes[i];
			// CRLF, LF and a lone CR (old Mac exports) each end one line.
			if (b === 0x0a || (b === 0x0d && bytes[i + 1] !== 0x0a)) this.line++;
		}
		this.offset = target;
		return this.line;
	}
}
