import React from 'react';
import {Text} from 'ink';
import {useTheme} from '../hooks/use-theme.js';
import {padEnd} from '../text-layout/text-fit.js';

// A list taller than its room says how many rows are hidden above and below, on one line, so
// nothing goes missing silently (the list controller, views/list-controller.ts, keeps the line).

export type Hidden = {above: number; below: number};

export function moreText(hidden: Hidden, glyphs: {up: string; down: string}): string {
	const parts = [];
	if (hidden.below > 0) parts.push(`${glyphs.down} ${hidden.below} more`);
	if (hidden.above > 0) parts.push(`${glyphs.up} ${hidden.above} more`);
	return parts.join('  ');
}

/** The "↓ 5 more  ↑ 2 more" line; nothing when every row is shown. */
export function MoreLine({window, width, indent = 2}: {window: Hidden; width: number; indent?: number}) {
	const theme = useTheme();
	if (window.above === 0 && window.below === 0) return null;
	return <Text {...theme.style('text.dim')}>{padEnd(`${' '.repeat(indent)}${moreText(window, theme.glyphs)}`, width, theme.glyphs.ellipsis)}</Text>;
}
