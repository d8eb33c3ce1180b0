// A user's mistake in a file: data to report, never an exception.
export type Problem = {
	file: string;
	/** Position of the file in the command, so reports follow the order files were given. */
	fileIndex: number;
	line: number;
	column: number;
	message: string;
};

export const MAX_PRINTED_PROBLEMS = 50;

/** Where a problem is, when not `FILE:LINE:COLUMN` (a workbook's sheet and cell). */
export type Locate = (problem: Problem) => string | undefined;

export function formatProblem(problem: Problem, locate?: Locate): string {
	const where = locate?.(problem) ?? `${problem.file}:${problem.line}:${problem.column}`;
	// One line, and nothing from a file that a terminal would act on.
	// eslint-disable-next-line no-control-regex
	return `${where}: ${problem.message}`.replace(/[\u0000-\u001F\u007F-\u009F]/g, '?');
}

export function sortProblems(problems: readonly Problem[]): Problem[] {
	return [...problems].sort((a, b) => a.fileIndex - b.fileIndex || a.line - b.line || a.column - b.column);
}

/** The lines to print: at most 50 problems, a count of the rest, then what happened to the store. */
export function formatProblems(problems: readonly Problem[], store: string, locate?: Locate): string[] {
	const sorted = sortProblems(problems);
	const lines = sorted.slice(0, MAX_PRINTED_PROBLEMS).map(problem => formatProblem(problem, locate));
	const more = sorted.length - MAX_PRINTED_PROBLEMS;
	if (more > 0) lines.push(`… and ${more} more ${more === 1 ? 'error' : 'errors'}`);
	lines.push(`nothing was loaded into ${store} (${sorted.length} ${sorted.length === 1 ? 'error' : 'errors'})`);
	return lines;
}
