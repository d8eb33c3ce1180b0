import fs from 'node:fs';
import {openCsvSource} from './csv-source.js';
import type {Report, RowSource} from './row-source.js';

// Which reader a file given to the loader needs: an .xlsx workbook gives one source per sheet
// (numbered from `index` up, in sheet order); anything else is CSV. The workbook reader (and its
// dependencies, most of the loader's code) is loaded only when a workbook is given: a load of CSV
// files starts in less than half the time.

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** Named .xlsx, or a zip file whatever its name. */
export function looksLikeWorkbook(path: string): boolean {
	if (/\.xlsx$/i.test(path)) return true;
	try {
		const fd = fs.openSync(path, 'r');
		try {
			const head = Buffer.alloc(4);
			fs.readSync(fd, head, 0, 4, 0);
			return ZIP_MAGIC.every((byte, i) => head[i] === byte);
		} finally {
			fs.closeSync(fd);
		}
	} catch {
		return false;
	}
}

/** The sources in one file; none (with problems reported) when it cannot be read. */
export async function openSources(path: string, index: number, report: Report): Promise<RowSource[]> {
	if (looksLikeWorkbook(path)) {
		const {openWorkbookSources} = await import('./workbook-source.js');
		return openWorkbookSources(path, index, report);
	}
	const source = await openCsvSource(path, index, report);
	return source === null ? [] : [source];
}
