import React, {useMemo} from 'react';
import {Box, Text} from 'ink';
import {MoreLine} from '../../components/more-line.js';
import {describeCell, matchesFilter, matrixCell} from '../../domain/red-amber.js';
import type {Polarity} from '../../domain/types.js';
import {UNIT_LABELS} from '../../domain/units.js';
import {useTheme} from '../../hooks/use-theme.js';
import {distinctTitles} from '../../text-layout/short-titles.js';
import {fit, wrapText} from '../../text-layout/text-fit.js';
import {FilterBar} from '../filter-bar.js';
import {listWindow, selectedIndex} from '../list-controller.js';
import type {RouteOf} from '../route.js';
import {useList} from '../use-list.js';
import type {ViewProps} from '../view-spec.js';
import {matrixColumns, measureMatrix} from './matrix-layout.js';
import {MatrixHeading, MatrixRow} from './matrix-rows.js';
import type {MatrixAction, MatrixState} from './matrix-state.js';

// Indicators down, teams across, then the whole service: where in the city a red comes from.

const POLARITY_WORDS: Record<Polarity, string> = {higher: 'higher is better', lower: 'lower is better', none: 'for context, not rated'};

export function MatrixView({data, width, height, state, dispatch, screen}: ViewProps<MatrixState, MatrixAction, RouteOf<'matrix'>>) {
	const theme = useTheme();
	const g = theme.glyphs;
	const filter = screen.filter;
	const period = data.scorecard.period;
	const indicators = data.scorecard.indicators;
	const columns = useMemo(() => matrixColumns(data.teams, data.serviceName), [data.teams, data.serviceName]);
	const columnKeys = useMemo(() => columns.map(column => column.key), [columns]);
	const rows = useMemo(() => indicators.filter(row => matchesFilter(row, filter.text)), [indicators, filter.text]);
	const codes = useMemo(() => rows.map(row => row.code), [rows]);
	const layout = useMemo(() => measureMatrix(indicators, columnKeys, width), [indicators, columnKeys, width]);
	const titles = useMemo(
		() => new Map(distinctTitles(indicators, Math.max(1, layout.title), g.ellipsis).map((title, i) => [indicators[i]!.code, title])),
		[indicators, layout.title, g.ellipsis],
	);

	const showFilter = filter.editing || filter.text !== '';
	const columnList = useList(state.columns, {keys: columnKeys, height: layout.visible}, (action, options) => dispatch({type: 'columns', action}, options));
	const columnWindow = listWindow(columnList);
	const column = columns[selectedIndex(columnList)]!;
	const chosen = state.list.selected === null ? -1 : codes.indexOf(state.list.selected);
	const row = rows[Math.max(0, chosen)] ?? null;
	const cell = row ? matrixCell(row, column.key) : null;

	// The lines under the grid: what the selected row measures, then its selected cell in words.
	const sentence = row ? wrapText(describeCell(row, column.name, cell, period), width) : [];
	const tight = height < 10;
	const described = tight ? sentence.slice(0, 1).map(line => fit(line, width, g.ellipsis)) : sentence.slice(0, 2);
	if (!tight && sentence.length > 2) described[1] = fit(`${sentence[1]} ${sentence.slice(2).join(' ')}`, width, g.ellipsis);
	const about = row && !tight ? fit(`${row.number} ${row.title} ${g.dot} ${UNIT_LABELS[row.unit]}, ${POLARITY_WORDS[row.polarity]}`, width, g.ellipsis) : null;
	const footLines = described.length + (about ? 1 : 0);
	const listHeight = Math.max(1, height - 1 - (showFilter ? 1 : 0) - footLines);
	const list = useList(state.list, {keys: codes, height: listHeight}, (action, options) => dispatch({type: 'list', action}, options));
	const window = listWindow(list);
	const selected = selectedIndex(list);
	const shown = columns.slice(columnWindow.top, columnWindow.end);

	return (
		<Box flexDirection="column" height={height} overflowY="hidden">
			<MatrixHeading layout={layout} shown={shown} column={column.key} moreLeft={columnWindow.above > 0} moreRight={columnWindow.below > 0} />
			{rows.slice(window.top, window.end).map((indicator, i) => (
				<MatrixRow
					key={indicator.code}
					row={indicator}
					title={titles.get(indicator.code) ?? indicator.title}
					layout={layout}
					shown={shown}
					column={column.key}
					selected={window.top + i === selected}
				/>
			))}
			<MoreLine window={window} width={width} />
			{rows.length === 0 && <Text {...theme.style('text.dim')}>{fit(`  no indicator matches "${filter.text}"`, width, g.ellipsis)}</Text>}
			{showFilter && <FilterBar filter={filter} shown={rows.length} total={indicators.length} width={width} keys={screen.keys} />}
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
