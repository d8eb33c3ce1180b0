import React, {useCallback, useContext, useMemo, useRef} from 'react';
import {Box, Text} from 'ink';
import {RagMark} from '../components/indicator-marks.js';
import {fit, padEnd, padStart, wrapText} from '../render/text-fit.js';
import {scrollWindow} from '../render/layout.js';
import {formatPeriod} from '../domain/periods.js';
import type {Direction} from '../domain/rag.js';
import {teamOrder, type IndicatorMonth} from '../domain/scorecard.js';
import {ALL_TEAM, RAG_LABELS, type Polarity, type Rag, type Trend, type Unit} from '../domain/types.js';
import {shortName} from '../domain/text.js';
import {formatChange, formatNumber, formatValue, UNIT_LABELS} from '../domain/units.js';
import {useNavigation} from '../hooks/use-navigation.js';
import {useTheme} from '../hooks/use-theme.js';
import {useViewState, ViewStateContext} from '../hooks/use-view-state.js';
import type {ScorecardView} from '../store/read-scorecard.js';
import {selectedIndex} from './list-state.js';
import {matchesFilter, overviewReducer, type OverviewAction, type OverviewState} from './indicator-list-state.js';
import {useIndicatorListInput} from './use-indicator-list-input.js';

// Indicators down, teams across, then the whole service: where in the city a red comes from.

export type MatrixState = OverviewState & {column: string | null};
export type MatrixAction = OverviewAction | {type: 'column'; by: number; keys: string[]};

export function matrixReducer(state: MatrixState, action: MatrixAction): MatrixState {
	if (action.type === 'column') {
		if (action.keys.length === 0) return state;
		const from = state.column === null ? -1 : action.keys.indexOf(state.column);
		const index = Math.max(0, Math.min(action.keys.length - 1, Math.max(0, from) + action.by));
		const column = action.keys[index]!;
		return column === state.column ? state : {...state, column};
	}
	const next = overviewReducer(state, action);
	return next === state ? state : {...state, ...next};
}

export type MatrixColumn = {key: string; heading: string; name: string};

/** The teams in the report's order, then the whole service. */
export function matrixColumns(teams: Array<{code: string; name: string}>): MatrixColumn[] {
	const sorted = [...teams].sort((a, b) => teamOrder(a.code) - teamOrder(b.code) || a.code.localeCompare(b.code));
	return [
		...sorted.map(team => ({key: team.code, heading: team.code, name: shortName(team.name)})),
		{key: ALL_TEAM, heading: 'City', name: 'City'},
	];
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

/** One team's (or the whole service's) figure for an indicator; null when there is none. */
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
	if (!team) return null;
	return {...team};
}

export function hasProblemCell(row: IndicatorMonth): boolean {
	const rags = [row.rag, ...row.teams.map(team => team.rag)];
	return rags.includes('red') || rags.includes('amber');
}

/** The cell's value as it fits: the unit's suffix only when there is room for it. */
export function cellValue(unit: Unit, value: number, compact: boolean): string {
	return formatValue(unit, value, {suffix: !compact || unit === 'percent'});
}

// Suffixes the compact cells drop; the unit column (or the line below) says them instead.
const UNIT_TAGS: Partial<Record<Unit, string>> = {rate_per_10k: '/10k', days: 'days'};

const MARKER = 2;
const NUMBER = 2;
const GLYPH = 2;
const UNIT = 4;
const TITLE_FULL = 24;
const TITLE_MIN = 16;
const TITLE_DROP = 10;

export type MatrixLayout = {
	/** Width of a value (the RAG glyph follows it). */
	value: number;
	compact: boolean;
	/** 0: the title is dropped, the number stays. */
	title: number;
	unit: boolean;
	/** How many value columns are shown at once. */
	visible: number;
};

/** Columns are one separator, the value, a space and the RAG glyph; one closing separator after the last. */
export function columnWidth(value: number): number {
	return 1 + value + 1 + GLYPH;
}

/**
 * Full values with a comfortable title when there is room; else compact values with a unit
 * column; then a shorter title; then no title; then fewer columns at a time (they scroll).
 */
export function matrixLayout(options: {width: number; columns: number; full: number; compact: number; units: boolean; longestTitle: number}): MatrixLayout {
	const {width, columns} = options;
	const fixed = MARKER + NUMBER + 1;
	const values = (value: number) => columns * columnWidth(value) + 1;
	const title = (room: number) => Math.min(room, Math.max(options.longestTitle, 1));
	if (fixed + 1 + TITLE_FULL + values(options.full) <= width) {
		return {value: options.full, compact: false, title: title(width - fixed - 1 - values(options.full)), unit: false, visible: columns};
	}
	const compact = options.compact;
	const unitWidth = options.units ? 1 + UNIT : 0;
	if (fixed + 1 + TITLE_MIN + unitWidth + values(compact) <= width) {
		return {value: compact, compact: true, title: title(width - fixed - 1 - unitWidth - values(compact)), unit: options.units, visible: columns};
	}
	if (fixed + 1 + TITLE_DROP + values(compact) <= width) {
		return {value: compact, compact: true, title: title(width - fixed - 1 - values(compact)), unit: false, visible: columns};
	}
	const visible = Math.max(1, Math.min(columns, Math.floor((width - MARKER - NUMBER - 1) / columnWidth(compact))));
	return {value: compact, compact: true, title: 0, unit: false, visible};
}

const POLARITY_WORDS: Record<Polarity, string> = {higher: 'higher is better', lower: 'lower is better', none: 'for context, not rated'};

function formatCount(value: number): string {
	return formatNumber(value, Number.isInteger(value) ? 0 : 1);
}

/** "FA45 Other citywide teams: 63% (31/49), red, target 85%, down 14 pts on last month (worse)" */
export function describeCell(row: IndicatorMonth, column: MatrixColumn, cell: MatrixCell | null, period: string): string {
	const who = `${row.code} ${column.name}`;
	if (!cell) return `${who}: no figure for ${formatPeriod(period)}`;
	const parts: string[] = [];
	const fraction =
		row.unit !== 'count' && cell.numerator !== null && cell.denominator !== null
			? ` (${formatCount(cell.numerator)}/${formatCount(cell.denominator)})`
			: '';
	parts.push(`${formatValue(row.unit, cell.value)}${fraction}`);
	parts.push(RAG_LABELS[cell.rag]);
	parts.push(row.target === null ? 'no target' : `target ${formatValue(row.unit, row.target)}`);
	parts.push(changeWords(row.unit, cell));
	return `${who}: ${parts.join(', ')}`;
}

function changeWords(unit: Unit, cell: MatrixCell): string {
	if (cell.change === null) return 'no figure last month';
	const size = formatChange(unit, Math.abs(cell.change)).replace(/^[+±-]/, '');
	if (cell.direction === 'flat' || /^0(\.0)?( |$)/.test(size)) return 'same as last month';
	const judgement = cell.trend === 'improving' ? ' (better)' : cell.trend === 'worsening' ? ' (worse)' : '';
	const suffix = unit === 'rate_per_10k' ? ' /10k' : '';
	return `${cell.change > 0 ? 'up' : 'down'} ${size}${suffix} on last month${judgement}`;
}


export function MatrixView({data, width, height}: {data: ScorecardView; width: number; height: number}) {
	const theme = useTheme();
	const g = theme.glyphs;
	const navigation = useNavigation();
	const saved = useContext(ViewStateContext);
	const [state, dispatch, stateRef] = useViewState<MatrixState, MatrixAction>('matrix', matrixReducer, () => ({
		// Opened from the grid, the matrix starts on the indicator the meeting was looking at.
		selected: (saved.get('overview') as OverviewState | undefined)?.selected ?? null,
		top: 0,
		filter: '',
		editing: false,
		column: null,
	}));
	const period = data.scorecard.period;
	const indicators = data.scorecard.indicators;
	const columns = useMemo(() => matrixColumns(data.teams), [data.teams]);
	const columnKeys = useMemo(() => columns.map(column => column.key), [columns]);
	const rows = useMemo(() => indicators.filter(row => matchesFilter(row, state.filter)), [indicators, state.filter]);

	const layout = useMemo(() => {
		let full = 4;
		let compact = 4;
		let units = false;
		for (const row of indicators) {
			for (const column of columnKeys) {
				const cell = matrixCell(row, column);
				if (!cell) continue;
				full = Math.max(full, cellValue(row.unit, cell.value, false).length);
				compact = Math.max(compact, cellValue(row.unit, cell.value, true).length);
				if (UNIT_TAGS[row.unit]) units = true;
			}
		}
		const longestTitle = Math.max(...indicators.map(row => row.title.length), 'Indicator'.length);
		return matrixLayout({width, columns: columns.length, full, compact, units, longestTitle});
	}, [indicators, columnKeys, columns.length, width]);

	const showFilter = state.editing || state.filter !== '';
	const keys = rows.map(row => row.code);
	const selected = selectedIndex(state, keys);
	const row = rows[selected] ?? null;
	const columnIndex = Math.max(0, state.column === null ? 0 : columnKeys.indexOf(state.column));
	const column = columns[columnIndex]!;
	const cell = row ? matrixCell(row, column.key) : null;

	// The lines under the grid: what the selected row measures, then its selected cell in words.
	const sentence = row ? wrapText(describeCell(row, column, cell, period), width) : [];
	const tight = height < 10;
	const described = tight ? sentence.slice(0, 1).map(line => fit(line, width, g.ellipsis)) : sentence.slice(0, 2);
	if (!tight && sentence.length > 2) described[1] = fit(`${sentence[1]} ${sentence.slice(2).join(' ')}`, width, g.ellipsis);
	const about = row && !tight ? fit(`${row.number} ${row.title} ${g.dot} ${UNIT_LABELS[row.unit]}, ${POLARITY_WORDS[row.polarity]}`, width, g.ellipsis) : null;
	const footLines = described.length + (about ? 1 : 0);
	const listHeight = Math.max(1, height - 1 - (showFilter ? 1 : 0) - footLines);

	const open = useCallback(
		(code: string, team: string) => navigation.push(team === ALL_TEAM ? {view: 'detail', indicator: code} : {view: 'detail', indicator: code, team}),
		[navigation],
	);
	useIndicatorListInput({
		dispatch,
		stateRef,
		rows: indicators,
		page: Math.max(1, listHeight - 1),
		isProblem: hasProblemCell,
		open: code => {
			const column = stateRef.current.column ?? columnKeys[0];
			if (column) open(code, column);
		},
		extra: command => {
			if (command !== 'left' && command !== 'right') return false;
			dispatch({type: 'column', by: command === 'left' ? -1 : 1, keys: columnKeys});
			return true;
		},
	});

	const topRef = useRef(0);
	const top = scrollWindow(rows.length, selected, listHeight, topRef.current);
	topRef.current = top;
	const leftRef = useRef(0);
	const left = scrollWindow(columns.length, columnIndex, layout.visible, leftRef.current);
	leftRef.current = left;
	const shown = columns.slice(left, left + layout.visible);
	const moreLeft = left > 0;
	const moreRight = left + layout.visible < columns.length;

	const cellText = layout.value + 1 + GLYPH;
	const label = (number: string, title: string, unit: string) =>
		`${padStart(number, NUMBER)}${layout.title > 0 ? ` ${padEnd(title, layout.title, g.ellipsis)}` : ''}${layout.unit ? ` ${padEnd(unit, UNIT)}` : ''}`;

	return (
		<Box flexDirection="column" height={height} overflowY="hidden">
			<Box>
				<Text {...theme.style('text.dim')}>{`${' '.repeat(MARKER)}${label('#', 'Indicator', 'Unit')}`}</Text>
				{shown.map((c, i) => {
					const isColumn = c.key === column.key;
					return (
						<React.Fragment key={c.key}>
							<Text {...theme.style('text.dim')}>{i === 0 && moreLeft ? '<' : ' '}</Text>
							<Text {...theme.style(isColumn ? 'text.title' : 'text.dim')} inverse={isColumn}>
								{padStart(fit(c.heading, cellText, ''), cellText)}
							</Text>
						</React.Fragment>
					);
				})}
				<Text {...theme.style('text.dim')}>{moreRight ? '>' : ' '}</Text>
			</Box>
			{rows.slice(top, top + listHeight).map((indicator, i) => {
				const isRow = top + i === selected;
				return (
					<Box key={indicator.code}>
						<Text bold={isRow}>{isRow ? `${g.selected} ` : '  '}</Text>
						<Text bold={isRow}>{label(String(indicator.number), indicator.title, UNIT_TAGS[indicator.unit] ?? '')}</Text>
						{shown.map((c, j) => {
							const figure = matrixCell(indicator, c.key);
							const isCell = isRow && c.key === column.key;
							const afterCell = isRow && j > 0 && shown[j - 1]!.key === column.key;
							const value = figure ? cellValue(indicator.unit, figure.value, layout.compact) : g.dash;
							return (
								<React.Fragment key={c.key}>
									<Text inverse={isCell || afterCell} bold={isCell}>
										{isCell ? '[' : afterCell ? ']' : ' '}
									</Text>
									<Text inverse={isCell} bold={isCell}>{`${padStart(value, layout.value)} `}</Text>
									{figure ? <RagMark rag={figure.rag} selected={isCell} /> : <Text inverse={isCell}>{' '.repeat(GLYPH)}</Text>}
								</React.Fragment>
							);
						})}
						{isRow && shown.at(-1)?.key === column.key ? <Text inverse>]</Text> : <Text> </Text>}
					</Box>
				);
			})}
			{rows.length === 0 && <Text {...theme.style('text.dim')}>{fit(`  no indicator matches "${state.filter}"`, width)}</Text>}
			{showFilter && (
				<Box>
					<Text {...theme.style('text.key')}>/</Text>
					<Text>{fit(state.filter, Math.max(0, width - 40))}</Text>
					<Text {...theme.style('text.dim')}>
						{state.editing ? `${g.bar}  Enter keeps the filter, Esc clears it` : `  (${rows.length} of ${indicators.length}; Esc clears)`}
					</Text>
				</Box>
			)}
			<Box flexGrow={1} />
			{about && <Text {...theme.style('text.dim')}>{about}</Text>}
			{described.map((line, i) => (
				<Text key={i} {...theme.style(cell ? 'text.normal' : 'text.dim')}>
					{line}
				</Text>
			))}
		</Box>
	);
}
