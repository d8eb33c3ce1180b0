import React from 'react';
import {Box, Text} from 'ink';
import {fitSegments, type Segment} from '../../components/fitted-line.js';
import type {AgendaItem} from '../../domain/agenda.js';
import {fit} from '../../text-layout/text-fit.js';
import {useTheme} from '../../hooks/use-theme.js';
import type {ListWindow} from '../list-controller.js';
import {SEVERITIES, SEVERITY_MARK, SEVERITY_TOKEN, SEVERITY_WORDS} from './layout.js';

// The ranked list: a summary line with the counts, then the items (one row or two each, as
// `rows` has them), the selected one marked. The list controller says which are on screen.

export function AgendaList({
	items,
	rows,
	selected,
	width,
	height,
	window,
	revised = new Set(),
}: {
	items: AgendaItem[];
	rows: string[][];
	selected: number;
	width: number;
	height: number;
	window: ListWindow;
	/** Items whose figure was revised while on screen (or that the revision no longer raises): marked. */
	revised?: ReadonlySet<string>;
}) {
	const theme = useTheme();
	const g = theme.glyphs;
	const {top, end: last, used, room} = window;
	const counts = SEVERITIES.flatMap((severity): Segment[] => {
		const n = items.filter(item => item.severity === severity).length;
		return n === 0 ? [] : [{token: SEVERITY_TOKEN[severity], text: `  ${SEVERITY_MARK[severity].trim()} ${n} ${SEVERITY_WORDS[severity][n === 1 ? 1 : 2]}`}];
	});
	const position = last - top < items.length ? ` (${top + 1}-${last} of ${items.length})` : '';
	// The month is on the header line; this one keeps its room for the counts.
	const summary = fitSegments([{token: 'text.title', text: `${items.length} to raise${position}:`}, ...counts], width, g.ellipsis);
	const selectedItem = items[selected]!;
	// Where there is room, the selected item's title and team in full (the list may cut them).
	const hint = used + 2 <= room ? fit(`${g.rule}${g.rule} ${selectedItem.number} ${selectedItem.title} ${g.dot} ${selectedItem.teamName}`, width, g.ellipsis) : null;
	const selection = theme.style('selection');

	return (
		<Box flexDirection="column" height={height} overflowY="hidden">
			<Box width={width}>
				{summary.map((segment, i) => (
					<Text key={i} {...('token' in segment && segment.token ? theme.style(segment.token) : {})}>
						{'text' in segment ? segment.text : ''}
					</Text>
				))}
			</Box>
			{items.slice(top, last).map((item, i) => {
				const isSelected = top + i === selected;
				return (
					<Box key={item.key} flexDirection="column" width={width}>
						{rows[top + i]!.map((text, row) => (
							<Box key={row} width={width}>
								<Text {...(isSelected ? selection : {})}>{row === 0 ? `${isSelected ? g.selected : ' '}${revised.has(item.key) ? g.revised : ' '}` : '  '}</Text>
								<Text {...theme.style(SEVERITY_TOKEN[item.severity])}>{row === 0 ? SEVERITY_MARK[item.severity] : '  '}</Text>
								<Text> </Text>
								<Text {...(isSelected ? selection : {})} wrap="truncate-end">
									{text}
								</Text>
							</Box>
						))}
					</Box>
				);
			})}
			{hint !== null && <Text> </Text>}
			{hint !== null && <Text {...theme.style('text.dim')}>{hint}</Text>}
		</Box>
	);
}
