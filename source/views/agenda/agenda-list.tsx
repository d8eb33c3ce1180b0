import React from 'react';
import {Box, Text} from 'ink';
import {Line, fitSegments, type Block, type Segment} from '../../components/fitted-line.js';
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
	preview,
}: {
	items: AgendaItem[];
	rows: string[][];
	selected: number;
	width: number;
	height: number;
	window: ListWindow;
	/** Items whose figure was revised while on screen (or that the revision no longer raises): marked. */
	revised?: ReadonlySet<string>;
	/** The selected item's team table rows and commentary, shown where the list leaves rows free. */
	preview?: {table: Block | null; commentary: Segment[][]};
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
	// Where there is room, the selected item's title and team in full (the list may cut them),
	// then its team row and commentary: the rows are the list's when it needs them.
	const free = room - used;
	const hint = free >= 2 ? fit(`${g.rule}${g.rule} ${selectedItem.whose === '' ? selectedItem.title : `${selectedItem.number} ${selectedItem.title} ${g.dot} ${selectedItem.teamName}`}`, width, g.ellipsis) : null;
	let spare = free - 2;
	const table = preview?.table && spare >= preview.table.height ? preview.table : null;
	if (table) spare -= table.height;
	const commentary = preview && spare > 0 ? preview.commentary.slice(0, spare) : [];
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
			{hint !== null && <Text {...theme.style('text.title')}>{hint}</Text>}
			{table && (
				<Box marginLeft={2} height={table.height} flexDirection="column">
					{table.node}
				</Box>
			)}
			{commentary.map((segments, i) => (
				<Box key={`c${i}`} marginLeft={2}>
					<Line segments={segments} width={width - 2} />
				</Box>
			))}
		</Box>
	);
}
