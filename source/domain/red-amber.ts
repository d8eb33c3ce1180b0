import {formatPeriod} from './periods.js';
import type {Direction} from './rag.js';
import type {IndicatorMonth} from './scorecard.js';
import {ALL_TEAM, RAG_LABELS, type Rag, type Trend, type Unit} from './types.js';
import {formatChange, formatNumber, formatValue} from './units.js';

// What the meeting looks for first: red and amber, in the grid and in the team matrix; the
// grid's sort orders; a team's figure in words.

export function isRedOrAmber(indicator: IndicatorMonth): boolean {
	return isRedOrAmberRag(indicator.rag);
}

export function isRedOrAmberRag(rag: Rag | null | undefined): boolean {
	return rag === 'red' || rag === 'amber';
}

/** Any team's (or the whole service's) figure is red or amber. */
export function hasRedOrAmberCell(row: IndicatorMonth): boolean {
	return isRedOrAmber(row) || row.teams.some(team => isRedOrAmberRag(team.rag));
}

export type MatrixCell = {
	value: number;
	numerator: number | null;
	denominator: number | null;
	rag: Rag;
	trend: Trend | null;
	direction: Direction | null;
	change: number | null;
};

/** One team's (or, for ALL, the whole service's) figure for an indicator; null when there is none. */
export function matrixCell(row: IndicatorMonth, column: string): MatrixCell | null {
	if (column === ALL_TEAM) {
		if (row.value === null) return null;
		return {
			value: row.value,
			numerator: row.numerator,
			denominator: row.denominator,
			rag: row.rag,
			trend: row.trend,
			direction: row.direction,
			change: row.previousValue === null ? null : row.value - row.previousValue,
		};
	}
	const team = row.teams.find(figure => figure.team === column);
	return team ? {...team} : null;
}

export type CellAddress = {row: string; column: string};

/**
 * The next red or amber cell after `from`, reading row by row (columns in order), wrapping
 * round; `direction` -1 reads backwards. Null when there is none.
 */
export function nextRedOrAmberCell(rows: IndicatorMonth[], columns: string[], from: CellAddress, direction: 1 | -1): CellAddress | null {
	const cells: CellAddress[] = rows.flatMap(row => columns.map(column => ({row: row.code, column})));
	if (cells.length === 0) return null;
	const byCode = new Map(rows.map(row => [row.code, row]));
	const start = Math.max(
		0,
		cells.findIndex(cell => cell.row === from.row && cell.column === from.column),
	);
	for (let step = 1; step <= cells.length; step++) {
		const cell = cells[(start + direction * step + cells.length * step) % cells.length]!;
		if (isRedOrAmberRag(matrixCell(byCode.get(cell.row)!, cell.column)?.rag)) return cell;
	}
	return null;
}

export type SortKey = 'number' | 'worst' | 'change';
export const SORT_KEYS: SortKey[] = ['number', 'worst', 'change'];
export const SORT_NAMES: Record<SortKey, string> = {number: 'by number', worst: 'worst first', change: 'most change'};

const SEVERITY: Record<Rag, number> = {red: 0, amber: 1, green: 2, none: 3};
const TREND_ORDER = (trend: Trend | null) => (trend === 'worsening' ? 0 : trend === 'same' || trend === null ? 1 : 2);

/** How far the value moved on last month, relative to last month's value (so units compare). */
export function relativeChange(row: IndicatorMonth): number | null {
	if (row.value === null || row.previousValue === null) return null;
	if (row.previousValue === 0) return row.value === 0 ? 0 : Infinity;
	return Math.abs(row.value - row.previousValue) / Math.abs(row.previousValue);
}

/** The grid's orders: by number; worst first (red, amber, green, unrated; worsening first); most change first. */
export function sortIndicators(rows: IndicatorMonth[], key: SortKey): IndicatorMonth[] {
	const byNumber = (a: IndicatorMonth, b: IndicatorMonth) => a.number - b.number || a.code.localeCompare(b.code);
	const sorted = [...rows];
	if (key === 'number') return sorted.sort(byNumber);
	if (key === 'worst') return sorted.sort((a, b) => SEVERITY[a.rag] - SEVERITY[b.rag] || TREND_ORDER(a.trend) - TREND_ORDER(b.trend) || byNumber(a, b));
	return sorted.sort((a, b) => {
		const x = relativeChange(a);
		const y = relativeChange(b);
		if (x === null || y === null) return x === y ? byNumber(a, b) : x === null ? 1 : -1;
		return y - x || byNumber(a, b);
	});
}

export type RagCounts = Record<Rag, number>;

export function ragCounts(rows: IndicatorMonth[]): RagCounts {
	const counts: RagCounts = {red: 0, amber: 0, green: 0, none: 0};
	for (const row of rows) counts[row.rag]++;
	return counts;
}

/**
 * "3 red · 4 amber · 7 green" (and "1 not rated" when any are, "1 missing" for indicators with no
 * figure this month: not rated either, but for another reason).
 */
export function ragSummary(rows: IndicatorMonth[], separator = '·'): string {
	const counts = ragCounts(rows);
	const missing = rows.filter(row => row.value === null).length;
	const parts = [`${counts.red} red`, `${counts.amber} amber`, `${counts.green} green`];
	if (counts.none - missing > 0) parts.push(`${counts.none - missing} not rated`);
	if (missing > 0) parts.push(`${missing} missing`);
	return parts.join(` ${separator} `);
}

function formatCount(value: number): string {
	return formatNumber(value, Number.isInteger(value) ? 0 : 1);
}

/** "FA45 Other citywide teams: 63% (31/49), red, target 85%, down 14 pts on last month (worse)" */
export function describeCell(row: IndicatorMonth, teamName: string, cell: MatrixCell | null, period: string): string {
	const who = `${row.code} ${teamName}`;
	// Missing where a figure is due (the indicator has team figures, or it is the whole service's).
	if (!cell) return row.teams.length > 0 || row.value === null ? `${who}: missing, no figure for ${formatPeriod(period)}` : `${who}: no team breakdown for ${formatPeriod(period)}`;
	const fraction =
		row.unit !== 'count' && cell.numerator !== null && cell.denominator !== null
			? ` (${formatCount(cell.numerator)}/${formatCount(cell.denominator)})`
			: '';
	const parts = [
		`${formatValue(row.unit, cell.value)}${fraction}`,
		RAG_LABELS[cell.rag],
		row.target === null ? 'no target' : `target ${formatValue(row.unit, row.target)}`,
		changeWords(row.unit, cell),
	];
	return `${who}: ${parts.join(', ')}`;
}

export function changeWords(unit: Unit, cell: Pick<MatrixCell, 'change' | 'direction' | 'trend'>): string {
	if (cell.change === null) return 'no figure last month';
	const size = formatChange(unit, Math.abs(cell.change)).replace(/^[+±-]/, '');
	if (cell.direction === 'flat' || /^0(\.0)?( |$)/.test(size)) return 'same as last month';
	const judgement = cell.trend === 'improving' ? ' (better)' : cell.trend === 'worsening' ? ' (worse)' : '';
	const suffix = unit === 'rate_per_10k' ? ' /10k' : '';
	return `${cell.change > 0 ? 'up' : 'down'} ${size}${suffix} on last month${judgement}`;
}

/** The `/` filter: number, code or title containing the text, case-insensitive. */
export function matchesFilter(indicator: Pick<IndicatorMonth, 'number' | 'code' | 'title'>, filter: string): boolean {
	const needle = filter.trim().toLowerCase();
	if (!needle) return true;
	return [String(indicator.number), indicator.code, indicator.title].some(text => text.toLowerCase().includes(needle));
}
