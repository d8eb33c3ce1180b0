import {displayLine, excerpt} from '../domain/text.js';

// A user's mistake in a file: data to report, never an exception.
export type Problem = {
	file: string;
	/** Position of the source in the command, so reports follow the order files were given. */
	fileIndex: number;
	line: number;
	column: number;
	message: string;
	/** A workbook's sheet and the cell (e.g. `D5`): reported as `FILE [SHEET] row LINE (CELL): message`. */
	sheet?: string;
	cell?: string;
};

export const MAX_PRINTED_PROBLEMS = 50;
// A message quotes at most short excerpts; this bounds one whatever it was given.
const MAX_MESSAGE = 400;

export function formatProblem(problem: Problem): string {
	const where =
		problem.sheet === undefined
			? `${problem.file}:${problem.line}:${problem.column}`
			: `${problem.file} [${problem.sheet}] row ${problem.line}${problem.cell === undefined ? '' : ` (${problem.cell})`}`;
	// One line, and nothing from a file (its name, a sheet's name, a cell) that a terminal would act on.
	return displayLine(`${excerpt(where, MAX_MESSAGE)}: ${excerpt(problem.message, MAX_MESSAGE)}`);
}

const order = (a: Problem, b: Problem): number => a.fileIndex - b.fileIndex || a.line - b.line || a.column - b.column;

export function sortProblems(problems: readonly Problem[]): Problem[] {
	return [...problems].sort(order);
}

/**
 * Every problem of a load is counted; only the first ones in file and line order are kept, so a
 * file where every one of millions of rows is wrong costs no more memory than one with a few.
 */
export class ProblemLog {
	private kept: Problem[] = [];
	private counted = 0;

	get total(): number {
		return this.counted;
	}

	push(problem: Problem): void {
		this.counted++;
		this.kept.push(problem);
		// Sorting is stable: problems of one line keep the order they were found in.
		if (this.kept.length > 20 * MAX_PRINTED_PROBLEMS) this.kept = this.kept.sort(order).slice(0, MAX_PRINTED_PROBLEMS);
	}

	/** `shown` are the first of `total` problems of one sort (counted in a query, say): the rest are counted only. */
	pushFirst(shown: readonly Problem[], total: number): void {
		for (const problem of shown) this.push(problem);
		this.counted += total - shown.length;
	}

	first(): Problem[] {
		return this.kept.sort(order).slice(0, MAX_PRINTED_PROBLEMS);
	}
}

/** The lines to print: at most 50 problems, a count of the rest, then what happened to the store. */
export function formatProblems(log: ProblemLog, store: string): string[] {
	const lines = log.first().map(formatProblem);
	const total = log.total;
	const more = total - lines.length;
	if (more > 0) lines.push(`… and ${more} more ${more === 1 ? 'error' : 'errors'}`);
	lines.push(`nothing was loaded into ${store} (${total} ${total === 1 ? 'error' : 'errors'})`);
	return lines;
}
