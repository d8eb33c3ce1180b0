import {openCsvSource} from './csv-source.js';
import type {Report, RowSource} from './row-source.js';
import {openWorkbookSources} from './workbook-source.js';
import {sniffFormat} from './xlsx-package.js';

// Which reader a file given to the loader needs: a zip or an OLE compound file (whatever its name),
// or a file named as a spreadsheet, is a workbook, which gives one source per sheet (numbered
// from `index` up, in sheet order) or says what to save it as; anything else is CSV.

const SPREADSHEET_NAME = /\.(xlsx|xlsm|xltx|xltm|xlsb|xls|ods|numbers)$/i;

export function looksLikeWorkbook(path: string): boolean {
	return SPREADSHEET_NAME.test(path) || sniffFormat(path) !== 'other';
}

/** The sources in one file; none (with problems reported) when it cannot be read. */
export async function openSources(path: string, index: number, report: Report): Promise<RowSource[]> {
	if (looksLikeWorkbook(path)) return openWorkbookSources(path, index, report);
	const source = await openCsvSource(path, index, report);
	return source === null ? [] : [source];
}
