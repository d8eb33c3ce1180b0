import {formatPeriod, monthsBetween} from '../domain/periods.js';
import type {LoadSummary} from './pipeline.js';

// What a load says when it succeeds.

// Counts as toLocaleString('en-GB') writes them (1,234,567), without the ~10 ms its first call
// spends loading locale data.
const grouped = (count: number): string => String(count).replace(/\B(?=(\d{3})+$)/g, ',');

const plural = (count: number, word: string): string => `${grouped(count)} ${count === 1 ? word : `${word}s`}`;

/** A few lines for the terminal: where, which months, and per kind what was added, changed or already there. */
export function formatSummary(summary: LoadSummary): string {
	const lines: string[] = [];
	if (summary.dryRun) lines.push('dry run: nothing written');
	lines.push(`store: ${summary.store}`);
	const {months} = summary;
	if (months.length === 0) lines.push('months: none (definitions only)');
	else if (months.length === 1) lines.push(`months: ${formatPeriod(months[0]!)}`);
	else {
		const first = months[0]!;
		const last = months[months.length - 1]!;
		const span = monthsBetween(first, last) + 1;
		const gaps = span === months.length ? '' : `, ${plural(months.length, 'month')} with data`;
		lines.push(`months: ${formatPeriod(first)} to ${formatPeriod(last)} (${plural(span, 'month')}${gaps})`);
	}
	const width = Math.max(...summary.kinds.map(kind => kind.kind.length), 0);
	const changedWord = summary.replace ? 'replace' : 'change';
	for (const kind of summary.kinds) {
		// DfE's newer releases revise figures (the previous ones kept in history) without --replace.
		const word = kind.revised ? 'revise' : changedWord;
		// A dry run wrote nothing, so it speaks in the conditional.
		const counts = summary.dryRun
			? `would add ${grouped(kind.added)}, would ${word} ${grouped(kind.changed)}, ${grouped(kind.unchanged)} unchanged`
			: `${grouped(kind.added)} added, ${grouped(kind.changed)} ${word}d, ${grouped(kind.unchanged)} unchanged`;
		lines.push(`${kind.kind.padEnd(width)}  ${counts}`);
	}
	for (const file of summary.published ?? []) {
		const years = file.first === null ? '' : file.first === file.release ? `, ${file.first}` : `, ${file.first} to ${file.release}`;
		const notRead = file.notRead === 0 ? '' : `; ${plural(file.notRead, 'row')} of other breakdowns or levels not read`;
		const taken = file.dataset === 'neighbours' ? plural(file.figures, 'neighbour link') : plural(file.figures, 'figure');
		lines.push(`  ${file.path}: ${file.title}${years}: ${plural(file.rows, 'row')}, ${taken}${notRead}`);
	}
	const benchmarks = summary.benchmarks;
	if (benchmarks !== undefined) {
		const who = benchmarks.authority === null ? 'national only (no la_code setting: regional, neighbours and own figures need it)' : `for ${benchmarks.authority}`;
		const {added, changed, removed, unchanged} = benchmarks;
		const counts = summary.dryRun
			? `would add ${grouped(added)}, would revise ${grouped(changed)}, would remove ${grouped(removed)}, ${grouped(unchanged)} unchanged`
			: `${grouped(added)} added, ${grouped(changed)} revised, ${grouped(removed)} removed, ${grouped(unchanged)} unchanged`;
		lines.push(`published benchmarks ${who}: ${counts}`);
	}
	const derived = benchmarks === undefined ? 0 : benchmarks.added + benchmarks.changed + benchmarks.removed;
	const changes = summary.kinds.reduce((sum, kind) => sum + kind.added + kind.changed, 0) + derived;
	if (changes === 0) lines.push('nothing new: every row is already in the store');
	for (const note of summary.notes ?? []) lines.push(`note: ${note}`);
	return lines.join('\n');
}
