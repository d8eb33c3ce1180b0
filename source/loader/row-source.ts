import type {Dataset} from '../domain/dfe-files.js';
import type {Kind} from './kinds.js';
import type {Problem} from './problems.js';

// The loader's input: any file (a CSV file, a workbook's sheet) is a row source, read as a stream
// of records keyed by column name, so every kind's validators serve every format.

/** A cell as a format holds it: text, a number, a date (a workbook's date cell), or empty. */
export type FieldValue = string | number | Date | null;

export type SourceRecord = {
	/** The record's line (CSV, 1-based physical line where it starts) or row (a sheet). */
	line: number;
	/** Lower-case column name to cell; a column of the kind the source lacks is absent. */
	cells: Readonly<Record<string, FieldValue>>;
};

/** Where a source's problems are reported: problems carry the source's path, sheet and index. */
export type Report = (problem: Omit<Problem, 'file' | 'fileIndex' | 'sheet'>) => void;

export interface RowSource {
	/** The file as the command named it. */
	readonly path: string;
	/** Place in the load's order of sources: problems are sorted by it, then by line. */
	readonly index: number;
	/** A workbook's sheet name; absent for a CSV file. */
	readonly sheet?: string;
	readonly kind: Kind;
	/** Which DfE publication a `published` source is. */
	readonly dataset?: Dataset;
	/** Lower-case column names present in the source's header. */
	readonly columns: ReadonlySet<string>;
	/** The 1-based column number of `column` (the row-level column is 1). */
	columnNumber(column: string | null): number;
	/** A sheet's cell reference for a problem, e.g. `D5`; absent for CSV. */
	cellRef?(column: string | null, line: number): string;
	/** Every data record, read afresh from the start on each call; a source reports its own read problems. */
	records(report: Report): AsyncIterable<SourceRecord>;
	/** The same records a batch at a time, when the source reads them so (a CSV file): fewer awaits for a big file. */
	batches?(report: Report): AsyncIterable<readonly SourceRecord[]>;
	/** The file holds personal data (a child-level extract): the load log keys its fingerprint. Caseloads always do. */
	readonly personal?: boolean;
	/** SHA-256 of the file's bytes and the number of data records: known once records() has been read through. */
	readonly sha256: string;
	readonly rows: number;
	/** The file's size in bytes, where its rows are counted only as they are read (a CSV file): a bound on how many it can hold. */
	readonly bytes?: number;
	/** What the summary should say about how the source was read (a hidden sheet, an encoding). */
	readonly notes?: readonly string[];
}

/**
 * A cell as the validators read it: text as given, a number in full, a date as its month
 * (YYYY-MM, UTC as workbook readers give dates): every date column of every kind is a month.
 */
export function fieldText(cell: FieldValue | undefined): string {
	if (cell === null || cell === undefined) return '';
	if (typeof cell === 'string') return cell;
	if (typeof cell === 'number') return String(cell);
	return `${String(cell.getUTCFullYear()).padStart(4, '0')}-${String(cell.getUTCMonth() + 1).padStart(2, '0')}`;
}
