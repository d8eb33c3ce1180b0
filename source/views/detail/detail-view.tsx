import React, {useMemo, useRef} from 'react';
import {Box} from 'ink';
import {Line, Viewport, blocksHeight} from '../../components/fitted-line.js';
import {formatPeriod} from '../../domain/periods.js';
import {asTeam, teamHistories} from '../../domain/team-detail.js';
import {shortName} from '../../domain/text.js';
import {useStoreQuery} from '../../hooks/use-store-query.js';
import {useTheme} from '../../hooks/use-theme.js';
import {useViewState} from '../../hooks/use-view-state.js';
import {keysFor, type Command} from '../../keys.js';
import type {StoreClient} from '../../store/client.js';
import type {ScorecardView} from '../../domain/types.js';
import type {Theme} from '../../theme.js';
import {bodyBlocks} from './body.js';
import {cleanLine} from './clean.js';
import {headLines} from './head.js';
import {detailLayout, scrollWindow, tableBudget} from './layout.js';
import {detailReducer, initialDetailState, type DetailAction, type DetailState} from './state.js';
import {teamTable} from './team-table.js';
import {useDetailInput, type DetailBounds} from './use-detail-input.js';

// One indicator in depth, for the whole service or for one team: a fixed head (figure, target,
// trend, previous 6 months, SPC verdicts) over a body whose first screen holds the team table,
// the chart and the commentary's first lines; the rest scrolls by line.

export type DetailProps = {data: ScorecardView; width: number; height: number; indicator: string; team?: string; client: StoreClient; revision: number};

function scrollHint(top: number, room: number, total: number, theme: Theme): string {
	const g = theme.glyphs;
	const keys = (command: Command, limit?: number) => keysFor(command, 'detail', theme.ascii, limit);
	const where = `(lines ${top + 1}-${Math.min(total, top + room)} of ${total})`;
	const down = `${g.down} more: ${keys('down')}, ${keys('pageDown')}`;
	const up = `${keys('up')}, ${keys('pageUp')}`;
	if (top + room >= total) return `${g.up} top: ${up}, ${keys('first', 1)}  ${where}`;
	if (top === 0) return `${down}  ${where}`;
	return `${down}  ${g.up} ${up}  ${where}`;
}

export function DetailView({data, width, height, indicator: code, team, client, revision}: DetailProps) {
	const theme = useTheme();
	const [state, dispatch] = useViewState<DetailState, DetailAction>(`detail:${code}:${team ?? ''}`, detailReducer, initialDetailState);
	const period = data.scorecard.period;
	const service = data.scorecard.indicators.find(row => row.code === code) ?? null;
	// Every team's history of this indicator: the team's own series and SPC, and each team's previous 6.
	const key = `${code}@${period}`;
	const history = useStoreQuery(() => client.indicatorHistory(code, period).then(rows => ({key, rows})), [key, revision]);
	const rows = history.data?.key === key ? history.data.rows : null;
	const histories = useMemo(() => (service && rows ? teamHistories(service, rows, period, 36, data.scorecard.settings) : null), [service, rows, period, data.scorecard.settings]);

	const month = formatPeriod(period);
	const figure = team === undefined ? undefined : service?.teams.find(each => each.team === team);
	const teamName = team === undefined ? null : cleanLine(shortName(figure?.name ?? data.teams.find(each => each.code === team)?.name ?? team), theme);
	const onTeam = team !== undefined && state.scope === 'team';
	const asTeamShown = useMemo(() => (onTeam && service ? asTeam(service, team, histories?.get(team)) : null), [onTeam, service, team, histories]);
	const shown = asTeamShown ?? service;
	const whose = asTeamShown ? teamName! : onTeam ? `whole service: no figure for ${teamName} in ${month}` : 'whole service';
	const reading = asTeamShown !== null && histories === null;

	const table = useMemo(() => (service ? teamTable(service, histories, team, tableBudget(width), theme) : null), [service, histories, team, width, theme]);
	const layout = detailLayout({width, height, tableRows: table ? table.rows.length + 1 : 1, tableWidth: table?.width ?? width});
	const blocks = useMemo(
		() => (service && shown ? bodyBlocks({shown, service, table, whose: asTeamShown ? teamName! : 'whole service', reading, period, width, layout, theme}) : []),
		// eslint-disable-next-line react-hooks/exhaustive-deps
		[shown, service, table, reading, period, width, theme, layout.plotHeight, layout.sideBySide, layout.chartWidth, layout.chartHeading],
	);
	const total = blocksHeight(blocks);
	const view = scrollWindow(height - layout.head, total);
	const bounds = useRef<DetailBounds>({...view, team: false});
	bounds.current = {...view, team: team !== undefined};
	useDetailInput(dispatch, bounds);

	if (!service || !shown) {
		return (
			<Box flexDirection="column" height={height} width={width} overflowY="hidden">
				<Line segments={[{text: `No indicator ${cleanLine(code, theme)} in the scorecard for ${month}`, token: 'text.error'}]} width={width} />
				<Line segments={[{text: 'It may have gone in the last load. Esc or q goes back.', token: 'text.dim'}]} width={width} />
			</Box>
		);
	}

	const top = Math.min(state.top, view.max);
	const head = headLines({indicator: shown, period, scope: team === undefined ? null : whose, reading, width, theme}).slice(0, layout.head);
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
