import React, {useContext, useMemo, useRef} from 'react';
import {Box, Text} from 'ink';
import {FilterBar} from '../../components/filter-bar.js';
import {MoreLine, useListWindow} from '../../components/viewport.js';
import {describeCell, matchesFilter, matrixCell} from '../../domain/problems.js';
import type {Polarity} from '../../domain/types.js';
import {UNIT_LABELS} from '../../domain/units.js';
import {useTheme} from '../../hooks/use-theme.js';
import {useViewState, ViewStateContext} from '../../hooks/use-view-state.js';
import {scrollWindow} from '../../render/layout.js';
import {distinctTitles} from '../../render/short-titles.js';
import {fit, wrapText} from '../../render/text-fit.js';
import type {ScorecardView} from '../../store/read-scorecard.js';
import {FILTER_STATE_KEY, filterReducer, NO_FILTER, type FilterAction, type FilterState} from '../filter-state.js';
import {selectedIndex, type ListState} from '../list-state.js';
import {matrixColumns, measureMatrix} from './matrix-layout.js';
import {MatrixHeading, MatrixRow} from './matrix-rows.js';
import {matrixReducer, type MatrixAction, type MatrixState} from './matrix-state.js';
import {useMatrixInput} from './use-matrix-input.js';

// Indicators down, teams across, then the whole service: where in the city a red comes from.

const POLARITY_WORDS: Record<Polarity, string> = {higher: 'higher is better', lower: 'lower is better', none: 'for context, not rated'};

export function MatrixView({data, width, height}: {data: ScorecardView; width: number; height: number}) {
	const theme = useTheme();
	const g = theme.glyphs;
	const saved = useContext(ViewStateContext);
	const [state, dispatch, stateRef] = useViewState<MatrixState, MatrixAction>('matrix', matrixReducer, () => ({
		// Opened from the grid, the matrix starts on the indicator the meeting was looking at.
		selected: (saved.get('overview') as ListState | undefined)?.selected ?? null,
		column: null,
	}));
	const [filter, filterDispatch, filterRef] = useViewState<FilterState, FilterAction>(FILTER_STATE_KEY, filterReducer, () => NO_FILTER);
	const period = data.scorecard.period;
	const indicators = data.scorecard.indicators;
	const columns = useMemo(() => matrixColumns(data.teams), [data.teams]);
	const columnKeys = useMemo(() => columns.map(column => column.key), [columns]);
	const rows = useMemo(() => indicators.filter(row => matchesFilter(row, filter.text)), [indicators, filter.text]);
	const layout = useMemo(() => measureMatrix(indicators, columnKeys, width), [indicators, columnKeys, width]);
	const titles = useMemo(
		() => new Map(distinctTitles(indicators, Math.max(1, layout.title), g.ellipsis).map((title, i) => [indicators[i]!.code, title])),
		[indicators, layout.title, g.ellipsis],
	);

	const showFilter = filter.editing || filter.text !== '';
	const selected = selectedIndex(state, rows.map(row => row.code));
	const row = rows[selected] ?? null;
	const columnIndex = Math.max(0, state.column === null ? 0 : columnKeys.indexOf(state.column));
	const column = columns[columnIndex]!;
	const cell = row ? matrixCell(row, column.key) : null;

	// The lines under the grid: what the selected row measures, then its selected cell in words.
	const sentence = row ? wrapText(describeCell(row, column.name, cell, period), width) : [];
	const tight = height < 10;
	const described = tight ? sentence.slice(0, 1).map(line => fit(line, width, g.ellipsis)) : sentence.slice(0, 2);
	if (!tight && sentence.length > 2) described[1] = fit(`${sentence[1]} ${sentence.slice(2).join(' ')}`, width, g.ellipsis);
	const about = row && !tight ? fit(`${row.number} ${row.title} ${g.dot} ${UNIT_LABELS[row.unit]}, ${POLARITY_WORDS[row.polarity]}`, width, g.ellipsis) : null;
	const footLines = described.length + (about ? 1 : 0);
	const listHeight = Math.max(1, height - 1 - (showFilter ? 1 : 0) - footLines);
	const window = useListWindow(rows.length, selected, listHeight);

	useMatrixInput({dispatch, stateRef, filter: filterDispatch, filterRef, indicators, columnKeys, page: Math.max(1, window.size - 1)});

	const leftRef = useRef(0);
	const left = scrollWindow(columns.length, columnIndex, layout.visible, leftRef.current);
	leftRef.current = left;
	const shown = columns.slice(left, left + layout.visible);

	return (
		<Box flexDirection="column" height={height} overflowY="hidden">
			<MatrixHeading layout={layout} shown={shown} column={column.key} moreLeft={left > 0} moreRight={left + layout.visible < columns.length} />
			{rows.slice(window.top, window.top + window.size).map((indicator, i) => (
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
			{showFilter && <FilterBar filter={filter} shown={rows.length} total={indicators.length} width={width} view="matrix" />}
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
