import type {CsvFile, CsvRow} from './csv-file.js';
import type {FieldResult} from './fields.js';
import type {Problem} from './problems.js';

// The one row reader every kind's validator uses: a data row with its file's columns, collecting its own problems.

export type Where = {file: CsvFile; line: number};
export type Item<R> = {where: Where; record: R};

export class RowReader {
	failed = false;
	readonly where: Where;

	constructor(
		readonly file: CsvFile,
		private readonly row: CsvRow,
		private readonly problems: Problem[],
	) {
		this.where = {file, line: row.line};
	}

	has(name: string): boolean {
		return this.file.columns.has(name);
	}

	raw(name: string): string {
		const index = this.file.columns.get(name);
		return index === undefined ? '' : (this.row.fields[index] ?? '');
	}

	text(name: string): string {
		return this.raw(name).trim();
	}

	/** The row-level column is 1; otherwise the named column's place in this file's header. */
	fail(name: string | null, message: string): void {
		const index = name === null ? undefined : this.file.columns.get(name);
		this.problems.push({file: this.file.path, fileIndex: this.file.index, line: this.row.line, column: (index ?? 0) + 1, message});
		this.failed = true;
	}

	take<T>(name: string, result: FieldResult<T>): T | undefined {
		if (result.ok) return result.value;
		this.fail(name, result.message);
		return undefined;
	}
}

/** The first place each key was seen, so a second one names both. */
export class KeySet {
	private readonly seen = new Map<string, Where>();

	constructor(private readonly rule: string) {}

	/** False (and a problem on `row`) when the key was already in the load; `label` is made only then. */
	claim(row: RowReader, key: string, label: () => string): boolean {
		const first = this.seen.get(key);
		if (first === undefined) {
			this.seen.set(key, row.where);
			return true;
		}
		const place = first.file === row.file ? `line ${first.line}` : `${first.file.path}:${first.line}`;
		row.fail(null, `${label()} is also on ${place} (${this.rule})`);
		return false;
	}
}

export const joinKey = (...parts: string[]): string => parts.join('\u0000');
