import React from 'react';
import {Box, Text} from 'ink';
import {useCommands} from '../hooks/use-commands.js';
import {useTheme} from '../hooks/use-theme.js';
import {useViewState} from '../hooks/use-view-state.js';
import {helpEntries, keysFor, type ViewName} from '../keys.js';
import {padEnd} from '../render/text-fit.js';
import type {Glyphs} from '../theme.js';
import {scrollCommand, scrollReducer, type ScrollAction, type ScrollState} from './scroll-state.js';

// Every key of the view underneath, from the same key map the footer reads, and what the marks
// mean. At 80 columns and more, keys and marks side by side: one screen at 80x24.

export type HelpLine = {text: string; kind: 'heading' | 'key' | 'text'; keys?: string};

const TITLES: Record<ViewName, string> = {
	overview: 'indicator grid',
	detail: 'indicator detail',
	matrix: 'team matrix',
	caseloads: 'caseloads',
	agenda: 'stand-up agenda',
	help: 'help',
};

export function keyLines(view: ViewName, ascii = false): HelpLine[] {
	return [
		{kind: 'heading', text: `Keys (${TITLES[view]})`},
		...helpEntries(view, ascii).map(entry => ({kind: 'key' as const, keys: entry.keys, text: entry.label})),
		{kind: 'key', keys: 'Ctrl-C', text: 'quit from anywhere'},
	];
}

export function markLines(glyphs: Pick<Glyphs, 'rag' | 'up' | 'down' | 'good' | 'bad' | 'dot' | 'selected' | 'ellipsis'>): HelpLine[] {
	const key = (keys: string, text: string): HelpLine => ({kind: 'key', keys, text});
	return [
		{kind: 'heading', text: 'Marks'},
		key(`${glyphs.rag.red} ${glyphs.rag.amber} ${glyphs.rag.green}`, 'RAG: red, amber, green'),
		key(glyphs.rag.none.trim(), 'not rated (no target)'),
		key(`${glyphs.up} ${glyphs.down}`, 'rose / fell on last month'),
		key(`${glyphs.good} ${glyphs.bad}`, 'after it: better / worse'),
		key(glyphs.selected, 'the selected row'),
		key(glyphs.ellipsis, 'text cut to fit'),
		{kind: 'heading', text: 'SPC (XmR chart)'},
		key('~', 'common cause: noise'),
		key('H+ L+', 'improvement, high / low'),
		key('H! L!', 'concern, high / low'),
		key('H  L', 'special cause, unrated'),
		key(glyphs.dot, 'SPC does not apply'),
		key('<13 =', 'too few months; all alike'),
		key('P F ?', 'target: passing, failing,'),
		{kind: 'text', text: '         hit and miss'},
		{kind: 'text', text: 'Signal: beyond a limit; 7 one'},
		{kind: 'text', text: 'side or rising; 2 of 3 near one.'},
	];
}

/** For tests and the one-column layout: keys, then marks. */
export function helpLines(view: ViewName, glyphs: Parameters<typeof markLines>[0], ascii = false): HelpLine[] {
	return [...keyLines(view, ascii), {kind: 'text', text: ''}, ...markLines(glyphs)];
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

export function HelpView({view, width, height}: {view: ViewName; width: number; height: number}) {
	const theme = useTheme();
	const keys = keyLines(view, theme.ascii);
	const marks = markLines(theme.glyphs);
	const two = width >= TWO_COLUMNS;
	// Side by side, the taller column sets the height; one column puts the marks under the keys.
	const lines = two ? Array.from({length: Math.max(keys.length, marks.length)}, (_, i) => i) : helpLines(view, theme.glyphs, theme.ascii).map((_, i) => i);
	const single = two ? [] : helpLines(view, theme.glyphs, theme.ascii);
	// One line is kept for the "more" hint when the help is taller than the body.
	const room = lines.length > height ? height - 1 : height;
	const max = Math.max(0, lines.length - room);
	const [state, dispatch] = useViewState<ScrollState, ScrollAction>('help', scrollReducer, () => ({top: 0}));
	useCommands({
		command: command => {
			const action = scrollCommand(command, room, max);
			if (action) dispatch(action);
			return action !== null;
		},
	});
	const top = Math.min(state.top, max);
	const left = two ? width - MARKS_WIDTH - 2 : width;
	const g = theme.glyphs;
	const hint =
		top < max
			? `${g.down} more (${keysFor('down', 'help', theme.ascii, 1)} ${keysFor('pageDown', 'help', theme.ascii)})`
			: `${g.up} (${keysFor('up', 'help', theme.ascii, 1)} ${keysFor('pageUp', 'help', theme.ascii)})`;
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
