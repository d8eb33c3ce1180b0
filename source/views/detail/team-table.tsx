import React from 'react';
import {Line, type Block, type Segment} from '../../components/fitted-line.js';
import {fit} from '../../render/text-fit.js';
import type {IndicatorMonth} from '../../domain/scorecard.js';
import type {TeamHistory} from '../../domain/team-detail.js';
import {shortName} from '../../domain/text.js';
import {ALL_TEAM, type Rag} from '../../domain/types.js';
import {formatChange, formatNumber, formatValue} from '../../domain/units.js';
import {useTheme} from '../../hooks/use-theme.js';
import {ragToken, type Theme, type Token} from '../../theme.js';
import {cleanLine, cleanText} from './clean.js';

// The month's figures team by team, one line each and the whole service last, no rules between
// rows: name, counts, value, RAG, change on last month, previous 6 months. A team the detail is
// opened on is marked.

type Row = {team: string; name: string; counts: string; value: string; rag: Rag; change: string; previous6: string; marked: boolean};

type Column = {key: 'name' | 'counts' | 'value' | 'rag' | 'change' | 'previous6'; header: string; right: boolean};

export type TeamTable = {rows: Row[]; columns: Array<Column & {width: number}>; width: number};

const GAP = 2;
const MARK = 2;
const MIN_NAME = 8;
const READABLE_NAME = 16;
const SHORT_COUNTS = 'num / den';

function formatAmount(value: number | null): string {
	if (value === null || !Number.isFinite(value)) return '-';
	return formatNumber(value, Number.isInteger(value) ? 0 : 1);
}

/** The catalogue's words for the counts where it gives them ("in time / total"), else the general ones. */
export function countWords(indicator: IndicatorMonth & {numeratorLabel?: string | null; denominatorLabel?: string | null}): string {
	return `${indicator.numeratorLabel || 'numerator'} / ${indicator.denominatorLabel || 'denominator'}`;
}

/** The table's rows and column widths for `width` columns; null when the indicator has no team figures. */
export function teamTable(indicator: IndicatorMonth, histories: Map<string, TeamHistory> | null, team: string | undefined, width: number, theme: Theme): TeamTable | null {
	if (indicator.teams.length === 0) return null;
	const {unit} = indicator;
	const show = (text: string) => cleanText(text, theme);
	const previous6 = (code: string, service: number | null) => (histories ? show(formatValue(unit, code === ALL_TEAM ? service : (histories.get(code)?.previous6 ?? null))) : theme.glyphs.ellipsis);
	const counts = (numerator: number | null, denominator: number | null) => (numerator === null ? '-' : denominator === null ? formatAmount(numerator) : `${formatAmount(numerator)} / ${formatAmount(denominator)}`);
	const rows: Row[] = [
		...indicator.teams.map(figure => ({
			team: figure.team,
			name: cleanLine(shortName(figure.name), theme),
			counts: show(counts(figure.numerator, figure.denominator)),
			value: show(formatValue(unit, figure.value)),
			rag: figure.rag,
			change: show(formatChange(unit, figure.change)),
			previous6: previous6(figure.team, null),
			marked: figure.team === team,
		})),
		{
			team: ALL_TEAM,
			name: 'Whole service',
			counts: show(counts(indicator.numerator, indicator.denominator)),
			value: show(formatValue(unit, indicator.value)),
			rag: indicator.rag,
			change: show(formatChange(unit, indicator.value !== null && indicator.previousValue !== null ? indicator.value - indicator.previousValue : null)),
			previous6: show(formatValue(unit, indicator.previous6)),
			marked: false,
		},
	];
	// A count's numerator is its value: no counts column.
	const hasCounts = unit !== 'count' && rows.some(row => row.counts !== '-');
	const columns: Column[] = [
		{key: 'name', header: 'Team', right: false},
		...(hasCounts ? [{key: 'counts', header: cleanLine(countWords(indicator), theme), right: true} as Column] : []),
		{key: 'value', header: 'Value', right: true},
		{key: 'rag', header: 'RAG', right: false},
		{key: 'change', header: 'Change', right: true},
		{key: 'previous6', header: 'Prev 6m', right: true},
	];
	const cell = (row: Row, key: Column['key']) => (key === 'rag' ? theme.glyphs.rag[row.rag].trimEnd() : row[key]);
	const measure = (list: Column[]) => list.map(column => ({...column, width: Math.max(column.header.length, ...rows.map(row => cell(row, column.key).length))}));
	const total = (list: Array<{width: number}>) => MARK + list.reduce((sum, column) => sum + column.width, 0) + GAP * (list.length - 1);
	let sized = measure(columns);
	const nameRoom = () => width - total(sized.filter(column => column.key !== 'name')) - GAP;
	// Too wide: names are cut to a readable length, then the counts' header gives way to short
	// words, then the previous 6 months go, then the counts.
	if (nameRoom() < Math.min(READABLE_NAME, sized[0]!.width) && hasCounts) {
		const values = Math.max(...rows.map(row => row.counts.length));
		sized = sized.map(column => (column.key === 'counts' ? {...column, header: fit(SHORT_COUNTS, Math.max(values, SHORT_COUNTS.length)), width: Math.max(values, SHORT_COUNTS.length)} : column));
	}
	for (const drop of ['previous6', 'counts'] as const) {
		if (nameRoom() >= MIN_NAME) break;
		sized = sized.filter(column => column.key !== drop);
	}
	const nameColumn = sized.find(column => column.key === 'name')!;
	nameColumn.width = Math.max(MIN_NAME, Math.min(nameColumn.width, nameRoom()));
	return {rows, columns: sized, width: total(sized)};
}

function rowSegments(table: TeamTable, row: Row | null, theme: Theme): Segment[] {
	const g = theme.glyphs;
	const segments: Segment[] = [{text: row?.marked ? `${g.selected} ` : '  ', ...(row?.marked ? {token: 'selection' as Token} : {})}];
	table.columns.forEach((column, i) => {
		const raw = row === null ? column.header : column.key === 'rag' ? g.rag[row.rag].trimEnd() : row[column.key];
		const text = column.right ? fit(raw, column.width, g.ellipsis).padStart(column.width) : fit(raw, column.width, g.ellipsis).padEnd(column.width);
		const token: Token | undefined = row === null ? 'text.dim' : column.key === 'rag' ? ragToken(row.rag) : row.marked ? 'selection' : row.team === ALL_TEAM ? 'text.title' : undefined;
		segments.push({text: `${i === 0 ? '' : ' '.repeat(GAP)}${text}`, ...(token ? {token} : {})});
	});
	return segments;
}

function TableLines({table, width}: {table: TeamTable; width: number}) {
	const theme = useTheme();
	return (
		<>
			<Line segments={rowSegments(table, null, theme)} width={width} />
			{table.rows.map(row => (
				<Line key={row.team} segments={rowSegments(table, row, theme)} width={width} />
			))}
		</>
	);
}

/** The table as a block: a header line and one line per row. */
export function teamTableBlock(table: TeamTable | null, width: number): Block {
	if (!table) return {height: 1, node: <Line segments={[{text: '  no team breakdown for this indicator', token: 'text.dim'}]} width={width} />};
	return {height: table.rows.length + 1, node: <TableLines table={table} width={width} />};
}
