import {openCsvSource} from './csv-source.js';
import type {Report, RowSource} from './row-source.js';

// Which reader a file given to the loader needs. Every file is CSV today; a workbook reader
// returns one source per sheet (numbered from `index` up, in sheet order).

/** The sources in one file; none (with problems reported) when it cannot be read. */
export async function openSources(path: string, index: number, report: Report): Promise<RowSource[]> {
	const source = await openCsvSource(path, index, report);
	return source === null ? [] : [source];
}
