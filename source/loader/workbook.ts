// Reads an .xlsx workbook: the package through xlsx-package.ts (yauzl, size limits), its XML with
// saxes, streamed. Chosen by measurement over exceljs's streaming reader and SheetJS (README
// "Excel workbooks"): every sheet the workbook lists is read or the file is refused; sheet names
// come from the workbook's own relationships whatever form their targets take; a formula gives
// the result Excel saved, 0 and FALSE included, and one with none is marked for the caller to refuse.
// About 480 lines: the parts a sheet's cells depend on (relationships, styles, shared strings)
// and the sheet parser that reads cells through them are one reader, streamed in that order.
import {SaxesParser, type SaxesTagPlain} from 'saxes';
import {describeCompoundFile, LIMITS, Package, relationshipsOf, resolveTarget, sniffFormat, WorkbookError, type Limits} from './xlsx-package.js';

export {WorkbookError} from './xlsx-package.js';

export type Cell =
	| {kind: 'text'; text: string}
	/** `percent`: the cell is formatted as a percentage, so `value` is a fraction (0.14 shown 14%). */
	| {kind: 'number'; value: number; percent: boolean}
	| {kind: 'date'; date: Date}
	| {kind: 'boolean'; value: boolean}
	| {kind: 'error'; text: string}
	/** A formula the file holds no result for (openpyxl's, or a placeholder in a file marked to recalculate). */
	| {kind: 'unsaved'}
	| {kind: 'empty'};

export type SheetCell = {
	/** 1 is column A. */
	column: number;
	cell: Cell;
};

export type SheetRow = {
	/** Excel's row number, 1-based. */
	number: number;
	/** The row's non-empty cells, left to right (a far-right cell costs nothing for the columns before it). */
	cells: SheetCell[];
};

export type SheetInfo = {
	name: string;
	/** Hidden or very hidden in Excel: read all the same, and said. */
	hidden: boolean;
	/** The worksheet's part in the package. */
	part: string;
};

const EMPTY: Cell = {kind: 'empty'};

// Excel's own limits: a cell holds at most 32,767 characters, a sheet 1,048,576 rows and 16,384 columns.
const MAX_CELL_TEXT = 32_767;
const MAX_ROW = 1_048_576;
const MAX_COLUMN = 16_384;

const localName = (name: string): string => name.slice(name.indexOf(':') + 1);

/**
 * An attribute by name. Attributes carry no default namespace, so `r`, `t`, `s` are unprefixed
 * whatever prefix the elements use; `prefixed` finds the relationship id, `r:id` under any prefix.
 */
function attribute(tag: SaxesTagPlain, name: string, prefixed = false): string | undefined {
	if (!prefixed) return tag.attributes[name] as string | undefined;
	for (const [key, value] of Object.entries(tag.attributes)) {
		const colon = key.indexOf(':');
		if (colon !== -1 && key.slice(colon + 1) === name) return value as string;
	}
	return undefined;
}

/** Excel's `_xHHHH_` escapes (a character XML cannot hold, or `_x005F_` for an underscore) decoded. */
export function decodeEscapes(text: string): string {
	return text.includes('_x') ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))) : text;
}

type Handlers = {open(tag: SaxesTagPlain): void; close(name: string): void; text(text: string): void};

/** An XML parser over text chunks; a DOCTYPE (entity tricks) is refused; a handler's WorkbookError comes out of write(). */
function xmlParser(label: string, handlers: Handlers): {write(chunk: string): void; end(): void} {
	const parser = new SaxesParser({position: false});
	let failure: unknown;
	parser.on('error', error => (failure ??= error));
	parser.on('doctype', () => (failure ??= new WorkbookError(`${label} declares a DOCTYPE, which a workbook's XML never does`)));
	parser.on('opentag', tag => handlers.open(tag as SaxesTagPlain));
	parser.on('closetag', tag => handlers.close(localName(tag.name)));
	parser.on('text', handlers.text);
	parser.on('cdata', handlers.text);
	const check = () => {
		if (failure === undefined) return;
		if (failure instanceof WorkbookError) throw failure;
		throw new WorkbookError(`${label} is not well-formed XML (${(failure as Error).message.split('\n')[0]!.slice(0, 80)})`);
	};
	return {
		write(chunk) {
			parser.write(chunk);
			check();
		},
		end() {
			parser.close();
			check();
		},
	};
}

async function parseXml(chunks: AsyncIterable<string>, label: string, handlers: Handlers): Promise<void> {
	const parser = xmlParser(label, handlers);
	for await (const chunk of chunks) parser.write(chunk);
	parser.end();
}

type Relationship = {type: string; target: string | null; raw: string};

async function readRelationships(pkg: Package, part: string, limits: Limits): Promise<Map<string, Relationship>> {
	const rels = new Map<string, Relationship>();
	const file = relationshipsOf(part);
	if (!pkg.has(file)) return rels;
	await parseXml(
		pkg.text(file, limits.partBytes, `the relationships of ${part}`),
		`the relationships of ${part}`,
		{
			open(tag) {
				if (localName(tag.name) !== 'Relationship') return;
				const id = attribute(tag, 'Id') ?? '';
				const raw = attribute(tag, 'Target') ?? '';
				rels.set(id, {type: (attribute(tag, 'Type') ?? '').replace(/.*\//, ''), target: resolveTarget(part, raw, attribute(tag, 'TargetMode')), raw});
			},
			close() {},
			text() {},
		},
	);
	return rels;
}

/** Built-in number formats that show a date or time (Excel's ids 14-22, 45-47 and the East Asian 27-36, 50-58). */
const DATE_FORMAT_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);
const PERCENT_FORMAT_IDS = new Set([9, 10]);

/** A format code's first section with quoted text, escapes, fills and brackets other than elapsed time removed. */
function formatBody(code: string): string {
	return code
		.replace(/"[^"]*"/g, '')
		.replace(/\\./g, '')
		.replace(/[_*]./g, '')
		.replace(/\[(?![hms]+\])[^\]]*\]/gi, '')
		.split(';')[0]!;
}

export const isDateFormat = (code: string): boolean => /[dmyhs]/i.test(formatBody(code).replace(/General/gi, ''));
export const isPercentFormat = (code: string): boolean => formatBody(code).includes('%');

type Style = {date: boolean; percent: boolean};

async function readStyles(pkg: Package, part: string | undefined, limits: Limits): Promise<Style[]> {
	if (part === undefined || !pkg.has(part)) return [];
	const formats = new Map<number, string>();
	const styles: Style[] = [];
	let inCellXfs = false;
	await parseXml(pkg.text(part, limits.partBytes, 'the styles'), 'the styles', {
		open(tag) {
			const name = localName(tag.name);
			if (name === 'numFmt') formats.set(Number(attribute(tag, 'numFmtId')), attribute(tag, 'formatCode') ?? '');
			else if (name === 'cellXfs') inCellXfs = true;
			else if (name === 'xf' && inCellXfs) {
				const id = Number(attribute(tag, 'numFmtId') ?? 0);
				const code = formats.get(id);
				styles.push(code === undefined ? {date: DATE_FORMAT_IDS.has(id), percent: PERCENT_FORMAT_IDS.has(id)} : {date: isDateFormat(code), percent: isPercentFormat(code)});
			}
		},
		close(name) {
			if (name === 'cellXfs') inCellXfs = false;
		},
		text() {},
	});
	return styles;
}

async function readSharedStrings(pkg: Package, part: string | undefined, limits: Limits): Promise<string[]> {
	if (part === undefined || !pkg.has(part)) return [];
	const strings: string[] = [];
	let inItem = false;
	let inText = false;
	let phonetic = 0;
	let text = '';
	const label = 'the shared strings';
	await parseXml(pkg.text(part, limits.sharedStringBytes, label), label, {
		open(tag) {
			const name = localName(tag.name);
			if (name === 'si') {
				inItem = true;
				text = '';
			} else if (name === 'rPh') phonetic++;
			else if (name === 't' && inItem && phonetic === 0) inText = true;
		},
		close(name) {
			if (name === 't') inText = false;
			else if (name === 'rPh') phonetic--;
			else if (name === 'si') {
				inItem = false;
				strings.push(decodeEscapes(text));
			}
		},
		text(chunk) {
			if (!inText) return;
			text += chunk;
			if (text.length > MAX_CELL_TEXT) throw new WorkbookError(`shared string ${strings.length + 1} holds more text than an Excel cell can (${MAX_CELL_TEXT.toLocaleString('en-GB')} characters)`);
		},
	});
	return strings;
}

/** Day serial to a Date: midnight UTC of the day Excel shows (1900 system, with its phantom 29 February 1900, or 1904). */
export function serialDate(serial: number, date1904: boolean): Date {
	const epoch = date1904 ? Date.UTC(1904, 0, 1) : serial < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
	return new Date(epoch + Math.round(serial * 86_400_000));
}

/** `B12` to column 2; 0 when it is not a cell reference. */
export function columnOf(reference: string): number {
	let column = 0;
	for (let i = 0; i < reference.length; i++) {
		const c = reference.charCodeAt(i) | 0x20;
		if (c < 0x61 || c > 0x7a) break;
		column = column * 26 + (c - 0x60);
	}
	return column;
}

/** An opened workbook: its sheets, read one at a time in any order; close it when done. */
export class Workbook {
	private constructor(
		private readonly pkg: Package,
		readonly sheets: SheetInfo[],
		/** The workbook is marked to be recalculated on opening (XlsxWriter, pandas): a saved 0 may be a placeholder. */
		readonly recalculate: boolean,
		private readonly date1904: boolean,
		private readonly styles: Style[],
		private readonly strings: string[],
		private readonly limits: Limits,
	) {}

	static async open(path: string, limits: Limits = LIMITS): Promise<Workbook> {
		const format = sniffFormat(path);
		if (format === 'cfb') throw new WorkbookError(describeCompoundFile(path));
		if (format !== 'zip') throw new WorkbookError('it is not an Excel .xlsx workbook (save it from Excel as .xlsx, or as CSV UTF-8)');
		const pkg = await Package.open(path, limits);
		try {
			return await Workbook.read(pkg, limits);
		} catch (error) {
			pkg.close();
			throw error;
		}
	}

	private static async read(pkg: Package, limits: Limits): Promise<Workbook> {
		if (pkg.has('mimetype') || pkg.has('content.xml')) {
			throw new WorkbookError('it is an OpenDocument spreadsheet (.ods): open it in LibreOffice or Excel and save it as .xlsx (Excel 2007-365)');
		}
		const root = await readRelationships(pkg, '', limits);
		const office = [...root.values()].find(rel => rel.type === 'officeDocument');
		const workbookPart = office?.target ?? (pkg.has('xl/workbook.xml') ? 'xl/workbook.xml' : null);
		if (workbookPart === null || /\.bin$/i.test(workbookPart) || pkg.has('xl/workbook.bin')) {
			if (workbookPart !== null ? /\.bin$/i.test(workbookPart) : pkg.has('xl/workbook.bin')) {
				throw new WorkbookError('it is an Excel binary workbook (.xlsb): open it in Excel and save it as .xlsx (Excel Workbook)');
			}
			if (office !== undefined && office.target === null) throw new WorkbookError(`its workbook part is named outside the package (${office.raw.slice(0, 60)})`);
			throw new WorkbookError('it is a zip file but not an Excel .xlsx workbook (no workbook part)');
		}
		const rels = await readRelationships(pkg, workbookPart, limits);
		const listed: Array<{name: string; hidden: boolean; id: string}> = [];
		let date1904 = false;
		let recalculate = false;
		await parseXml(pkg.text(workbookPart, limits.partBytes, 'the workbook part'), 'the workbook part', {
			open(tag) {
				const name = localName(tag.name);
				if (name === 'sheet') {
					const state = attribute(tag, 'state') ?? 'visible';
					listed.push({name: attribute(tag, 'name') ?? '', hidden: state !== 'visible', id: attribute(tag, 'id', true) ?? ''});
				} else if (name === 'workbookPr') date1904 = /^(1|true)$/i.test(attribute(tag, 'date1904') ?? '');
				else if (name === 'calcPr') recalculate = /^(1|true)$/i.test(attribute(tag, 'fullCalcOnLoad') ?? '');
			},
			close() {},
			text() {},
		});
		const sheets: SheetInfo[] = [];
		let total = 0;
		for (const sheet of listed) {
			const rel = rels.get(sheet.id);
			if (rel === undefined) throw new WorkbookError(`sheet "${sheet.name}" has no relationship ${sheet.id} in the workbook`);
			// Chart sheets, dialog and macro sheets hold no cells to read.
			if (rel.type !== 'worksheet') continue;
			if (rel.target === null) throw new WorkbookError(`sheet "${sheet.name}" points outside the workbook (${rel.raw.slice(0, 60)})`);
			if (!pkg.has(rel.target)) throw new WorkbookError(`sheet "${sheet.name}" is missing from the workbook (${rel.target})`);
			total += pkg.size(rel.target);
			sheets.push({name: sheet.name, hidden: sheet.hidden, part: rel.target});
		}
		if (total > limits.totalSheetBytes) {
			throw new WorkbookError(`its sheets would inflate to ${Math.round(total / (1024 * 1024))} MiB, more than the loader reads (at most ${Math.round(limits.totalSheetBytes / (1024 * 1024))} MiB)`);
		}
		const partOf = (type: string) => [...rels.values()].find(rel => rel.type === type)?.target ?? undefined;
		const styles = await readStyles(pkg, partOf('styles'), limits);
		const strings = await readSharedStrings(pkg, partOf('sharedStrings'), limits);
		return new Workbook(pkg, sheets, recalculate, date1904, styles, strings, limits);
	}

	/** A sheet's non-empty rows in order, streamed. */
	async *rows(sheet: SheetInfo): AsyncGenerator<SheetRow> {
		const label = `sheet "${sheet.name}"`;
		const {strings, styles, date1904, recalculate} = this;
		const ready: SheetRow[] = [];
		let row: SheetRow | null = null;
		let rowNumber = 0;
		let column = 0;
		let type = '';
		let style = 0;
		let formula = false;
		let value: string | null = null;
		let inline: string | null = null;
		let reading: 'v' | 't' | null = null;
		let phonetic = 0;
		let inInline = false;
		const cellError = (message: string) => new WorkbookError(`${label} ${rowNumber > 0 && column > 0 ? `cell ${columnLetter(column)}${rowNumber} ` : ''}${message}`);

		const finishCell = (): Cell => {
			if (type === 'inlineStr') {
				const text = decodeEscapes(inline ?? '').trim();
				return text === '' ? EMPTY : {kind: 'text', text};
			}
			if (value === null || (type !== 's' && type !== 'str' && value === '')) return formula ? {kind: 'unsaved'} : EMPTY;
			switch (type) {
				case 's': {
					const index = Number(value);
					const text = strings[index];
					if (!Number.isInteger(index) || text === undefined) throw cellError(`names shared string ${value.slice(0, 12)}, which the workbook does not have`);
					const trimmed = text.trim();
					return trimmed === '' ? EMPTY : {kind: 'text', text: trimmed};
				}
				case 'str': {
					if (formula && recalculate && value === '') return {kind: 'unsaved'};
					const text = decodeEscapes(value).trim();
					return text === '' ? EMPTY : {kind: 'text', text};
				}
				case 'b':
					if (formula && recalculate && value === '0') return {kind: 'unsaved'};
					return {kind: 'boolean', value: value.trim() === '1' || value.trim().toLowerCase() === 'true'};
				case 'e':
					return {kind: 'error', text: value.trim()};
				case 'd': {
					const text = value.trim();
					const date = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) || !text.includes('T') ? text : `${text}Z`);
					return Number.isNaN(date.getTime()) ? {kind: 'error', text: '#DATE!'} : {kind: 'date', date};
				}
				default: {
					const number = Number(value);
					if (value.trim() === '' || !Number.isFinite(number)) return {kind: 'error', text: '#NUM!'};
					if (formula && recalculate && number === 0) return {kind: 'unsaved'};
					const format = styles[style];
					if (format?.date === true) return {kind: 'date', date: serialDate(number, date1904)};
					return {kind: 'number', value: number, percent: format?.percent === true};
				}
			}
		};

		const parser = xmlParser(label, {
				open(tag) {
					const name = localName(tag.name);
					switch (name) {
						case 'row': {
							const r = attribute(tag, 'r');
							rowNumber = r === undefined ? rowNumber + 1 : Number(r);
							if (!Number.isInteger(rowNumber) || rowNumber < 1 || rowNumber > MAX_ROW) throw new WorkbookError(`${label} has a row numbered ${String(r).slice(0, 12)}, outside Excel's 1 to ${MAX_ROW.toLocaleString('en-GB')}`);
							row = {number: rowNumber, cells: []};
							column = 0;
							return;
						}
						case 'c': {
							const r = attribute(tag, 'r');
							column = r === undefined ? column + 1 : columnOf(r);
							if (column < 1 || column > MAX_COLUMN) throw cellError(`has a cell reference ${String(r).slice(0, 12)} outside Excel's columns A to XFD`);
							type = attribute(tag, 't') ?? 'n';
							style = Number(attribute(tag, 's') ?? 0);
							formula = false;
							value = null;
							inline = null;
							return;
						}
						case 'v':
							reading = 'v';
							value = '';
							return;
						case 'f':
							formula = true;
							return;
						case 'is':
							inInline = true;
							inline = '';
							return;
						case 'rPh':
							phonetic++;
							return;
						case 't':
							if (inInline && phonetic === 0) reading = 't';
							return;
					}
				},
				close(name) {
					switch (name) {
						case 'v':
						case 't':
							reading = null;
							return;
						case 'is':
							inInline = false;
							return;
						case 'rPh':
							phonetic--;
							return;
						case 'c': {
							if (row === null) throw cellError('is outside a row');
							const cell = finishCell();
							if (cell.kind !== 'empty') {
								const cells = row.cells;
								// Writers give cells left to right; one that does not is put in its place.
								if (cells.length > 0 && cells[cells.length - 1]!.column >= column) {
									const at = cells.findIndex(existing => existing.column >= column);
									if (cells[at]!.column === column) cells[at] = {column, cell};
									else cells.splice(at, 0, {column, cell});
								} else cells.push({column, cell});
							}
							return;
						}
						case 'row':
							if (row !== null && row.cells.length > 0) ready.push(row);
							row = null;
							return;
					}
				},
				text(chunk) {
					if (reading === 'v') {
						value += chunk;
						if (value!.length > MAX_CELL_TEXT) throw cellError(`holds more text than an Excel cell can (${MAX_CELL_TEXT.toLocaleString('en-GB')} characters)`);
					} else if (reading === 't') {
						inline += chunk;
						if (inline!.length > MAX_CELL_TEXT) throw cellError(`holds more text than an Excel cell can (${MAX_CELL_TEXT.toLocaleString('en-GB')} characters)`);
					}
				},
		});
		// Rows are handed on as each chunk is parsed, so a sheet is never held whole.
		for await (const chunk of this.pkg.text(sheet.part, this.limits.sheetBytes, label)) {
			parser.write(chunk);
			if (ready.length > 0) yield* ready.splice(0);
		}
		parser.end();
		yield* ready;
	}

	close(): void {
		this.pkg.close();
	}
}

/** Every sheet in workbook order, with its rows; the workbook is closed when the iteration ends. */
export async function* readWorkbook(path: string): AsyncGenerator<SheetInfo & {rows: AsyncIterable<SheetRow>}> {
	const workbook = await Workbook.open(path);
	try {
		for (const sheet of workbook.sheets) yield {...sheet, rows: workbook.rows(sheet)};
	} finally {
		workbook.close();
	}
}

/** Excel's column letters: 1 is A, 27 is AA. */
export function columnLetter(column: number): string {
	let letters = '';
	for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
	return letters;
}

/** A calendar day from a workbook's date: midnight UTC of the day Excel shows. */
export function isoDate(date: Date): string {
	return date.toISOString().slice(0, 10);
}

/** The row's cells by column, for readers that look cells up by position. */
export function cellsByColumn(row: SheetRow): Map<number, Cell> {
	return new Map(row.cells.map(({column, cell}) => [column, cell]));
}
