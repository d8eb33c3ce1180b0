import React from 'react';
import {CompactTable, compactTableHeight, tableLayout, type TableColumn} from '../../components/compact-table.js';
import {Line, type Block} from '../../components/fitted-line.js';
import type {IndicatorMonth} from '../../domain/scorecard.js';
import type {TeamHistory} from '../../domain/team-detail.js';
import {shortName} from '../../domain/text.js';
import {ALL_TEAM, type Rag} from '../../domain/types.js';
import {formatChange, formatNumber, formatValue, unitDecimals} from '../../domain/units.js';
import {monthChange} from '../../domain/rag.js';
import {DEFAULT_SERVICE_NAME} from '../../domain/scorecard-view.js';
import {cellWidth} from '../../text-layout/text-fit.js';
import {ragToken, type Theme} from '../../theme.js';
import {screenLine, screenText} from './screen-text.js';

// The month's figures team by team in the console's compact table, one line each and the whole
// service last: name, counts, value, RAG, change on last month, previous 6 months. The team a
// detail is opened on is marked.

type Row = {team: string; name: string; counts: string; value: string; rag: Rag; change: string; previous6: string; marked: boolean};

export type TeamTable = {rows: Row[]; columns: Array<TableColumn<Row>>; width: number};

/** Names shorter than this give the counts' heading its short words first. */
const READABLE_NAME = 16;
const SHORT_COUNTS = 'num / den';

function formatAmount(value: number | null): string {
	if (value === null || !Number.isFinite(value)) return '-';
	return formatNumber(value, Number.isInteger(value) ? 0 : 1);
}

function counts(numerator: number | null, denominator: number | null): string {
	if (numerator === null) return '-';
	return denominator === null ? formatAmount(numerator) : `${formatAmount(numerator)} / ${formatAmount(denominator)}`;
}

/** The catalogue's words for the counts where it gives them ("in time / total"), else the general ones. */
export function countWords(indicator: IndicatorMonth & {numeratorLabel?: string | null; denominatorLabel?: string | null}): string {
	return `${indicator.numeratorLabel || 'numerator'} / ${indicator.denominatorLabel || 'denominator'}`;
}

function tableColumns(theme: Theme, countsHeading: string | null, marks: boolean): Array<TableColumn<Row>> {
	const g = theme.glyphs;
	return [
		...(marks ? [{key: 'mark', heading: ' ', cell: (row: Row) => (row.marked ? g.selected : ' ')}] : []),
		{key: 'name', heading: 'Team', cell: row => row.name, stretch: true, min: 8},
		...(countsHeading === null ? [] : [{key: 'counts', heading: countsHeading, cell: (row: Row) => row.counts, align: 'right' as const, drop: 2}]),
		{key: 'value', heading: 'Value', cell: row => row.value, align: 'right'},
		{key: 'rag', heading: 'RAG', cell: row => g.rag[row.rag].trimEnd(), token: row => ragToken(row.rag)},
		{key: 'change', heading: 'Change', cell: row => row.change, align: 'right', drop: 3},
		{key: 'previous6', heading: 'Prev 6m', cell: row => row.previous6, align: 'right', drop: 1},
	];
}

/** The table's rows and columns for `width` columns; null when the indicator has no team figures. */
export function teamTable(
	indicator: IndicatorMonth,
	histories: Map<string, TeamHistory> | null,
	team: string | undefined,
	width: number,
	theme: Theme,
	serviceName: string = DEFAULT_SERVICE_NAME,
): TeamTable | null {
	if (indicator.teams.length === 0) return null;
	const {unit} = indicator;
	const show = (text: string) => screenText(text, theme);
	// Each team's previous 6 months come with its history, read a moment after the rest.
	const previous6 = (code: string) => (histories ? show(formatValue(unit, histories.get(code)?.previous6 ?? null)) : theme.glyphs.ellipsis);
	const rows: Row[] = [
		...indicator.teams.map(figure => ({
			team: figure.team,
			name: screenLine(shortName(figure.name), theme),
			counts: show(counts(figure.numerator, figure.denominator)),
			value: show(formatValue(unit, figure.value)),
			rag: figure.rag,
			change: show(formatChange(unit, figure.change)),
			previous6: previous6(figure.team),
			marked: figure.team === team,
		})),
		{
			team: ALL_TEAM,
			name: screenLine(serviceName, theme),
			counts: show(counts(indicator.numerator, indicator.denominator)),
			value: show(formatValue(unit, indicator.value)),
			rag: indicator.rag,
			// The change as the trend decides it: at display precision (domain/rag.ts monthChange).
			change: show(formatChange(unit, monthChange(indicator.previousValue, indicator.value, indicator.polarity, unitDecimals(unit)).change)),
			previous6: show(formatValue(unit, indicator.previous6)),
			marked: false,
		},
	];
	// A count's numerator is its value: no counts column.
	const hasCounts = unit !== 'count' && rows.some(row => row.counts !== '-');
	const marks = team !== undefined;
	let columns = tableColumns(theme, hasCounts ? screenLine(countWords(indicator), theme) : null, marks);
	let layout = tableLayout(columns, rows, width, theme.glyphs.ellipsis);
	// Names cut short, or columns dropped, to fit the counts' long heading: short words instead.
	const name = layout.columns.find(column => column.key === 'name')?.width ?? 0;
	const natural = Math.max(...rows.map(row => cellWidth(row.name)));
	if (hasCounts && (name < Math.min(READABLE_NAME, natural) || layout.columns.length < columns.length)) {
		columns = tableColumns(theme, SHORT_COUNTS, marks);
		layout = tableLayout(columns, rows, width, theme.glyphs.ellipsis);
	}
	return {rows, columns, width: layout.width};
}

/** The table as a block: a heading line and one line per row. */
export function teamTableBlock(table: TeamTable | null, width: number): Block {
	if (!table) return {height: 1, node: <Line segments={[{text: '  no team breakdown for this indicator', token: 'text.dim'}]} width={width} />};
	return {
		height: compactTableHeight(table.rows.length),
		node: <CompactTable columns={table.columns} rows={table.rows} width={width} rowKey={row => row.team} selected={row => row.marked} rowToken={row => (row.team === ALL_TEAM ? 'text.title' : undefined)} />,
	};
}
