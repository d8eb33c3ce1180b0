import React from 'react';
import {Box, Text} from 'ink';
import {padEnd} from '../render/text-fit.js';
import {useCommands} from '../hooks/use-commands.js';
import {useTheme} from '../hooks/use-theme.js';
import {useViewState} from '../hooks/use-view-state.js';
import {bindingsFor, keysText, type ViewName} from '../keys.js';
import {scrollCommand, scrollReducer, type ScrollAction, type ScrollState} from './scroll-state.js';

// Every key of the view underneath, from the same key map the footer reads, and what the
// grid's marks mean.

export type HelpLine = {text: string; kind: 'heading' | 'key' | 'text'; keys?: string};

export function helpLines(view: ViewName, glyphs: {rag: Record<string, string>; up: string; down: string; good: string; bad: string; dot: string}, ascii = false): HelpLine[] {
	const lines: HelpLine[] = [{kind: 'heading', text: `Keys (${view === 'overview' ? 'indicator grid' : view})`}];
	for (const binding of bindingsFor(view)) lines.push({kind: 'key', keys: keysText(binding.keys, ascii), text: binding.label});
	lines.push({kind: 'key', keys: 'Ctrl-C', text: 'quit from anywhere'});
	lines.push({kind: 'text', text: ''});
	lines.push({kind: 'heading', text: 'Marks'});
	lines.push({kind: 'key', keys: `${glyphs.rag['red']} ${glyphs.rag['amber']} ${glyphs.rag['green']}`, text: 'RAG: red, amber (within the amber band), green (meets target)'});
	lines.push({kind: 'key', keys: glyphs.rag['none']!.trim() || 'o', text: 'not rated: no target, or a context measure'});
	lines.push({kind: 'key', keys: `${glyphs.up} ${glyphs.down}`, text: 'value rose / fell since last month'});
	lines.push({kind: 'key', keys: `${glyphs.good} ${glyphs.bad}`, text: 'after the arrow: that is better / worse (polarity-aware)'});
	lines.push({kind: 'text', text: ''});
	lines.push({kind: 'heading', text: 'SPC column (statistical process control, XmR)'});
	lines.push({kind: 'key', keys: '~', text: 'common cause: month-to-month noise, nothing special'});
	lines.push({kind: 'key', keys: 'H+ L+', text: 'special cause improvement, high / low'});
	lines.push({kind: 'key', keys: 'H! L!', text: 'special cause concern, high / low'});
	lines.push({kind: 'key', keys: 'H  L', text: 'special cause, neither better nor worse (no polarity)'});
	lines.push({kind: 'key', keys: glyphs.dot, text: 'not applicable (rolling, cumulative or multi-year figures)'});
	lines.push({kind: 'key', keys: 'P', text: 'assurance: consistently passing the target'});
	lines.push({kind: 'key', keys: 'F', text: 'assurance: consistently failing the target'});
	lines.push({kind: 'key', keys: '?', text: 'assurance: hit and miss (the target lies within the limits)'});
	lines.push({kind: 'text', text: 'Signals: a point beyond a limit; 7 points one side of the mean;'});
	lines.push({kind: 'text', text: '7 points rising or falling; 2 of 3 points near a limit.'});
	return lines;
}

export function HelpView({view, width, height}: {view: ViewName; width: number; height: number}) {
	const theme = useTheme();
	const lines = helpLines(view, theme.glyphs, theme.ascii);
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
	const keyWidth = 10;
	return (
		<Box flexDirection="column" height={height} overflowY="hidden">
			{lines.slice(top, top + room).map((line, i) => {
				if (line.kind === 'heading') return <Text key={i} {...theme.style('text.heading')}>{line.text}</Text>;
				if (line.kind === 'text') return <Text key={i}>{padEnd(`  ${line.text}`, width)}</Text>;
				return (
					<Text key={i}>
						<Text {...theme.style('text.key')}>{padEnd(`  ${line.keys}`, keyWidth + 2)}</Text>
						<Text>{padEnd(line.text, Math.max(0, width - keyWidth - 3))}</Text>
					</Text>
				);
			})}
			{room < height && <Text {...theme.style('text.dim')}>{top < max ? `  ${theme.glyphs.down} more (${theme.glyphs.down} / PgDn)` : `  ${theme.glyphs.up} (${theme.glyphs.up} / PgUp)`}</Text>}
		</Box>
	);
}
