import React, {useMemo} from 'react';
import {Box, Text} from 'ink';
import {wrapLines} from '../../components/fitted-text.js';
import {MoreLine} from '../../components/more-line.js';
import {ragSummary, SORT_NAMES} from '../../domain/red-amber.js';
import type {IndicatorMonth} from '../../domain/scorecard.js';
import {benchmarkPhrase, benchmarkValueText} from '../../domain/benchmarks.js';
import {figureText} from '../../domain/figure-words.js';
import {formatValue} from '../../domain/units.js';
import {useTheme} from '../../hooks/use-theme.js';
import {distinctTitles} from '../../text-layout/short-titles.js';
import {cellWidth, fit, padEnd, padStart} from '../../text-layout/text-fit.js';
import {FilterBar} from '../filter-bar.js';
import {listWindow, selectedIndex} from '../list-controller.js';
import type {RouteOf} from '../route.js';
import {useList} from '../use-list.js';
import type {ViewProps} from '../view-spec.js';
import {GridRow, lastValues} from './grid-row.js';
import {sharedScales} from '../../text-layout/sparkline.js';
import {revisionKey, revisionWords} from '../../domain/revisions.js';
import {ALL_TEAM} from '../../domain/types.js';
import {MAX_WIDTHS, overviewLayout, type Widths} from './overview-layout.js';
import {gridRows, type OverviewAction, type OverviewState} from './overview-state.js';

// The home view: one row per indicator; under it the selected one's full title (and definition
// where there is room) and the month's count of reds, ambers and greens.

export function OverviewView({data, width, height, state, dispatch, screen}: ViewProps<OverviewState, OverviewAction, RouteOf<'overview'>>) {
	const theme = useTheme();
	const g = theme.glyphs;
	const filter = screen.filter;
	const indicators = data.scorecard.indicators;
	const rows = useMemo(() => gridRows(indicators, state.sort, filter.text), [indicators, state.sort, filter.text]);
	const codes = useMemo(() => rows.map(row => row.code), [rows]);
	const layout = useMemo(() => overviewLayout(width, measureWidths(indicators)), [width, indicators]);
	const titles = useMemo(() => new Map(distinctTitles(indicators, layout.title, g.ellipsis).map((title, i) => [indicators[i]!.code, title])), [indicators, layout.title, g.ellipsis]);
	// Every sparkline of a unit on one scale: a wobble of a few tenths is not drawn as a collapse.
	const period = data.scorecard.period;
	const scales = useMemo(() => sharedScales(indicators.map(row => ({unit: row.unit, values: lastValues(row, period, layout.spark)}))), [indicators, period, layout.spark]);

	// The selected row (the first when none is, or it is filtered out).
	const chosen = state.list.selected === null ? -1 : codes.indexOf(state.list.selected);
	const current = rows[Math.max(0, chosen)] ?? null;
	const showFilter = filter.editing || filter.text !== '';
	// Lines: the heading, the rows, then the selected title (two lines at most), the summary.
	const fixed = 2 + (showFilter ? 1 : 0);
	let titleLines = current ? wrapLines(`${current.number} ${current.title}`, width, 2, g.ellipsis) : [];
	const needed = Math.max(1, rows.length);
	if (titleLines.length > 1 && fixed + titleLines.length + needed > height) titleLines = titleLines.slice(0, 1).map(() => fit(`${current!.number} ${current!.title}`, width, g.ellipsis));
	const listHeight = Math.max(1, height - fixed - titleLines.length);
	const free = listHeight - needed;
	// A revision of the selected figure while on screen, then its benchmarks with their year, before
	// its definition where room is short.
	const revision = current ? screen.revisions.get(revisionKey(current.code, ALL_TEAM)) : undefined;
	const revisionLine = revision && free > 0 ? [fit(`${g.revised} ${revisionWords(revision)}`, width, g.ellipsis)] : [];
	const yardsticks = current ? benchmarkLine(current, g.dot) : '';
	const benchmarks = yardsticks !== '' && free - revisionLine.length > 0 ? [fit(yardsticks, width, g.ellipsis)] : [];
	const below = revisionLine.length + benchmarks.length;
	const definition = current?.definition && free - below > 0 ? wrapLines(current.definition, width, Math.min(2, free - below), g.ellipsis) : [];

	const list = useList(state.list, {keys: codes, height: listHeight}, (action, options) => dispatch({type: 'list', action}, options));
	const window = listWindow(list);
	const selected = selectedIndex(list);

	const {columns, widths} = layout;
	const heading = [
		'  ',
		padStart('#', widths.number),
		' ',
		padEnd(`Indicator ${g.dot} ${SORT_NAMES[state.sort]}`, layout.title, g.ellipsis),
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
	const summary = ragSummary(indicators, g.dot);
	const sortHint = `${screen.keys('sort')} sorts`;

	return (
		<Box flexDirection="column" height={height} overflowY="hidden">
			<Text {...theme.style('text.dim')}>{padEnd(heading, width)}</Text>
			{rows.slice(window.top, window.end).map((row, i) => (
				<GridRow
					key={row.code}
					row={row}
					title={titles.get(row.code) ?? row.title}
					selected={window.top + i === selected}
					layout={layout}
					period={period}
					revised={screen.revisions.has(revisionKey(row.code, ALL_TEAM))}
					scale={scales.get(row.unit)}
				/>
			))}
			<MoreLine window={window} width={width} />
			{rows.length === 0 && <Text {...theme.style('text.dim')}>{fit(`  no indicator matches "${filter.text}"`, width, g.ellipsis)}</Text>}
			{showFilter && <FilterBar filter={filter} shown={rows.length} total={indicators.length} width={width} keys={screen.keys} />}
			<Box flexGrow={1} />
			{titleLines.map((line, i) => (
				<Text key={`t${i}`} {...theme.style('text.title')}>
					{line}
				</Text>
			))}
			{revisionLine.map((line, i) => (
				<Text key={`r${i}`} {...theme.style('text.notice')}>
					{line}
				</Text>
			))}
			{benchmarks.map((line, i) => (
				<Text key={`b${i}`} {...theme.style('text.dim')}>
					{line}
				</Text>
			))}
			{definition.map((line, i) => (
				<Text key={`d${i}`} {...theme.style('text.dim')}>
					{line}
				</Text>
			))}
			<Text>
				<Text {...theme.style('text.normal')}>{summary}</Text>
				<Text {...theme.style('text.dim')}>{cellWidth(summary) + 4 + cellWidth(sortHint) <= width ? `    ${sortHint}` : ''}</Text>
			</Text>
		</Box>
	);
}

/**
 * `national 22.6% (2024-25) · statistical neighbours 20.3% (2024-25)`: the selected row's DfE
 * benchmarks, each with its year (the column cannot say which year). Typed ones are the month's
 * own and need no year: none, so a store without DfE's figures redraws no more on an arrow key.
 */
function benchmarkLine(row: IndicatorMonth, dot: string): string {
	const info = row.benchmarkInfo ?? {};
	const names = (['national', 'statistical_neighbours'] as const).filter(name => info[name] !== undefined);
	if (!names.some(name => info[name]!.source !== 'typed')) return '';
	return names.map(name => benchmarkPhrase(name, row.unit, info[name]!)).join(` ${dot} `);
}

/** Each figure column as wide as its widest figure (or heading), never wider than the maximum. */
function measureWidths(rows: IndicatorMonth[]): Widths {
	const widest = (heading: string, texts: string[], max: number) => Math.min(max, Math.max(heading.length, ...texts.map(t => t.length)));
	return {
		...MAX_WIDTHS,
		value: widest('Value', rows.map(r => (r.value === null ? 'missing' : figureText(r))), MAX_WIDTHS.value),
		target: widest('Target', rows.map(r => (r.target === null ? 'none' : formatValue(r.unit, r.target))), MAX_WIDTHS.target),
		previous6: widest('Prev 6m', rows.map(r => formatValue(r.unit, r.previous6)), MAX_WIDTHS.previous6),
		// Two digits for the report's 14; a big scorecard's 100+ must not be cut to "1…".
		number: Math.max(MAX_WIDTHS.number, ...rows.map(r => String(r.number).length)),
		national: widest('England', rows.map(r => benchmarkValueText(r.unit, r.benchmarkInfo?.national)), MAX_WIDTHS.national),
	};
}
