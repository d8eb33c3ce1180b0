import crypto from 'node:crypto';
import fs from 'node:fs';
import type {Dataset} from '../domain/dfe-files.js';
import {lineBreaks, rawBatches, rawRecords, type Decode, type Raw} from './csv-records.js';
import {detectKind, type Kind} from './kinds.js';
import type {Report, RowSource, SourceRecord} from './row-source.js';
import {checkBytes, firstInvalidUtf8} from './utf8.js';
import {decodeWindows1252, firstUndefinedWindows1252} from './windows-1252.js';

// A CSV file as a row source, streamed: memory stays bounded whatever the file's size. Opening
// reads it once (encoding, hash, header); each records() call parses it again from the start, a
// chunk of records at a time (a worker thread cost a 100,000-row load more than it saved).
// A file that is not UTF-8 is Excel's plain "CSV", Windows-1252, and read as such (the summary says
// so); one that mixes UTF-8 with other bytes, or holds a byte Windows-1252 has no character for, is
// refused once, naming the line and field of the first such byte.
// About 300 lines: the encoding a file is read in (UTF-8, Windows-1252 or refused) is decided
// from the same bytes the records are parsed from, so the two stay in one module.

const WINDOWS_1252: Decode = bytes => decodeWindows1252(bytes);

// Marks the byte a refusal is about, so the parser tells which field holds it.
const MARK = '\uffff';

class CsvSource implements RowSource {
	readonly columns: ReadonlySet<string>;
	rows = 0;

	readonly notes: string[] = [];

	constructor(
		readonly path: string,
		readonly index: number,
		readonly kind: Kind,
		readonly sha256: string,
		private readonly names: readonly string[],
		private readonly positions: ReadonlyMap<string, number>,
		private readonly decode: Decode | undefined,
		readonly bytes: number,
		/** Which DfE publication a `published` file is. */
		readonly dataset?: Dataset,
	) {
		this.columns = new Set(names);
		if (decode !== undefined) this.notes.push(`${path}: read as Windows-1252 (Excel's plain "CSV"), not UTF-8`);
	}

	columnNumber(column: string | null): number {
		return column === null ? 1 : (this.positions.get(column) ?? 0) + 1;
	}

	async *records(report: Report): AsyncIterable<SourceRecord> {
		for await (const batch of this.batches(report)) yield* batch;
	}

	async *batches(report: Report): AsyncIterable<SourceRecord[]> {
		const names = this.names;
		const width = names.length;
		let header = true;
		let rows = 0;
		for await (const raws of rawBatches(this.path, report, this.decode)) {
			const out: SourceRecord[] = [];
			for (const {line, fields} of raws) {
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
				out.push({line, cells});
			}
			if (out.length > 0) yield out;
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
	let decode: Decode | undefined;
	if (bytes.invalid !== undefined) {
		const legacy = await legacyEncoding(path);
		if (legacy.refusal !== undefined) {
			report(legacy.refusal);
			return null;
		}
		decode = WINDOWS_1252;
	}
	if (!bytes.text) {
		report({line: 1, column: 1, message: 'the file is empty'});
		return null;
	}
	let header: Raw | undefined;
	let broken = false;
	// A small first read: the header is all that is wanted here.
	for await (const record of rawRecords(path, problem => ((broken = true), report(problem)), decode, 16 * 1024)) {
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
	const size = (await fs.promises.stat(path)).size;
	return new CsvSource(path, index, match.kind, bytes.invalid === undefined ? bytes.sha256 : await sha256Of(path), [...match.columns.keys()], match.columns, decode, size, match.dataset);
}

async function sha256Of(path: string): Promise<string> {
	const hash = crypto.createHash('sha256');
	for await (const chunk of fs.createReadStream(path)) hash.update(chunk as Buffer);
	return hash.digest('hex');
}

const hex = (byte: number) => `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`;

/**
 * A file that is not UTF-8: Windows-1252 unless it is UTF-16 (Excel's "Unicode Text"), mixes in
 * UTF-8's multi-byte characters (two encodings pasted together: either reading garbles some text),
 * or holds a byte Windows-1252 has no character for. A refusal names the line and field.
 */
async function legacyEncoding(path: string): Promise<{refusal?: Omit<Parameters<Report>[0], never>}> {
	const head = Buffer.alloc(2);
	const handle = await fs.promises.open(path, 'r');
	try {
		await handle.read(head, 0, 2, 0);
	} finally {
		await handle.close();
	}
	if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
		return {refusal: {line: 1, column: 1, message: 'the file is UTF-16 (Excel\'s "Unicode Text"), not CSV: save it as "CSV UTF-8 (Comma delimited)"'}};
	}
	let offset = 0;
	let found: {at: number; byte: number; mixed: boolean} | undefined;
	let multibyte = false;
	let firstInvalid: {at: number; byte: number} | undefined;
	// A chunk may end inside a UTF-8 character: its last bytes wait for the next chunk.
	let carry = Buffer.alloc(0);
	const utf8Check = (bytes: Buffer, at: number, last: boolean) => {
		if (firstInvalid !== undefined) return;
		const bad = firstInvalidUtf8(bytes);
		if (bad < bytes.length && (last || bad < bytes.length - 3)) firstInvalid = {at: at + bad, byte: bytes[bad]!};
		if (!multibyte) multibyte = hasUtf8Multibyte(bytes);
	};
	for await (const chunk of fs.createReadStream(path)) {
		const bytes = chunk as Buffer;
		const undefinedAt = firstUndefinedWindows1252(bytes);
		if (undefinedAt !== -1 && found === undefined) found = {at: offset + undefinedAt, byte: bytes[undefinedAt]!, mixed: false};
		const data = Buffer.concat([carry, bytes]);
		const start = offset - carry.length;
		const keep = Math.min(3, data.length);
		utf8Check(data.subarray(0, data.length - keep), start, false);
		carry = Buffer.from(data.subarray(data.length - keep));
		offset += bytes.length;
	}
	utf8Check(carry, offset - carry.length, true);
	if (found === undefined && multibyte && firstInvalid !== undefined) found = {...firstInvalid, mixed: true};
	if (found === undefined) return {};
	const target = found;
	// Parse again with the byte marked, to name its line and field.
	const marked: Decode = (bytes, at) => {
		const text = decodeWindows1252(bytes);
		return target.at >= at && target.at < at + bytes.length ? `${text.slice(0, target.at - at)}${MARK}${text.slice(target.at - at + 1)}` : text;
	};
	let place = {line: 1, column: 1};
	for await (const {line, fields} of rawRecords(path, () => undefined, marked)) {
		const field = fields.findIndex(text => text.includes(MARK));
		if (field !== -1) {
			place = {line: line + fields.slice(0, field).reduce((sum, text) => sum + lineBreaks(text), 0) + lineBreaks(fields[field]!.slice(0, fields[field]!.indexOf(MARK))), column: field + 1};
			break;
		}
	}
	const message = target.mixed
		? `the file mixes UTF-8 with another encoding (byte ${hex(target.byte)} in this field): save it as "CSV UTF-8 (Comma delimited)"`
		: `byte ${hex(target.byte)} in this field is text in neither UTF-8 nor Windows-1252: save the file as "CSV UTF-8 (Comma delimited)"`;
	return {refusal: {...place, message}};
}

/** Whether the bytes hold a well-formed UTF-8 character of two or more bytes. */
function hasUtf8Multibyte(bytes: Uint8Array): boolean {
	for (let i = 0; i + 1 < bytes.length; i++) {
		const b = bytes[i]!;
		if (b < 0xc2 || b > 0xf4) continue;
		const need = b >= 0xf0 ? 3 : b >= 0xe0 ? 2 : 1;
		if (i + need >= bytes.length) return false;
		if (firstInvalidUtf8(bytes.subarray(i, i + need + 1)) === need + 1) return true;
	}
	return false;
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
