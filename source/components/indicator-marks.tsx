import React from 'react';
import {Text} from 'ink';
import type {Direction} from '../domain/rag.js';
import type {Assurance, SpcResult, Variation} from '../domain/spc.js';
import type {Rag, Trend} from '../domain/types.js';
import {useTheme} from '../hooks/use-theme.js';
import {ragToken, type Glyphs, type Token} from '../theme.js';

// Marks that read without colour: the symbol carries the meaning, colour only repeats it.

export function RagMark({rag, selected}: {rag: Rag; selected?: boolean}) {
	const theme = useTheme();
	return (
		<Text {...theme.style(ragToken(rag))} {...(selected ? theme.style('selection') : {})}>
			{theme.glyphs.rag[rag]}
		</Text>
	);
}

/** Direction of the value, then whether that is better (+) or worse (−) for the polarity. */
export function trendText(direction: Direction | null, trend: Trend | null, glyphs: Glyphs): string {
	if (direction === null) return '  ';
	const arrow = direction === 'up' ? glyphs.up : direction === 'down' ? glyphs.down : glyphs.flat;
	const judgement = trend === 'improving' ? glyphs.good : trend === 'worsening' ? glyphs.bad : ' ';
	return `${arrow}${judgement}`;
}

export function trendToken(trend: Trend | null): Token {
	return trend === 'improving' ? 'trend.good' : trend === 'worsening' ? 'trend.bad' : 'trend.none';
}

export function TrendMark({direction, trend, selected}: {direction: Direction | null; trend: Trend | null; selected?: boolean}) {
	const theme = useTheme();
	return (
		<Text {...theme.style(trendToken(trend))} {...(selected ? theme.style('selection') : {})}>
			{trendText(direction, trend, theme.glyphs)}
		</Text>
	);
}

// SPC verdicts in two cells: side (H/L) and judgement (+ improvement, ! concern), as in the help.
export function variationText(variation: Variation | null, side: 'high' | 'low' | null): string {
	if (variation === null) return '  ';
	const letter = side === 'low' ? 'L' : 'H';
	switch (variation) {
		case 'common':
			return '~ ';
		case 'improvement':
			return `${letter}+`;
		case 'concern':
			return `${letter}!`;
		case 'neutral_high':
			return 'H ';
		case 'neutral_low':
			return 'L ';
	}
}

export function variationToken(variation: Variation | null): Token {
	if (variation === 'improvement') return 'spc.improvement';
	if (variation === 'concern') return 'spc.concern';
	if (variation === 'neutral_high' || variation === 'neutral_low') return 'spc.neutral';
	return 'spc.common';
}

/**
 * The SPC column's three cells when SPC gives no verdict: `<13` too few months (the minimum
 * named), `=` zero-width limits (every month the same); null when it gives one.
 */
export function withheldMark(spc: SpcResult | null | undefined): string | null {
	if (!spc?.withheld) return null;
	if (spc.withheld.reason === 'too_few') return `<${Math.min(spc.withheld.needed, 99)}`;
	return '=  ';
}

export const ASSURANCE_MARKS: Record<Assurance, string> = {pass: 'P', fail: 'F', hit_and_miss: '?'};

export function assuranceToken(assurance: Assurance | null): Token {
	if (assurance === 'pass') return 'spc.improvement';
	if (assurance === 'fail') return 'spc.concern';
	return 'spc.common';
}
