import React, {useMemo} from 'react';
import {Box} from 'ink';
import {Line, Viewport, blocksHeight} from '../../components/fitted-line.js';
import {formatPeriod} from '../../domain/periods.js';
import {asTeam, teamHistories} from '../../domain/team-detail.js';
import {shortName} from '../../domain/text.js';
import {serviceWhose} from '../../domain/scorecard-view.js';
import {revisionKey} from '../../domain/revisions.js';
import {ALL_TEAM} from '../../domain/types.js';
import {useTheme} from '../../hooks/use-theme.js';
import type {Command} from '../../keys.js';
import type {Glyphs} from '../../theme.js';
import {listWindow, type ListWindow} from '../list-controller.js';
import type {RouteOf} from '../route.js';
import {useList} from '../use-list.js';
import type {ViewProps} from '../view-spec.js';
import {bodyBlocks} from './body.js';
import {screenLine} from './screen-text.js';
import {headLines} from './head.js';
import {detailLayout, tableBudget} from './layout.js';
import type {DetailAction, DetailState} from './state.js';
import {teamTable} from './team-table.js';

// One indicator in depth, for the whole service or for one team: a fixed head (figure, target,
// trend, previous 6 months, SPC verdicts) over a body whose first screen holds the team table,
// the chart and the commentary's first lines; the rest scrolls by line.

function scrollHint(window: ListWindow, glyphs: Glyphs, keys: (command: Command, limit?: number) => string): string {
	const g = glyphs;
	const {top, room, count: total} = window;
	const where = `(lines ${top + 1}-${Math.min(total, top + room)} of ${total})`;
	const down = `${g.down} more: ${keys('down')}, ${keys('pageDown')}`;
	const up = `${keys('up')}, ${keys('pageUp')}`;
	if (top + room >= total) return `${g.up} top: ${up}, ${keys('first', 1)}  ${where}`;
	if (top === 0) return `${down}  ${where}`;
	return `${down}  ${g.up} ${up}  ${where}`;
}

export function DetailView({read, data, width, height, route, state, dispatch, screen}: ViewProps<DetailState, DetailAction, RouteOf<'detail'>>) {
	const theme = useTheme();
	const {indicator: code, team} = route;
	const period = data.scorecard.period;
	const service = data.scorecard.indicators.find(row => row.code === code) ?? null;
	// Every team's history of this indicator (read with the rest of the screen): the team's own
	// series and SPC, and each team's previous 6.
	const rows = read.histories.get(code) ?? null;
	const histories = useMemo(
		() => (service && rows ? teamHistories(service, rows, period, 36, data.scorecard.settings) : null),
		[service, rows, period, data.scorecard.settings],
	);

	const month = formatPeriod(period);
	const figure = team === undefined ? undefined : service?.teams.find(each => each.team === team);
	const teamName = team === undefined ? null : screenLine(shortName(figure?.name ?? data.teams.find(each => each.code === team)?.name ?? team), theme);
	const onTeam = team !== undefined && state.scope === 'team';
	const asTeamShown = useMemo(() => (onTeam && service ? asTeam(service, team, histories?.get(team)) : null), [onTeam, service, team, histories]);
	const shown = asTeamShown ?? service;
	const serviceWords = screenLine(serviceWhose(data.serviceName), theme);
	const whose = asTeamShown ? teamName! : onTeam ? `${serviceWords}: no figure for ${teamName} in ${month}` : serviceWords;
	const reading = asTeamShown !== null && histories === null;
	const revision = screen.revisions.get(revisionKey(code, asTeamShown ? team! : ALL_TEAM)) ?? null;

	const table = useMemo(() => (service ? teamTable(service, histories, team, tableBudget(width), theme, data.serviceName) : null), [service, histories, team, width, theme, data.serviceName]);
	const layout = detailLayout({width, height, tableRows: table ? table.rows.length + 1 : 1, tableWidth: table?.width ?? width});
	const blocks = useMemo(
		() => (service && shown ? bodyBlocks({shown, service, table, whose: asTeamShown ? teamName! : serviceWords, reading, period, width, layout, theme, revision}) : []),
		// eslint-disable-next-line react-hooks/exhaustive-deps
		[shown, service, table, reading, period, width, theme, layout.plotHeight, layout.sideBySide, layout.chartWidth, layout.chartHeading, revision],
	);
	const total = blocksHeight(blocks);
	const list = useList(state.list, {count: total, height: Math.max(1, height - layout.head)}, (action, options) => dispatch({type: 'list', action}, options));
	const window = listWindow(list);

	if (!service || !shown) {
		return (
			<Box flexDirection="column" height={height} width={width} overflowY="hidden">
				<Line segments={[{text: `No indicator ${screenLine(code, theme)} in the scorecard for ${month}`, token: 'text.error'}]} width={width} />
				<Line segments={[{text: 'It may have gone in the last load. Esc or q goes back.', token: 'text.dim'}]} width={width} />
			</Box>
		);
	}

	const head = headLines({indicator: shown, period, scope: team === undefined ? null : whose, reading, width, theme}).slice(0, layout.head);
	return (
		<Box flexDirection="column" height={height} width={width} overflowY="hidden">
			{head.map((segments, i) => (
				<Line key={i} segments={segments} width={width} />
			))}
			<Viewport blocks={blocks} top={window.top} room={window.room} width={width} />
			{window.overflows && <Line segments={[{text: scrollHint(window, theme.glyphs, screen.keys), token: 'text.dim'}]} width={width} />}
		</Box>
	);
}
