import React, {useCallback, useMemo, useRef} from 'react';
import {Box, Text} from 'ink';
import {buildAgenda, type AgendaItem} from '../../domain/agenda.js';
import {fit} from '../../render/text-fit.js';
import {formatPeriod} from '../../domain/periods.js';
import {teamHistories} from '../../domain/team-detail.js';
import {ALL_TEAM} from '../../domain/types.js';
import {useNavigation} from '../../hooks/use-navigation.js';
import {useStoreQuery} from '../../hooks/use-store-query.js';
import {useTheme} from '../../hooks/use-theme.js';
import {useViewState} from '../../hooks/use-view-state.js';
import type {StoreClient} from '../../store/client.js';
import type {ScorecardView} from '../../domain/types.js';
import {selectedIndex} from '../list-state.js';
import {AgendaList, listWindow} from './agenda-list.js';
import {Presenting} from './presenting.js';
import {agendaReducer, initialAgendaState, type AgendaAction, type AgendaState} from './state.js';
import {useAgendaInput} from './use-agenda-input.js';

// The stand-up agenda: a ranked list of what to raise this month, and a presenting mode that
// shows one item at a time, large, for the room.

export type AgendaViewProps = {data: ScorecardView; width: number; height: number; client: StoreClient; revision: number};

export function AgendaView({data, width, height, client, revision}: AgendaViewProps) {
	const theme = useTheme();
	const navigation = useNavigation();
	const period = data.scorecard.period;
	const query = useStoreQuery(() => client.agenda(period), [period, revision]);
	// A read for another month is not this month's agenda: wait for the right one.
	const input = query.data?.period === period ? query.data : null;
	const items = useMemo(() => (input ? buildAgenda(input) : []), [input]);
	const [state, dispatch, stateRef] = useViewState<AgendaState, AgendaAction>('agenda', agendaReducer, initialAgendaState);
	const itemsRef = useRef(items);
	itemsRef.current = items;
	const pageRef = useRef(1);
	const topRef = useRef(0);
	const open = useCallback(
		(item: AgendaItem) =>
			navigation.push(item.team === ALL_TEAM ? {view: 'detail', indicator: item.indicator} : {view: 'detail', indicator: item.indicator, team: item.team}),
		[navigation],
	);
	useAgendaInput(dispatch, stateRef, itemsRef, pageRef, open);

	// While presenting: the item's indicator and every team's history of it, for its team row.
	const presented = state.presenting ? items[selectedIndex(state, items.map(item => item.key))] : undefined;
	// The agenda's own read has every team's figures (the console's may not yet).
	const indicator = presented && input ? (input.current.indicators.find(each => each.code === presented.indicator) ?? null) : null;
	const historyKey = indicator ? `${indicator.code}@${period}` : null;
	const history = useStoreQuery(
		() => (historyKey && indicator ? client.indicatorHistory(indicator.code, period).then(rows => ({key: historyKey, rows})) : Promise.resolve(null)),
		[historyKey, revision],
	);
	const historyRows = history.data && history.data.key === historyKey ? history.data.rows : null;
	const histories = useMemo(() => (indicator && historyRows ? teamHistories(indicator, historyRows, period, 36, data.scorecard.settings) : null), [indicator, historyRows, period, data.scorecard.settings]);

	const g = theme.glyphs;
	const month = formatPeriod(period);

	if (!input) {
		const text = query.error ? `! cannot read the agenda: ${query.error}` : `reading the agenda for ${month}${g.ellipsis}`;
		return <Text {...theme.style(query.error ? 'text.error' : 'text.dim')}>{fit(text, width, g.ellipsis)}</Text>;
	}
	if (items.length === 0) {
		return (
			<Box flexDirection="column" height={height} overflowY="hidden">
				<Text {...theme.style('text.title')}>{fit(`Nothing to raise for ${month}`, width, g.ellipsis)}</Text>
				{height > 2 && <Text {...theme.style('text.dim')}>{fit('No worse RAG, new special cause, revision or missing figure this month.', width, g.ellipsis)}</Text>}
			</Box>
		);
	}

	const selected = selectedIndex(state, items.map(item => item.key));
	if (state.presenting) {
		return (
			<Presenting item={items[selected]!} index={selected} count={items.length} ended={state.ended} period={period} width={width} height={height} indicator={indicator} histories={histories} />
		);
	}
	const window = listWindow(items, selected, width, height, topRef.current, g);
	topRef.current = window.top;
	pageRef.current = window.page;
	return <AgendaList items={items} selected={selected} width={width} height={height} window={window} />;
}
