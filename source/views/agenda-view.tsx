import React, {useCallback, useMemo, useRef} from 'react';
import {Box, Text} from 'ink';
import {SEVERITIES, buildAgenda, type AgendaItem, type AgendaSeverity} from '../domain/agenda.js';
import {fit, padEnd, sparkline, wrapText} from '../domain/layout.js';
import {addMonths, formatPeriod, monthsEnding} from '../domain/periods.js';
import {ALL_TEAM, type Polarity, type Unit} from '../domain/types.js';
import {formatValue} from '../domain/units.js';
import {useCommands} from '../hooks/use-commands.js';
import {useNavigation} from '../hooks/use-navigation.js';
import {useStoreQuery} from '../hooks/use-store-query.js';
import {useTheme} from '../hooks/use-theme.js';
import {useViewState} from '../hooks/use-view-state.js';
import type {Command} from '../keys.js';
import type {StoreClient} from '../store/client.js';
import type {ScorecardView} from '../domain/types.js';
import {ragToken, type Token} from '../theme.js';
import {listCommand, listReducer, selectedIndex, type ListAction, type ListState} from './list-state.js';

// The stand-up agenda: a ranked list of what to raise this month, and a presenting mode that
// shows one item at a time, large, for the room.

export type AgendaState = ListState & {
	presenting: boolean;
	/** Presenting has stepped past the last item. */
	ended: boolean;
};

export type AgendaAction =
	| ListAction
	| {type: 'present'}
	| {type: 'step'; by: 1 | -1; keys: string[]}
	| {type: 'leave'};

export function agendaReducer(state: AgendaState, action: AgendaAction): AgendaState {
	switch (action.type) {
		case 'present':
			return {...state, presenting: true, ended: false};
		case 'leave':
			return {...state, presenting: false, ended: false};
		case 'step': {
			const {keys, by} = action;
			if (keys.length === 0) return state;
			// From the end screen: Space starts again at the top, back goes to the last item.
			if (state.ended) return {...state, ended: false, selected: by === 1 ? keys[0]! : keys.at(-1)!};
			const index = selectedIndex(state, keys) + by;
			if (index >= keys.length) return {...state, ended: true, selected: keys.at(-1)!};
			return {...state, selected: keys[Math.max(0, index)]!};
		}
		default:
			return {...state, ...listReducer(state, action), ended: false};
	}
}

const SEVERITY_MARK: Record<AgendaSeverity, string> = {concern: '!!', watch: '! ', improvement: '+ ', note: 'i '};
const SEVERITY_TOKEN: Record<AgendaSeverity, Token> = {
	concern: 'rag.red',
	watch: 'rag.amber',
	improvement: 'spc.improvement',
	note: 'text.normal',
};
// Presenting's label, then the summary's count words (short: all four fit in 80 columns).
const SEVERITY_WORDS: Record<AgendaSeverity, [string, string, string]> = {
	concern: ['concern', 'concern', 'concerns'],
	watch: ['to watch', 'watch', 'watch'],
	improvement: ['improvement', 'improvement', 'improvements'],
	note: ['to note', 'note', 'notes'],
};

// Marker (2) + severity (2) + a space.
const LIST_INDENT = 5;
// An item takes at most this many rows in the list; presenting shows the rest.
const ITEM_ROWS = 2;

function itemRows(item: AgendaItem, width: number, ellipsis: string): string[] {
	const room = Math.max(1, width - LIST_INDENT);
	const wrapped = wrapText(item.line, room);
	if (wrapped.length <= ITEM_ROWS) return wrapped;
	const kept = wrapped.slice(0, ITEM_ROWS - 1);
	kept.push(fit(wrapped.slice(ITEM_ROWS - 1).join(' '), room, ellipsis));
	return kept;
}

/** The first item to show so the selected one is whole on screen, moving as little as possible. */
function firstVisible(heights: number[], selected: number, room: number, previousTop: number): number {
	let top = Math.min(previousTop, Math.max(0, heights.length - 1));
	if (selected < top) top = selected;
	const used = (from: number, to: number) => heights.slice(from, to + 1).reduce((a, b) => a + b, 0);
	while (top < selected && used(top, selected) > room) top++;
	// Fill the screen when items above fit (after a reload shortened the list).
	while (top > 0 && used(top - 1, heights.length - 1) <= room) top--;
	return top;
}

function targetWords(unit: Unit, target: number | null, polarity: Polarity): string {
	if (target === null || polarity === 'none') return 'no target';
	return `target ${formatValue(unit, target)} or ${polarity === 'higher' ? 'more' : 'less'}`;
}

function useAgendaInput(
	dispatch: (action: AgendaAction) => AgendaState,
	stateRef: {readonly current: AgendaState},
	itemsRef: {readonly current: AgendaItem[]},
	pageRef: {readonly current: number},
	open: (item: AgendaItem) => void,
) {
	useCommands({
		command: (command: Command) => {
			const items = itemsRef.current;
			const keys = items.map(item => item.key);
			const current = () => items[selectedIndex(stateRef.current, keys)];
			if (stateRef.current.presenting) {
				switch (command) {
					case 'step':
					case 'down':
					case 'pageDown':
						dispatch({type: 'step', by: 1, keys});
						return true;
					case 'up':
					case 'pageUp':
						dispatch({type: 'step', by: -1, keys});
						return true;
					case 'first':
					case 'last':
						dispatch({type: 'jump', to: command, keys});
						return true;
					case 'enter': {
						const item = current();
						if (item && !stateRef.current.ended) open(item);
						return true;
					}
					// Leave presenting, not the agenda: the room stays on this screen.
					case 'back':
					case 'quit':
						dispatch({type: 'leave'});
						return true;
					default:
						return false;
				}
			}
			const move = listCommand(command, keys, pageRef.current);
			if (move) {
				dispatch(move);
				return true;
			}
			switch (command) {
				case 'enter': {
					const item = current();
					if (item) open(item);
					return true;
				}
				case 'step':
					if (items.length > 0) dispatch({type: 'present'});
					return true;
				default:
					return false;
			}
		},
	});
}

export type AgendaViewProps = {data: ScorecardView; width: number; height: number; client: StoreClient; revision: number};

export function AgendaView({data, width, height, client, revision}: AgendaViewProps) {
	const theme = useTheme();
	const navigation = useNavigation();
	const period = data.scorecard.period;
	const query = useStoreQuery(() => client.agenda(period), [period, revision]);
	// A read for another month is not this month's agenda: wait for the right one.
	const input = query.data?.period === period ? query.data : null;
	const items = useMemo(() => (input ? buildAgenda(input) : []), [input]);
	const [state, dispatch, stateRef] = useViewState<AgendaState, AgendaAction>('agenda', agendaReducer, () => ({
		selected: null,
		top: 0,
		presenting: false,
		ended: false,
	}));
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

	const g = theme.glyphs;
	const month = formatPeriod(period);
	const dim = theme.style('text.dim');

	if (!input) {
		const text = query.error ? `! cannot read the agenda: ${query.error}` : `reading the agenda for ${month}${g.ellipsis}`;
		return <Text {...theme.style(query.error ? 'text.error' : 'text.dim')}>{fit(text, width, g.ellipsis)}</Text>;
	}
	if (items.length === 0) {
		return (
			<Box flexDirection="column" height={height} overflowY="hidden">
				<Text {...theme.style('text.title')}>{fit(`Nothing to raise for ${month}`, width, g.ellipsis)}</Text>
				{height > 2 && <Text {...dim}>{fit('No worse RAG, new special cause, revision or missing figure this month.', width, g.ellipsis)}</Text>}
			</Box>
		);
	}

	const keys = items.map(item => item.key);
	const selected = selectedIndex(state, keys);

	if (state.presenting) {
		return <Presenting item={items[selected]!} index={selected} count={items.length} ended={state.ended} period={period} width={width} height={height} />;
	}

	const listHeight = Math.max(1, height - 1);
	const rows = items.map(item => itemRows(item, width, g.ellipsis));
	const heights = rows.map(r => r.length);
	const top = firstVisible(heights, selected, listHeight, topRef.current);
	topRef.current = top;
	let used = 0;
	let last = top;
	while (last < items.length && used + heights[last]! <= listHeight) used += heights[last++]!;
	pageRef.current = Math.max(1, last - top - 1);

	const counts = SEVERITIES.flatMap((severity): Segment[] => {
		const n = items.filter(item => item.severity === severity).length;
		return n === 0 ? [] : [{token: SEVERITY_TOKEN[severity], text: `  ${SEVERITY_MARK[severity].trim()} ${n} ${SEVERITY_WORDS[severity][n === 1 ? 1 : 2]}`}];
	});
	const position = last - top < items.length ? ` (${top + 1}-${last} of ${items.length})` : '';
	// The month is on the header line; this one keeps its room for the counts.
	const summary = fitSegments([{token: 'text.title', text: `${items.length} to raise${position}:`}, ...counts], width, g.ellipsis);
	const selectedItem = items[selected]!;
	// Codes are what the list shows; the selected one's title, where there is room, says what it is.
	const hint = used + 2 <= listHeight ? fit(`${g.rule}${g.rule} ${selectedItem.indicator} ${g.dot} ${selectedItem.title}`, width, g.ellipsis) : null;

	return (
		<Box flexDirection="column" height={height} overflowY="hidden">
			<Box width={width}>
				{summary.map((segment, i) => (
					<Text key={i} {...theme.style(segment.token)}>
						{segment.text}
					</Text>
				))}
			</Box>
			{items.slice(top, last).map((item, i) => {
				const isSelected = top + i === selected;
				return (
					<Box key={item.key} flexDirection="column" width={width}>
						{rows[top + i]!.map((text, row) => (
							<Box key={row} width={width}>
								<Text inverse={isSelected} bold={isSelected}>
									{row === 0 && isSelected ? `${g.selected} ` : '  '}
								</Text>
								<Text {...theme.style(SEVERITY_TOKEN[item.severity])}>{row === 0 ? SEVERITY_MARK[item.severity] : '  '}</Text>
								<Text> </Text>
								<Text inverse={isSelected} wrap="truncate-end">
									{text}
								</Text>
							</Box>
						))}
					</Box>
				);
			})}
			{hint !== null && <Text> </Text>}
			{hint !== null && <Text {...dim}>{hint}</Text>}
		</Box>
	);
}

type Segment = {token: Token; text: string};

/** Segments in order while they fit; the first that does not is cut with the ellipsis, the rest dropped. */
function fitSegments(segments: Segment[], width: number, ellipsis: string): Segment[] {
	const out: Segment[] = [];
	let room = width;
	for (const segment of segments) {
		if (room <= 0) break;
		out.push({...segment, text: fit(segment.text, room, ellipsis)});
		room -= segment.text.length;
	}
	return out;
}

type Line = {key: string; node: React.ReactNode; spacer?: boolean};

/** One item, large and spaced, for the room; spacing goes first when the terminal is short. */
function Presenting({item, index, count, ended, period, width, height}: {
	item: AgendaItem;
	index: number;
	count: number;
	ended: boolean;
	period: string;
	width: number;
	height: number;
}) {
	const theme = useTheme();
	const g = theme.glyphs;
	const dim = theme.style('text.dim');
	const indent = '  ';
	const room = Math.max(1, width - indent.length);

	if (ended) {
		return (
			<Box flexDirection="column" height={height} overflowY="hidden">
				<Text {...theme.style('text.title')}>{fit(`End of agenda: ${count} ${count === 1 ? 'item' : 'items'} for ${formatPeriod(period)}`, width, g.ellipsis)}</Text>
				{height > 2 && <Text> </Text>}
				<Text {...dim}>{fit(`${indent}Space starts again from the top, Esc returns to the list`, width, g.ellipsis)}</Text>
			</Box>
		);
	}

	const lines: Line[] = [];
	const spacer = (key: string) => lines.push({key, node: <Text> </Text>, spacer: true});
	const severityWord = SEVERITY_WORDS[item.severity][0];
	lines.push({
		key: 'position',
		node: (
			<Text wrap="truncate-end">
				<Text {...dim}>{`Item ${index + 1} of ${count}  `}</Text>
				<Text {...theme.style(SEVERITY_TOKEN[item.severity])}>{fit(`${SEVERITY_MARK[item.severity].trim()} ${severityWord}`, Math.max(0, width - 16), g.ellipsis)}</Text>
			</Text>
		),
	});
	spacer('s1');
	wrapText(`${item.indicator} ${g.dot} ${item.title}`, room)
		.slice(0, 2)
		.forEach((text, i) =>
			lines.push({key: `title${i}`, node: <Text {...theme.style('text.title')}>{indent + fit(text, room, g.ellipsis)}</Text>}),
		);
	lines.push({key: 'team', node: <Text bold>{indent + fit(item.teamName, room, g.ellipsis)}</Text>});
	spacer('s2');
	const value = item.value === null ? 'no figure' : formatValue(item.unit, item.value);
	const target = targetWords(item.unit, item.target, item.polarity);
	const rag = theme.glyphs.rag[item.rag];
	const valueParts: Segment[] = [
		{token: 'text.title', text: `${indent}${value}`},
		{token: 'text.dim', text: `   ${target}`},
		...(item.rag === 'none' ? [] : [{token: 'text.normal' as Token, text: '   '}, {token: ragToken(item.rag), text: rag}, {token: 'text.normal' as Token, text: ` ${item.rag}`}]),
	];
	const lastMonth: Segment | null =
		item.previousValue === null ? null : {token: 'text.dim', text: `   ${formatPeriod(addMonths(period, -1))}: ${formatValue(item.unit, item.previousValue)}`};
	const valueWidth = valueParts.reduce((sum, part) => sum + part.text.length, 0);
	if (lastMonth && valueWidth + lastMonth.text.length <= width) valueParts.push(lastMonth);
	lines.push({
		key: 'value',
		node: (
			<Text>
				{fitSegments(valueParts, width, g.ellipsis).map((part, i) => (
					<Text key={i} {...theme.style(part.token)}>
						{part.text}
					</Text>
				))}
			</Text>
		),
	});
	spacer('s3');
	item.reasons.forEach((reason, r) => {
		wrapText(reason, Math.max(1, room - 2)).forEach((text, i) =>
			lines.push({key: `reason${r}.${i}`, node: <Text>{`${indent}${i === 0 ? `${g.bullet} ` : '  '}${text}`}</Text>}),
		);
	});
	const present = item.last12.filter((v): v is number => v !== null);
	if (present.length >= 2 && room >= 12) {
		spacer('s4');
		// Three cells a month: two bars and a gap, so the shape reads from the back of the room.
		const perMonth = room >= 36 ? 3 : 1;
		const spark = [...sparkline(item.last12, g.spark)].map(c => (perMonth === 3 ? `${c}${c} ` : c)).join('');
		const months = monthsEnding(period, 12);
		const initials = months.map(m => padEnd(formatPeriod(m).charAt(0), perMonth)).join('');
		lines.push({key: 'spark', node: <Text {...theme.style('chart.value')}>{indent + spark}</Text>});
		lines.push({key: 'months', node: <Text {...dim}>{indent + initials}</Text>});
		const range = `${formatValue(item.unit, Math.min(...present))} to ${formatValue(item.unit, Math.max(...present))}`;
		lines.push({
			key: 'range',
			node: <Text {...dim}>{indent + fit(`last 12 months, ${formatPeriod(months[0]!)} to ${formatPeriod(period)}: ${range}`, room, g.ellipsis)}</Text>,
		});
	}

	let shown = lines;
	if (shown.length > height) shown = shown.filter(line => !line.spacer);
	// The item's identity and value come first: what does not fit is cut at the bottom.
	if (shown.length > height) shown = shown.slice(0, height);
	return (
		<Box flexDirection="column" height={height} width={width} overflowY="hidden">
			{shown.map(line => (
				<Box key={line.key} width={width}>
					{line.node}
				</Box>
			))}
		</Box>
	);
}
