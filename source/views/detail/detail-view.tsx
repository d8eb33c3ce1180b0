import React, {useMemo, useRef} from 'react';
import {Box} from 'ink';
import {Line, Viewport, blocksHeight} from '../../components/fitted-line.js';
import {formatPeriod} from '../../domain/periods.js';
import {useTheme} from '../../hooks/use-theme.js';
import {useViewState} from '../../hooks/use-view-state.js';
import type {ScorecardView} from '../../domain/types.js';
import type {Theme} from '../../theme.js';
import {bodyBlocks} from './body.js';
import {cleanLine} from './clean.js';
import {headSegments} from './head.js';
import {detailLayout, scrollWindow} from './layout.js';
import {detailReducer, initialDetailState, type DetailAction, type DetailState} from './state.js';
import {useDetailInput} from './use-detail-input.js';

// One indicator in depth: a fixed head (value, RAG, target, trend) over a body that scrolls by
// line. The body is built as blocks of known height so the frame can never outgrow the terminal.

export type DetailProps = {data: ScorecardView; width: number; height: number; indicator: string; team?: string};

function scrollHint(top: number, room: number, total: number, theme: Theme): string {
	const g = theme.glyphs;
	const down = theme.ascii ? 'Down' : g.down;
	const up = theme.ascii ? 'Up' : g.up;
	const where = `(lines ${top + 1}-${Math.min(total, top + room)} of ${total})`;
	if (top + room >= total) return `${g.up} top: k/${up}, PgUp, g  ${where}`;
	if (top === 0) return `${g.down} more: j/${down}, PgDn  ${where}`;
	return `${g.down} more: j/${down}, PgDn  ${g.up} k/${up}, PgUp  ${where}`;
}

export function DetailView({data, width, height, indicator: code, team}: DetailProps) {
	const theme = useTheme();
	const [state, dispatch] = useViewState<DetailState, DetailAction>(`detail:${code}`, detailReducer, initialDetailState);
	const indicator = data.scorecard.indicators.find(row => row.code === code) ?? null;
	const period = data.scorecard.period;

	const layout = detailLayout(height);
	const blocks = useMemo(
		() => (indicator ? bodyBlocks({indicator, period, width, team, theme, chartHeight: layout.chartHeight}) : []),
		[indicator, period, width, team, theme, layout.chartHeight],
	);
	const total = blocksHeight(blocks);
	const view = scrollWindow(height - layout.head, total);
	const bounds = useRef(view);
	bounds.current = view;
	useDetailInput(dispatch, bounds);

	if (!indicator) {
		return (
			<Box flexDirection="column" height={height} width={width} overflowY="hidden">
				<Line segments={[{text: `No indicator ${cleanLine(code, theme)} in the scorecard for ${formatPeriod(period)}`, token: 'text.error'}]} width={width} />
				<Line segments={[{text: 'It may have gone in the last load. Esc or q goes back.', token: 'text.dim'}]} width={width} />
			</Box>
		);
	}

	const top = Math.min(state.top, view.max);
	const head = headSegments(indicator, period, theme).slice(0, layout.head);
	return (
		<Box flexDirection="column" height={height} width={width} overflowY="hidden">
			{head.map((segments, i) => (
				<Line key={i} segments={segments} width={width} />
			))}
			<Viewport blocks={blocks} top={top} room={view.room} width={width} />
			{view.scrolls && <Line segments={[{text: scrollHint(top, view.room, total, theme), token: 'text.dim'}]} width={width} />}
		</Box>
	);
}
