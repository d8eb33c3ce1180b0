import type {FieldResult} from './fields.js';
import type {ProblemLog} from './problems.js';
import {fieldText, type RowSource, type SourceRecord} from './row-source.js';

// The one row reader every kind's validator uses: a record with its source's columns, collecting its own problems.

export type Where = {source: RowSource; line: number};
export type Item<R> = {where: Where; record: R};

export class RowReader {
	failed = false;
	private place: Where | undefined;

	constructor(
		readonly source: RowSource,
		private readonly record: SourceRecord,
		private readonly problems: ProblemLog,
	) {}

	/** Made when asked for (a catalogue row's): a data row never needs it. */
	get where(): Where {
		return (this.place ??= {source: this.source, line: this.record.line});
	}

	has(name: string): boolean {
		return this.source.columns.has(name);
	}

	raw(name: string): string {
		return fieldText(this.record.cells[name]);
	}

	text(name: string): string {
		return this.raw(name).trim();
	}

	/** The row-level problem (`name` null) is in column 1; otherwise in the named column. */
	fail(name: string | null, message: string): void {
		this.problems.push(problemAt(this.source, this.record.line, name, message));
		this.failed = true;
	}

	take<T>(name: string, result: FieldResult<T>): T | undefined {
		if (result.ok) return result.value;
		this.fail(name, result.message);
		return undefined;
	}
}

export function problemAt(source: RowSource, line: number, column: string | null, message: string) {
	const cell = source.cellRef?.(column, line);
	return {
		file: source.path,
		fileIndex: source.index,
		line,
		column: source.columnNumber(column),
		message,
		...(source.sheet === undefined ? {} : {sheet: source.sheet}),
		...(cell === undefined ? {} : {cell}),
	};
}

/** "line N" in the same source, else "FILE:N" (or "FILE [SHEET] row N"). */
export function placeOf(first: Where, from: RowSource): string {
	if (first.source === from) return `line ${first.line}`;
	return first.source.sheet === undefined ? `${first.source.path}:${first.line}` : `${first.source.path} [${first.source.sheet}] row ${first.line}`;
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
		row.fail(null, `${label()} is also on ${placeOf(first, row.source)} (${this.rule})`);
		return false;
	}
}

export const joinKey = (...parts: string[]): string => parts.join('\u0000');
