import {openCsvSource} from './csv-source.js';
import type {Report, RowSource} from './row-source.js';
import {looksLikeWorkbook} from './workbook.js';
import {openWorkbookSources} from './workbook-source.js';

// Which reader a file given to the loader needs: an .xlsx workbook gives one source per sheet
// (numbered from `index` up, in sheet order); anything else is CSV.

/** The sources in one file; none (with problems reported) when it cannot be read. */
export async function openSources(path: string, index: number, report: Report): Promise<RowSource[]> {
	if (looksLikeWorkbook(path)) return openWorkbookSources(path, index, report);
	const source = await openCsvSource(path, index, report);
	return source === null ? [] : [source];
}
