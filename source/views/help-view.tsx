import React from 'react';
import {Box, Text} from 'ink';
import {useTheme} from '../hooks/use-theme.js';
import {helpEntries, type Binding} from '../keys.js';
import {padEnd} from '../text-layout/text-fit.js';
import type {Glyphs} from '../theme.js';
import {listReducer, listWindow, scrollList, type ListState} from './list-controller.js';
import {listMoves, sharedBindings} from './shared-bindings.js';
import {useList} from './use-list.js';
import type {ListMove, ViewBinding, ViewProps} from './view-spec.js';

// Every key of the view underneath, from the same key map the footer reads, and what the marks
// mean. At 80 columns and more, keys and marks side by side: one screen at 80x24.

export type HelpLine = {text: string; kind: 'heading' | 'key' | 'text'; keys?: string};

/** The view the help is about: its title and its bindings. */
export type HelpSubject = {title: string; bindings: Binding[]};

// Scrolled by line, a page at a time with no line kept from the last.
export type HelpState = {list: ListState};
export const initialHelp = (): HelpState => ({list: scrollList({overlap: 0})});
export function helpReducer(state: HelpState, action: ListMove): HelpState {
	const list = listReducer(state.list, action.action);
	return list === state.list ? state : {list};
}
// ? and q close the help; Esc and Backspace too (back, as everywhere).
const CLOSE = {label: 'close help', short: ''};
export const HELP_BINDINGS: Array<ViewBinding<HelpState, ListMove>> = [
	...listMoves<HelpState>(),
	...sharedBindings<HelpState, ListMove>({footer: ['previousMonth', 'nextMonth', 'help', 'quit'], help: CLOSE, quit: {...CLOSE, short: 'close help'}}),
];

export function keyLines(subject: HelpSubject, ascii = false): HelpLine[] {
	return [
		{kind: 'heading', text: `Keys (${subject.title})`},
		...helpEntries(subject.bindings, ascii).map(entry => ({kind: 'key' as const, keys: entry.keys, text: entry.label})),
		{kind: 'key', keys: 'Ctrl-C', text: 'quit from anywhere'},
	];
}

export function markLines(
	glyphs: Pick<Glyphs, 'rag' | 'up' | 'down' | 'flat' | 'good' | 'bad' | 'selected' | 'ellipsis' | 'missing' | 'revised' | 'point' | 'noSpc' | 'stale'>,
): HelpLine[] {
	const key = (keys: string, text: string): HelpLine => ({kind: 'key', keys, text});
	// Every mark any view draws, the agenda's too, on one screen at 80x24 beside the keys.
	return [
		{kind: 'heading', text: 'Marks'},
		key(`${glyphs.rag.red} ${glyphs.rag.amber} ${glyphs.rag.green}`, 'RAG: red, amber, green'),
		key(`${glyphs.rag.none.trim()} ${glyphs.missing}`, 'no target (unrated); missing'),
		key(`${glyphs.up} ${glyphs.down} ${glyphs.flat}`, 'rose, fell, same: last month'),
		key(`${glyphs.good} ${glyphs.bad}`, 'after it: better / worse'),
		key(`${glyphs.selected} ${glyphs.revised}`, 'selected; revised on screen'),
		key(glyphs.ellipsis, 'text cut to fit'),
		key(glyphs.point, "chart: a month's figure"),
		{kind: 'heading', text: 'SPC (XmR chart)'},
		key('~', 'common cause: noise'),
		key('H+ L+', 'improvement, high / low'),
		key('H! L!', 'concern, high / low'),
		key('H  L', 'special cause, unrated'),
		key(glyphs.noSpc, 'SPC does not apply'),
		key('<13 =', 'too few months; all alike'),
		key(`P F ? ${glyphs.stale}`, 'target: passing, failing,'),
		{kind: 'text', text: `${' '.repeat(MARK_KEY_WIDTH)} hit and miss; stale limits`},
		{kind: 'heading', text: 'Agenda'},
		key('!! ! + i', 'concern, watch, better, note'),
	];
}

/** For tests and the one-column layout: keys, then marks. */
export function helpLines(subject: HelpSubject, glyphs: Parameters<typeof markLines>[0], ascii = false): HelpLine[] {
	return [...keyLines(subject, ascii), {kind: 'text', text: ''}, ...markLines(glyphs)];
}

const KEY_WIDTH = 12;
const MARK_KEY_WIDTH = 8;
const MARKS_WIDTH = 38;
const TWO_COLUMNS = 76;

function Line({line, width, keyWidth}: {line: HelpLine | undefined; width: number; keyWidth: number}) {
	const theme = useTheme();
	const g = theme.glyphs;
	if (!line) return <Text>{' '.repeat(width)}</Text>;
	if (line.kind === 'heading') return <Text {...theme.style('text.heading')}>{padEnd(line.text, width, g.ellipsis)}</Text>;
	if (line.kind === 'text') return <Text>{padEnd(line.text, width, g.ellipsis)}</Text>;
	return (
		<Text>
			<Text {...theme.style('text.key')}>{padEnd(line.keys ?? '', keyWidth, g.ellipsis)}</Text>
			<Text>{padEnd(` ${line.text}`, Math.max(0, width - keyWidth), g.ellipsis)}</Text>
		</Text>
	);
}

export function HelpView({width, height, state, dispatch, screen}: ViewProps<HelpState, ListMove, unknown>) {
	const theme = useTheme();
	const subject = screen.under;
	const keys = keyLines(subject, theme.ascii);
	const marks = markLines(theme.glyphs);
	const two = width >= TWO_COLUMNS;
	// Side by side, the taller column sets the height; one column puts the marks under the keys.
	const lines = two ? Array.from({length: Math.max(keys.length, marks.length)}, (_, i) => i) : helpLines(subject, theme.glyphs, theme.ascii).map((_, i) => i);
	const single = two ? [] : helpLines(subject, theme.glyphs, theme.ascii);
	// One line is kept for the "more" hint when the help is taller than the body.
	const list = useList(state.list, {count: lines.length, height}, (action, options) => dispatch({type: 'list', action}, options));
	const {top, room, max} = listWindow(list);
	const left = two ? width - MARKS_WIDTH - 2 : width;
	const g = theme.glyphs;
	const hint = top < max ? `${g.down} more (${screen.keys('down', 1)} ${screen.keys('pageDown')})` : `${g.up} (${screen.keys('up', 1)} ${screen.keys('pageUp')})`;
	return (
		<Box flexDirection="column" height={height} overflowY="hidden">
			{lines.slice(top, top + room).map(i =>
				two ? (
					<Box key={i}>
						<Line line={keys[i]} width={left} keyWidth={KEY_WIDTH} />
						<Text>{'  '}</Text>
						<Line line={marks[i]} width={MARKS_WIDTH} keyWidth={MARK_KEY_WIDTH} />
					</Box>
				) : (
					<Line key={i} line={single[i]} width={width} keyWidth={KEY_WIDTH} />
				),
			)}
			{room < height && <Text {...theme.style('text.dim')}>{padEnd(`  ${hint}`, width, g.ellipsis)}</Text>}
		</Box>
	);
}
