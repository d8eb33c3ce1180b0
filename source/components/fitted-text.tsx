import React from 'react';
import {Text} from 'ink';
import {useTheme} from '../hooks/use-theme.js';
import {fit, padEnd, wrapText} from '../text-layout/text-fit.js';
import type {Token} from '../theme.js';

// Lines of text cut (or padded) to a width in cells, in a theme token.

export function FittedText({text, width, token = 'text.normal', pad = false}: {text: string; width: number; token?: Token; pad?: boolean}) {
	const theme = useTheme();
	const ellipsis = theme.glyphs.ellipsis;
	return <Text {...theme.style(token)}>{pad ? padEnd(text, width, ellipsis) : fit(text, width, ellipsis)}</Text>;
}

/** Word-wrapped text in at most `lines` lines; the last one ends in an ellipsis when text is left over. */
export function wrapLines(text: string, width: number, lines: number, ellipsis: string): string[] {
	const wrapped = wrapText(text, width).filter((line, i, all) => line !== '' || i < all.length - 1);
	if (wrapped.length <= lines) return wrapped;
	const kept = wrapped.slice(0, lines);
	kept[lines - 1] = fit(`${kept[lines - 1]} ${wrapped.slice(lines).join(' ')}`, width, ellipsis);
	return kept;
}
