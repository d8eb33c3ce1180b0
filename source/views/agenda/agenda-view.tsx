import React, {useEffect, useMemo} from 'react';
import {Box, Text} from 'ink';
import {fit} from '../../text-layout/text-fit.js';
import {formatPeriod} from '../../domain/periods.js';
import {teamHistories} from '../../domain/team-detail.js';
import {useTheme} from '../../hooks/use-theme.js';
import {listWindow, selectedIndex} from '../list-controller.js';
import type {RouteOf} from '../route.js';
import {useList} from '../use-list.js';
import type {ViewProps} from '../view-spec.js';
import {AgendaList} from './agenda-list.js';
import {holdAgenda, sameItems, type HeldItem} from '../../domain/agenda-hold.js';
import {revisionKey} from '../../domain/revisions.js';
import {ALL_TEAM} from '../../domain/types.js';
import {commentaryLines} from '../detail/commentary.js';
import {teamTable, teamTableBlock} from '../detail/team-table.js';
import {itemRows} from './layout.js';
import {Presenting} from './presenting.js';
import type {AgendaAction, AgendaState} from './state.js';

// The stand-up agenda: a ranked list of what to raise this month, and a presenting mode that
// shows one item at a time, large, for the room.

export function AgendaView({read, data, width, height, state, dispatch, screen}: ViewProps<AgendaState, AgendaAction, RouteOf<'agenda'>>) {
	const theme = useTheme();
	const g = theme.glyphs;
	const period = data.scorecard.period;
	// The agenda, built once in the domain when the screen was read (as --standup --print prints
	// it); once the console holds still, the items on screen stay, in their order (a revision
	// that no longer raises one marks it gone; new ones come last).
	const fresh = useMemo(() => read.agenda?.items ?? [], [read.agenda]);
	const shown = screen.held && state.held?.period === period ? state.held.items : null;
	const items: HeldItem[] = useMemo(() => (screen.held ? holdAgenda(shown, fresh) : fresh), [screen.held, shown, fresh]);
	useEffect(() => {
		if (screen.held && !sameItems(items, shown)) dispatch({type: 'hold', period, items});
	}, [screen.held, items, shown, period, dispatch]);
	// Two rows an item; where every item fits with rows to spare, the reasons run on (up to four
	// rows an item) rather than being cut.
	const rows = useMemo(() => {
		const total = (each: string[][]) => each.reduce((sum, item) => sum + item.length, 0);
		const two = items.map(item => itemRows(item, width, g));
		if (total(two) >= height - 1) return two;
		const wrapped = items.map(item => itemRows(item, width, g, 4));
		return total(wrapped) <= height - 1 ? wrapped : two;
	}, [items, width, height, g]);
	const list = useList(
		state.list,
		{keys: useMemo(() => items.map(item => item.key), [items]), heights: useMemo(() => rows.map(r => r.length), [rows]), height: Math.max(1, height - 1)},
		(action, options) => dispatch({type: 'list', action}, options),
	);

	// The selected item's indicator and every team's history of it, for its team row (presenting,
	// and the preview under a list that leaves rows free).
	const presented = items[selectedIndex(list)];
	// The agenda's read has every team's figures.
	const indicator = presented ? (read.agenda?.input.current.indicators.find(each => each.code === presented.indicator) ?? null) : null;
	const historyRows = indicator ? read.histories.get(indicator.code) : undefined;
	const histories = useMemo(
		() => (indicator && historyRows ? teamHistories(indicator, historyRows, period, 36, data.scorecard.settings) : null),
		[indicator, historyRows, period, data.scorecard.settings],
	);

	const month = formatPeriod(period);

	if (items.length === 0) {
		return (
			<Box flexDirection="column" height={height} overflowY="hidden">
				<Text {...theme.style('text.title')}>{fit(`Nothing to raise for ${month}`, width, g.ellipsis)}</Text>
				{height > 2 && <Text {...theme.style('text.dim')}>{fit('No worse RAG, new special cause, revision or missing figure this month.', width, g.ellipsis)}</Text>}
			</Box>
		);
	}

	const selected = selectedIndex(list);
	const revisionOf = (item: HeldItem) => screen.revisions.get(revisionKey(item.indicator, item.team)) ?? null;
	if (state.presenting) {
		const item = items[selected]!;
		return (
			<Presenting
				item={item}
				index={selected}
				count={items.length}
				ended={state.ended}
				period={period}
				width={width}
				height={height}
				indicator={indicator}
				histories={histories}
				serviceName={data.serviceName}
				revision={revisionOf(item)}
			/>
		);
	}
	const revised = new Set(items.filter(item => item.gone || revisionOf(item)).map(item => item.key));
	// Under a list with rows to spare: the selected item's team row (and the whole service's) as
	// the detail's table shows it, then its commentary; where rows are short, the list has them.
	const item = items[selected]!;
	const table = indicator ? teamTable(indicator, histories, item.team === ALL_TEAM ? undefined : item.team, width - 2, theme, data.serviceName) : null;
	const preview = {
		table: table ? teamTableBlock({...table, rows: table.rows.filter(row => row.team === item.team || row.team === ALL_TEAM)}, width - 2) : null,
		commentary: indicator ? commentaryLines(indicator.commentary, period, width - 2, theme) : [],
	};
	return <AgendaList items={items} rows={rows} selected={selected} width={width} height={height} window={listWindow(list)} revised={revised} preview={preview} />;
}
