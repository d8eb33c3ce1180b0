import React, {useRef} from 'react';
import {Text} from 'ink';
import {useTheme} from '../hooks/use-theme.js';
import {scrollWindow} from '../render/layout.js';
import {padEnd} from '../render/text-fit.js';

// A list taller than its room: the window that keeps the selection in view, and one line
// saying how many rows are hidden above and below, so nothing goes missing silently.

export type ListWindow = {top: number; size: number; above: number; below: number};

/** The rows shown of `count` in `height` lines; one line is kept for the "more" sign when they do not all fit. */
export function listWindow(count: number, selected: number, height: number, previousTop = 0): ListWindow {
	const room = Math.max(1, height);
	if (count <= room) return {top: 0, size: count, above: 0, below: 0};
	const size = Math.max(1, room - 1);
	const top = scrollWindow(count, selected, size, previousTop);
	return {top, size, above: top, below: Math.max(0, count - top - size)};
}

/** listWindow, moving as little as possible from the last frame's window. */
export function useListWindow(count: number, selected: number, height: number): ListWindow {
	const topRef = useRef(0);
	const window = listWindow(count, selected, height, topRef.current);
	topRef.current = window.top;
	return window;
}

export function moreText(window: Pick<ListWindow, 'above' | 'below'>, glyphs: {up: string; down: string}): string {
	const parts = [];
	if (window.below > 0) parts.push(`${glyphs.down} ${window.below} more`);
	if (window.above > 0) parts.push(`${glyphs.up} ${window.above} more`);
	return parts.join('  ');
}

/** The "↓ 5 more  ↑ 2 more" line; nothing when every row is shown. */
export function MoreLine({window, width, indent = 2}: {window: ListWindow; width: number; indent?: number}) {
	const theme = useTheme();
	if (window.above === 0 && window.below === 0) return null;
	return <Text {...theme.style('text.dim')}>{padEnd(`${' '.repeat(indent)}${moreText(window, theme.glyphs)}`, width, theme.glyphs.ellipsis)}</Text>;
}
