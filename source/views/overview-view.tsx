import React, {useCallback, useMemo, useRef} from 'react';
import {Box, Text} from 'ink';
import {RagMark, TrendMark, assuranceToken, variationText, variationToken, ASSURANCE_MARKS} from '../components/indicator-marks.js';
import {padEnd, padStart, scrollWindow, sparkline} from '../domain/layout.js';
import {monthsEnding} from '../domain/periods.js';
import type {IndicatorMonth} from '../domain/scorecard.js';
import {formatValue} from '../domain/units.js';
import {useNavigation} from '../hooks/use-navigation.js';
import {useTheme} from '../hooks/use-theme.js';
import {useViewState} from '../hooks/use-view-state.js';
import type {ScorecardView} from '../domain/types.js';
import {selectedIndex} from './list-state.js';
import {isProblem, matchesFilter, overviewReducer, type OverviewAction, type OverviewState} from './indicator-list-state.js';
import {MAX_WIDTHS, overviewLayout, type OverviewLayout, type Widths} from './overview-layout.js';
import {useIndicatorListInput} from './use-indicator-list-input.js';

// The home view: one row per indicator, sorted by number.

export function OverviewView({data, width, height}: {data: ScorecardView; width: number; height: number}) {
	const theme = useTheme();
	const navigation = useNavigation();
	const [state, dispatch, stateRef] = useViewState<OverviewState, OverviewAction>('overview', overviewReducer, () => ({
		selected: null,
		top: 0,
		filter: '',
		editing: false,
	}));
	const indicators = data.scorecard.indicators;
	const rows = useMemo(() => indicators.filter(row => matchesFilter(row, state.filter)), [indicators, state.filter]);
	const showFilter = state.editing || state.filter !== '';
	const listHeight = Math.max(1, height - 1 - (showFilter ? 1 : 0));
	const open = useCallback((code: string) => navigation.push({view: 'detail', indicator: code}), [navigation]);
	useIndicatorListInput({dispatch, stateRef, rows: indicators, page: Math.max(1, listHeight - 1), isProblem, open});

	const selected = selectedIndex(state, rows.map(row => row.code));
	const topRef = useRef(0);
	const top = scrollWindow(rows.length, selected, listHeight, topRef.current);
	topRef.current = top;
	const layout = useMemo(() => overviewLayout(width, measureWidths(indicators)), [width, indicators]);
	const {columns, widths} = layout;
	const g = theme.glyphs;

	const heading = [
		'  ',
		padStart('#', widths.number),
		' ',
		padEnd('Indicator', layout.title),
		' ',
		padStart('Value', widths.value),
		' ',
		padStart('Target', widths.target),
		' ',
		padEnd('RAG', widths.rag),
		' ',
		'Tr',
		columns.has('previous6') ? ` ${padStart('Prev 6m', widths.previous6)}` : '',
		columns.has('spc') ? ` ${'SPC'}` : '',
		columns.has('spark') ? ` ${padEnd(layout.spark >= 9 ? `${layout.spark} months` : 'Trend', layout.spark)}` : '',
		columns.has('national') ? ` ${padStart('England', widths.national)}` : '',
	].join('');

	return (
		<Box flexDirection="column" height={height} overflowY="hidden">
			<Text {...theme.style('text.dim')}>{padEnd(heading, width)}</Text>
			{rows.slice(top, top + listHeight).map((row, i) => (
				<GridRow key={row.code} row={row} selected={top + i === selected} layout={layout} period={data.scorecard.period} />
			))}
			{rows.length === 0 && <Text {...theme.style('text.dim')}>  no indicator matches "{state.filter}"</Text>}
			{showFilter && (
				<Box>
					<Text {...theme.style('text.key')}>/</Text>
					<Text>{state.filter}</Text>
					<Text {...theme.style('text.dim')}>
						{state.editing ? `${g.bar}  Enter keeps the filter, Esc clears it` : `  (${rows.length} of ${indicators.length}; Esc clears)`}
					</Text>
				</Box>
			)}
		</Box>
	);
}

/**
 * One indicator's row. Memoised: an arrow key changes two rows, and the others need not be drawn
 * again (on a big store that is most of a key's cost). One Text with reverse video around all of
 * it, because every extra style switch is bytes over a slow link.
 */
const GridRow = React.memo(function GridRow({row, selected, layout, period}: {row: IndicatorMonth; selected: boolean; layout: OverviewLayout; period: string}) {
	const theme = useTheme();
	const g = theme.glyphs;
	const {columns, widths} = layout;
	const spark = sparkline(lastValues(row, period, layout.spark), g.spark);
	const variation = row.spc?.variation ?? null;
	const side = row.spc?.points.at(-1)?.side ?? null;
	return (
		<Text inverse={selected} wrap="truncate">
			<Text bold={selected}>{selected ? `${g.selected} ` : '  '}</Text>
			{`${padStart(String(row.number), widths.number)} ${padEnd(row.title, layout.title, g.ellipsis)} `}
			{`${padStart(formatValue(row.unit, row.value), widths.value)} ${padStart(formatValue(row.unit, row.target), widths.target)} `}
			<RagMark rag={row.rag} />
			{' '.repeat(widths.rag - 2 + 1)}
			<TrendMark direction={row.direction} trend={row.trend} />
			{columns.has('previous6') && ` ${padStart(formatValue(row.unit, row.previous6), widths.previous6)}`}
			{columns.has('spc') && ' '}
			{columns.has('spc') && <Text {...theme.style(variationToken(variation))}>{row.spc ? variationText(variation, side) : `${g.dot} `}</Text>}
			{columns.has('spc') && (
				<Text {...theme.style(assuranceToken(row.spc?.assurance ?? null))}>{row.spc?.rebaseSuggested ? theme.glyphs.stale : row.spc?.assurance ? ASSURANCE_MARKS[row.spc.assurance] : ' '}</Text>
			)}
			{columns.has('spark') && ' '}
			{columns.has('spark') && <Text {...theme.style('chart.value')}>{padEnd(spark, layout.spark)}</Text>}
			{columns.has('national') && ` ${padStart(formatValue(row.unit, row.benchmarks.national ?? null), widths.national)}`}
		</Text>
	);
});

/** Each figure column as wide as its widest figure (or heading), never wider than the maximum. */
function measureWidths(rows: IndicatorMonth[]): Widths {
	const widest = (heading: string, texts: string[], max: number) => Math.min(max, Math.max(heading.length, ...texts.map(t => t.length)));
	return {
		...MAX_WIDTHS,
		value: widest('Value', rows.map(r => formatValue(r.unit, r.value)), MAX_WIDTHS.value),
		target: widest('Target', rows.map(r => formatValue(r.unit, r.target)), MAX_WIDTHS.target),
		previous6: widest('Prev 6m', rows.map(r => formatValue(r.unit, r.previous6)), MAX_WIDTHS.previous6),
		// Two digits for the report's 14; a big scorecard's 100+ must not be cut to "1…".
		number: Math.max(MAX_WIDTHS.number, ...rows.map(r => String(r.number).length)),
		national: widest('England', rows.map(r => formatValue(r.unit, r.benchmarks.national ?? null)), MAX_WIDTHS.national),
	};
}

function lastValues(row: IndicatorMonth, period: string, count: number): Array<number | null> {
	if (count <= 0) return [];
	const byPeriod = new Map(row.series.map(point => [point.period, point.value]));
	// Months are consecutive slots: a gap shows as a gap, not as a squeezed line.
	return monthsEnding(period, count).map(month => byPeriod.get(month) ?? null);
}
