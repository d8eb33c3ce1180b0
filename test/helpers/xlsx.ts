// Hand-made .xlsx packages for the reader's tests: any XML, any zip entry order, any declared
// size (a part may claim to be smaller or larger than it inflates to), as hostile or unusual
// writers make them.
import fs from 'node:fs';
import zlib from 'node:zlib';

export type ZipEntry = {
	name: string;
	data: string | Buffer;
	/** The inflated size the zip declares (default: the true one). */
	declared?: number;
	/** Store instead of deflate. */
	stored?: boolean;
	/** Already deflated bytes to use as the entry's data (with `declared`). */
	raw?: Buffer;
};

/** A zip file of the entries in the order given. */
export function zip(entries: ZipEntry[]): Buffer {
	const locals: Buffer[] = [];
	const centrals: Buffer[] = [];
	let offset = 0;
	for (const entry of entries) {
		const data = typeof entry.data === 'string' ? Buffer.from(entry.data) : entry.data;
		const body = entry.raw ?? (entry.stored ? data : zlib.deflateRawSync(data));
		const name = Buffer.from(entry.name);
		const size = entry.declared ?? data.length;
		const crc = zlib.crc32(data);
		const method = entry.stored ? 0 : 8;
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(20, 4);
		local.writeUInt16LE(0x0800, 6);
		local.writeUInt16LE(method, 8);
		local.writeUInt32LE(crc, 14);
		local.writeUInt32LE(body.length, 18);
		local.writeUInt32LE(size, 22);
		local.writeUInt16LE(name.length, 26);
		const central = Buffer.alloc(46);
		central.writeUInt32LE(0x02014b50, 0);
		central.writeUInt16LE(20, 4);
		central.writeUInt16LE(20, 6);
		central.writeUInt16LE(0x0800, 8);
		central.writeUInt16LE(method, 10);
		central.writeUInt32LE(crc, 16);
		central.writeUInt32LE(body.length, 20);
		central.writeUInt32LE(size, 24);
		central.writeUInt16LE(name.length, 28);
		central.writeUInt32LE(offset, 42);
		locals.push(local, name, body);
		centrals.push(central, name);
		offset += local.length + name.length + body.length;
	}
	const directory = Buffer.concat(centrals);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(entries.length, 8);
	end.writeUInt16LE(entries.length, 10);
	end.writeUInt32LE(directory.length, 12);
	end.writeUInt32LE(offset, 16);
	return Buffer.concat([...locals, directory, end]);
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';

export type SheetSpec = {
	name: string;
	/** The <sheetData> content (rows), or a whole worksheet part when it starts with `<?xml` or `<worksheet`. */
	xml: string;
	state?: 'hidden' | 'veryHidden';
	/** The relationship's target as written (default `worksheets/sheetN.xml`). */
	target?: string;
	targetMode?: 'External';
	/** Where the part is stored (default from the target). */
	part?: string;
	declared?: number;
};

export type BookSpec = {
	sheets: SheetSpec[];
	sharedStrings?: string[];
	/** Raw sharedStrings part (instead of `sharedStrings`). */
	sharedStringsXml?: string;
	sharedStringsDeclared?: number;
	/** numFmt codes of the cellXfs, index = style `s` (0 is General). */
	styles?: string[];
	fullCalcOnLoad?: boolean;
	/** Put the workbook and shared strings after the sheets, as some writers do. */
	workbookLast?: boolean;
};

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Inline-string cells of one row, as Apache POI's streaming writer writes them. */
export function inlineRow(row: number, values: Array<string | number | null>): string {
	const cells = values
		.map((value, i) => {
			if (value === null) return '';
			const ref = `${String.fromCharCode(65 + i)}${row}`;
			return typeof value === 'number' ? `<c r="${ref}"><v>${value}</v></c>` : `<c r="${ref}" t="inlineStr"><is><t>${escape(value)}</t></is></c>`;
		})
		.join('');
	return `<row r="${row}">${cells}</row>`;
}

export function xlsx(spec: BookSpec): Buffer {
	const sheetEntries: ZipEntry[] = [];
	const rels: string[] = [];
	const sheets: string[] = [];
	spec.sheets.forEach((sheet, i) => {
		const target = sheet.target ?? `worksheets/sheet${i + 1}.xml`;
		const part = sheet.part ?? (target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`);
		rels.push(`<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="${escape(target)}"${sheet.targetMode ? ` TargetMode="${sheet.targetMode}"` : ''}/>`);
		sheets.push(`<sheet name="${escape(sheet.name)}" sheetId="${i + 1}"${sheet.state ? ` state="${sheet.state}"` : ''} r:id="rId${i + 1}"/>`);
		const xml = /^\s*<(\?xml|worksheet)/.test(sheet.xml) ? sheet.xml : `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}"><sheetData>${sheet.xml}</sheetData></worksheet>`;
		if (sheet.targetMode !== 'External') sheetEntries.push({name: part, data: xml, ...(sheet.declared === undefined ? {} : {declared: sheet.declared})});
	});
	const n = spec.sheets.length;
	rels.push(`<Relationship Id="rId${n + 1}" Type="${REL}/styles" Target="styles.xml"/>`);
	const hasStrings = spec.sharedStrings !== undefined || spec.sharedStringsXml !== undefined;
	if (hasStrings) rels.push(`<Relationship Id="rId${n + 2}" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>`);
	const formats = (spec.styles ?? []).map((code, i) => ({code, id: 164 + i}));
	const styles = `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="${MAIN}"><numFmts count="${formats.length}">${formats.map(f => `<numFmt numFmtId="${f.id}" formatCode="${escape(f.code)}"/>`).join('')}</numFmts><cellXfs count="${formats.length + 1}"><xf numFmtId="0"/>${formats.map(f => `<xf numFmtId="${f.id}" applyNumberFormat="1"/>`).join('')}</cellXfs></styleSheet>`;
	const workbook: ZipEntry[] = [
		{
			name: 'xl/workbook.xml',
			data: `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets>${sheets.join('')}</sheets>${spec.fullCalcOnLoad ? '<calcPr fullCalcOnLoad="1"/>' : ''}</workbook>`,
		},
		{name: 'xl/_rels/workbook.xml.rels', data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG}">${rels.join('')}</Relationships>`},
		{name: 'xl/styles.xml', data: styles},
	];
	if (hasStrings) {
		const xml = spec.sharedStringsXml ?? `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN}">${spec.sharedStrings!.map(text => `<si><t xml:space="preserve">${escape(text)}</t></si>`).join('')}</sst>`;
		workbook.push({name: 'xl/sharedStrings.xml', data: xml, ...(spec.sharedStringsDeclared === undefined ? {} : {declared: spec.sharedStringsDeclared})});
	}
	const head: ZipEntry[] = [
		{name: '[Content_Types].xml', data: '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'},
		{name: '_rels/.rels', data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
	];
	return zip(spec.workbookLast ? [...head, ...sheetEntries, ...workbook] : [...head, ...workbook, ...sheetEntries]);
}

export function writeXlsx(file: string, spec: BookSpec): string {
	fs.writeFileSync(file, xlsx(spec));
	return file;
}
