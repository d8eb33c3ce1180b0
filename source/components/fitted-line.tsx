import React from 'react';
import {Box, Text} from 'ink';
import {cellWidth, fit} from '../text-layout/text-fit.js';
import {useTheme} from '../hooks/use-theme.js';
import type {Token} from '../theme.js';

// One terminal line made of styled pieces, fitted to a width before Ink sees it, and a viewport
// that shows a window of blocks of known height: the detail and the agenda draw with these.
// Widths are terminal cells (CJK two wide).

export type Segment = {text: string; token?: Token} | {node: React.ReactNode; width: number};
export type Block = {height: number; node: React.ReactNode};

function segmentWidth(segment: Segment): number {
	return 'node' in segment ? segment.width : cellWidth(segment.text);
}

export function segmentsWidth(segments: Segment[]): number {
	return segments.reduce((sum, segment) => sum + segmentWidth(segment), 0);
}

/** Whole segments while they fit; the first that does not is cut (text) or left out (a mark). */
export function fitSegments(segments: Segment[], width: number, ellipsis: string): Segment[] {
	const out: Segment[] = [];
	let used = 0;
	for (const segment of segments) {
		const size = segmentWidth(segment);
		if (used + size <= width) {
			out.push(segment);
			used += size;
			continue;
		}
		if (!('node' in segment) && width - used > 0) out.push({...segment, text: fit(segment.text, width - used, ellipsis)});
		break;
	}
	return out;
}

export function Line({segments, width}: {segments: Segment[]; width: number}) {
	const theme = useTheme();
	const fitted = fitSegments(segments, width, theme.glyphs.ellipsis);
	return (
		<Text wrap="truncate">
			{/* An empty line still takes its row. */}
			{fitted.every(segment => 'text' in segment && segment.text === '') ? ' ' : ''}
			{fitted.map((segment, i) =>
				'node' in segment ? (
					<React.Fragment key={i}>{segment.node}</React.Fragment>
				) : (
					<Text key={i} {...(segment.token ? theme.style(segment.token) : {})}>
						{segment.text}
					</Text>
				),
			)}
		</Text>
	);
}

export function blocksHeight(blocks: Block[]): number {
	return blocks.reduce((sum, block) => sum + block.height, 0);
}

/** The rows of `blocks` from `top`, `room` lines tall: blocks cut at the top are shifted up inside a clip. */
export function Viewport({blocks, top, room, width}: {blocks: Block[]; top: number; room: number; width: number}) {
	const shown: React.ReactNode[] = [];
	let y = 0;
	for (const [i, block] of blocks.entries()) {
		const start = y;
		y += block.height;
		if (y <= top || start >= top + room) continue;
		const skip = Math.max(0, top - start);
		const visible = Math.min(y, top + room) - Math.max(start, top);
		shown.push(
			<Box key={i} height={visible} width={width} overflowY="hidden" flexDirection="column" flexShrink={0}>
				<Box marginTop={-skip} flexDirection="column" flexShrink={0} height={block.height}>
					{block.node}
				</Box>
			</Box>,
		);
	}
	return (
		<Box flexDirection="column" height={room} width={width} overflowY="hidden">
			{shown}
		</Box>
	);
}
