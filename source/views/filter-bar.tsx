import React from 'react';
import {Text} from 'ink';
import {useTheme} from '../hooks/use-theme.js';
import type {Command} from '../keys.js';
import {cellWidth, fit} from '../text-layout/text-fit.js';
import type {FilterState} from './filter-state.js';

// The `/` line under a list: the text typed, and how to keep or clear it.

export function FilterBar({filter, shown, total, width, keys}: {filter: FilterState; shown: number; total: number; width: number; keys: (command: Command, limit?: number) => string}) {
	const theme = useTheme();
	const g = theme.glyphs;
	const back = keys('back', 1);
	const hint = filter.editing
		? `${g.bar}  ${keys('enter')} keeps the filter, ${back} clears it`
		: `  (${shown} of ${total}; ${back} clears)`;
	const text = fit(filter.text, Math.max(1, width - 1 - cellWidth(hint)), g.ellipsis);
	return (
		<Text wrap="truncate">
			<Text {...theme.style('text.key')}>/</Text>
			<Text>{text}</Text>
			<Text {...theme.style('text.dim')}>{fit(hint, Math.max(0, width - 1 - cellWidth(text)), g.ellipsis)}</Text>
		</Text>
	);
}
