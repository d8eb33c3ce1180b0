// A workbook's zip package, opened with yauzl: entries found through the central directory (so
// the order a writer put them in does not matter), each part's declared size checked against a
// limit before it is read and its actual size counted while it is inflated (yauzl also refuses a
// part that inflates to more than it declares), and part names resolved as OOXML relationships
// name them (absolute, relative, `./`, `../`), never outside the package.
import fs from 'node:fs';
import {StringDecoder} from 'node:string_decoder';
import yauzl from 'yauzl';

/** Why a file is not a workbook the loader can read: one line, said to the user after the file's name. */
export class WorkbookError extends Error {}

export type Limits = {
	/** Inflated bytes of one worksheet's XML. */
	sheetBytes: number;
	/** Inflated bytes of every worksheet together. */
	totalSheetBytes: number;
	/** Inflated bytes of the shared strings, kept in memory while the workbook is read. */
	sharedStringBytes: number;
	/** Inflated bytes of any other part read (workbook, relationships, styles). */
	partBytes: number;
	/** Zip entries. */
	entries: number;
};

const MiB = 1024 * 1024;

// A team's workbook is a few MiB of XML; the benchmark's 100,000 rows are 11 MiB.
export const LIMITS: Limits = {
	sheetBytes: 256 * MiB,
	totalSheetBytes: 512 * MiB,
	sharedStringBytes: 64 * MiB,
	partBytes: 16 * MiB,
	entries: 10_000,
};

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const EMPTY_ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

export type FileFormat = 'zip' | 'cfb' | 'other';

/** What the first bytes say the file is; 'other' when it cannot be read. */
export function sniffFormat(path: string): FileFormat {
	let head = Buffer.alloc(0);
	try {
		const fd = fs.openSync(path, 'r');
		try {
			head = Buffer.alloc(8);
			const read = fs.readSync(fd, head, 0, 8, 0);
			head = head.subarray(0, read);
		} finally {
			fs.closeSync(fd);
		}
	} catch {
		return 'other';
	}
	if (head.subarray(0, 4).equals(ZIP_MAGIC) || head.subarray(0, 4).equals(EMPTY_ZIP_MAGIC)) return 'zip';
	if (head.equals(CFB_MAGIC)) return 'cfb';
	return 'other';
}

const ENCRYPTED_PACKAGE = Buffer.from('EncryptedPackage', 'utf16le');

/**
 * An OLE compound file is either an Excel 97-2003 workbook or an encrypted (password-protected)
 * .xlsx, whose package is a stream named EncryptedPackage inside one: the two want different words.
 */
export function describeCompoundFile(path: string): string {
	let encrypted = false;
	const fd = fs.openSync(path, 'r');
	try {
		const chunk = Buffer.alloc(1 << 20);
		let carry = Buffer.alloc(0);
		// The directory names sit in the first MiBs of any file a person would save; a huge one is .xls either way.
		for (let position = 0, read = 0; !encrypted && position < 64 * MiB; position += read) {
			read = fs.readSync(fd, chunk, 0, chunk.length, position);
			if (read === 0) break;
			const data = Buffer.concat([carry, chunk.subarray(0, read)]);
			encrypted = data.includes(ENCRYPTED_PACKAGE);
			carry = data.subarray(Math.max(0, data.length - ENCRYPTED_PACKAGE.length));
		}
	} finally {
		fs.closeSync(fd);
	}
	return encrypted
		? 'it is a password-protected (encrypted) workbook: open it in Excel, remove the password (File > Info > Protect Workbook) and save it as .xlsx'
		: 'it is an Excel 97-2003 workbook (.xls): open it in Excel or LibreOffice and save it as .xlsx (Excel Workbook)';
}

type Entry = yauzl.Entry;

export class Package {
	private constructor(
		private readonly zip: yauzl.ZipFile,
		/** Lower-case part name (no leading slash) to its entry: OOXML part names ignore case. */
		private readonly entries: ReadonlyMap<string, Entry>,
	) {}

	static async open(path: string, limits: Limits = LIMITS): Promise<Package> {
		let zip: yauzl.ZipFile;
		try {
			zip = await yauzl.openPromise(path, {lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false, decodeStrings: true});
		} catch (error) {
			throw new WorkbookError(`it is not a readable .xlsx workbook (${describeZipError(error)})`);
		}
		const entries = new Map<string, Entry>();
		try {
			if (zip.entryCount > limits.entries) throw new WorkbookError(`it holds ${zip.entryCount} zip entries, more than a workbook would (at most ${limits.entries})`);
			await new Promise<void>((resolve, reject) => {
				zip.on('entry', (entry: Entry) => {
					entries.set(entry.fileName.replace(/^\/+/, '').toLowerCase(), entry);
					zip.readEntry();
				});
				zip.on('end', () => resolve());
				zip.on('error', reject);
				zip.readEntry();
			});
		} catch (error) {
			zip.close();
			if (error instanceof WorkbookError) throw error;
			throw new WorkbookError(`it is not a readable .xlsx workbook (${describeZipError(error)})`);
		}
		return new Package(zip, entries);
	}

	has(part: string): boolean {
		return this.entries.has(part.toLowerCase());
	}

	/** The declared inflated size of a part (0 when absent). */
	size(part: string): number {
		return this.entries.get(part.toLowerCase())?.uncompressedSize ?? 0;
	}

	/**
	 * A part's text, chunk by chunk (UTF-8, or UTF-16 after its byte-order mark), at most `limit`
	 * inflated bytes: a part declaring more is refused before a byte is inflated, and one that
	 * inflates to more than it declares is stopped as soon as it does.
	 */
	async *text(part: string, limit: number, label: string): AsyncGenerator<string> {
		const entry = this.entries.get(part.toLowerCase());
		if (entry === undefined) throw new WorkbookError(`${label} is missing from the workbook (${part})`);
		if (entry.isEncrypted()) throw new WorkbookError('it is a password-protected zip, not a workbook Excel saved');
		if (entry.uncompressedSize > limit) throw new WorkbookError(`${label} would inflate to ${megabytes(entry.uncompressedSize)}, more than the loader reads (at most ${megabytes(limit)})`);
		let stream: NodeJS.ReadableStream;
		try {
			stream = await this.zip.openReadStreamPromise(entry);
		} catch (error) {
			throw new WorkbookError(`${label} cannot be read (${describeZipError(error)})`);
		}
		let decoder: StringDecoder | undefined;
		let total = 0;
		try {
			for await (const chunk of stream as AsyncIterable<Buffer>) {
				total += chunk.length;
				if (total > limit) throw new WorkbookError(`${label} would inflate to more than the loader reads (at most ${megabytes(limit)})`);
				if (decoder === undefined) {
					decoder = new StringDecoder(chunk[0] === 0xff && chunk[1] === 0xfe ? 'utf16le' : 'utf8');
				}
				const text = decoder.write(chunk);
				if (text !== '') yield text;
			}
			const rest = decoder?.end() ?? '';
			if (rest !== '') yield rest;
		} catch (error) {
			if (error instanceof WorkbookError) throw error;
			throw new WorkbookError(`${label} cannot be read (${describeZipError(error)})`);
		} finally {
			(stream as NodeJS.ReadableStream & {destroy?: () => void}).destroy?.();
		}
	}

	/** A small part's whole text (relationships, workbook, styles). */
	async read(part: string, label: string, limit: number): Promise<string> {
		let text = '';
		for await (const chunk of this.text(part, limit, label)) text += chunk;
		return text;
	}

	close(): void {
		this.zip.close();
	}
}

/**
 * A relationship's target as a part name, from the part whose relationships name it: absolute
 * (`/xl/worksheets/sheet1.xml`, as openpyxl writes) or relative to that part's folder
 * (`worksheets/sheet1.xml`, `./worksheets/sheet1.xml`, `../xl/worksheets/sheet1.xml`). Null when
 * it points outside the package (an external target, a URL, or above the package's root).
 */
export function resolveTarget(source: string, target: string, mode: string | undefined): string | null {
	if (mode !== undefined && mode.toLowerCase() === 'external') return null;
	let decoded: string;
	try {
		decoded = decodeURIComponent(target.trim());
	} catch {
		return null;
	}
	if (decoded === '' || /^[a-z][a-z0-9+.-]*:/i.test(decoded) || decoded.includes('\\')) return null;
	const base = decoded.startsWith('/') ? [] : source.split('/').slice(0, -1);
	const parts = [...base];
	for (const segment of decoded.split('/')) {
		if (segment === '' || segment === '.') continue;
		if (segment === '..') {
			if (parts.length === 0) return null;
			parts.pop();
		} else parts.push(segment);
	}
	return parts.length === 0 ? null : parts.join('/');
}

/** The relationships part of a part: `xl/workbook.xml` has `xl/_rels/workbook.xml.rels`. */
export function relationshipsOf(part: string): string {
	const slash = part.lastIndexOf('/');
	return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

function megabytes(bytes: number): string {
	return bytes >= MiB ? `${Math.round(bytes / MiB).toLocaleString('en-GB')} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}

function describeZipError(error: unknown): string {
	const message = error instanceof Error ? error.message : String(error);
	if (/too many bytes|too few bytes/i.test(message)) return 'a part inflates to a size other than it declares';
	if (/end of central directory/i.test(message)) return 'the zip is cut short or damaged';
	if (/unsupported compression/i.test(message)) return 'a compression method Excel does not use';
	if (/invalid|unexpected|incorrect header|invalid block|stored block/i.test(message)) return 'the zip is damaged';
	return message.split('\n')[0]!.slice(0, 100);
}
