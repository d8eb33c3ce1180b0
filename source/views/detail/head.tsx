import React from 'react';
import {RagMark, TrendMark, trendToken, variationToken} from '../../components/indicator-marks.js';
import {segmentsWidth, type Segment} from '../../components/fitted-line.js';
import {cellWidth, fit} from '../../text-layout/text-fit.js';
import {formatPeriod} from '../../domain/periods.js';
import type {IndicatorMonth} from '../../domain/scorecard.js';
import {spcApplies} from '../../domain/spc.js';
import {VARIATION_LABELS, assuranceWords, describeLatestSignal, spcStatusWords} from '../../domain/spc-words.js';
import {MEASURE_LABELS, RAG_LABELS} from '../../domain/types.js';
import {figureText, targetText} from '../../domain/figure-words.js';
import {formatValue} from '../../domain/units.js';
import {ragToken, type Theme} from '../../theme.js';
import {screenLine, screenText} from './screen-text.js';

// The detail's fixed head: what the indicator is (and whose figures these are), this month's
// figure against its target, trend and previous 6 months, and the SPC verdicts in words.

export function trendWords(indicator: Pick<IndicatorMonth, 'trend' | 'direction'>): string {
	const {trend, direction} = indicator;
	if (direction === null) return 'no figure for last month';
	if (trend === 'improving') return 'improving';
	if (trend === 'worsening') return 'worsening';
	if (trend === 'same' || direction === 'flat') return 'no change';
	return direction === 'up' ? 'up' : 'down';
}

export type HeadContext = {
	indicator: IndicatorMonth;
	period: string;
	/** Whose figures: a team's name, 'whole service', or null when the detail has no team. */
	scope: string | null;
	/** The team's history is still being read: no SPC verdict yet. */
	reading: boolean;
	width: number;
	theme: Theme;
};

function titleLine({indicator, scope, width, theme}: HeadContext): Segment[] {
	const code = `${screenLine(indicator.code, theme)}  `;
	const number = `${indicator.number} `;
	// The title gives way before the team's name: whose figures these are must show. A long scope
	// ("whole service: no figure for South in Dec 2017") keeps the title readable, though: it is cut
	// first to its first clause, then to fit.
	const fixed = number.length + cellWidth(code);
	const TITLE_KEEP = 20;
	let said = scope ?? '';
	if (said.includes(': ') && width - fixed - cellWidth(said) - 5 < TITLE_KEEP) said = said.slice(0, said.indexOf(': '));
	const whose = scope === null ? '' : fit(`  ${theme.glyphs.dot}  ${said}`, Math.max(6, width - fixed - TITLE_KEEP), theme.glyphs.ellipsis);
	const room = Math.max(1, width - fixed - cellWidth(whose));
	return [
		{text: number, token: 'text.dim'},
		{text: code, token: 'text.key'},
		{text: fit(screenLine(indicator.title, theme), room, theme.glyphs.ellipsis), token: 'text.title'},
		...(whose ? [{text: whose, token: 'text.notice' as const}] : []),
	];
}

function figuresLine({indicator, period, theme}: HeadContext): Segment[] {
	const g = theme.glyphs;
	const show = (text: string) => screenText(text, theme);
	const {unit} = indicator;
	return [
		{text: `${formatPeriod(period)}  `},
		{text: show(figureText(indicator)), token: 'text.title'},
		{text: '  '},
		{node: <RagMark rag={indicator.rag} />, width: g.rag[indicator.rag].length},
		// The 'not rated' glyph carries its own trailing space.
		{text: `${g.rag[indicator.rag].endsWith(' ') ? '' : ' '}${RAG_LABELS[indicator.rag]}`, token: ragToken(indicator.rag)},
		{text: `  ${show(targetText(unit, indicator.target, indicator.proRata))}`},
		{text: '  '},
		{node: <TrendMark direction={indicator.direction} trend={indicator.trend} />, width: 2},
		{text: ` ${trendWords(indicator)}`, token: trendToken(indicator.trend)},
		{text: `  ${g.dot}  previous 6 months ${show(formatValue(unit, indicator.previous6))}`, token: 'text.dim'},
	];
}

function verdictLine({indicator, reading, width, theme}: HeadContext): Segment[] {
	const spc = indicator.spc;
	if (reading) return [{text: "SPC: reading the team's figures", token: 'text.dim'}];
	if (!spc) {
		const why = spcApplies(indicator.measure) ? 'no months to judge' : `not applicable (${MEASURE_LABELS[indicator.measure]})`;
		return [{text: `SPC ${why}`, token: 'text.dim'}];
	}
	const status = spcStatusWords(spc);
	if (status !== null || spc.variation === null) return [{text: `SPC: ${status}`, token: 'text.dim'}];
	const token = variationToken(spc.variation);
	const variation: Segment = {text: VARIATION_LABELS[spc.variation], token};
	const words = describeLatestSignal(spc);
	const signal: Segment[] = words ? [{text: `, ${words}`, token}] : [];
	const assured = assuranceWords(spc);
	const assurance: Segment[] = assured
		? [{text: ` ${theme.glyphs.dot} `, token: 'text.dim'}, {text: assured}]
		: spc.rebaseSuggested
			? [{text: ` ${theme.glyphs.dot} `, token: 'text.dim'}, {text: 'limits stale: see below', token: 'text.notice'}]
			: [];
	const line: Segment[] = [{text: 'SPC: ', token: 'text.dim'}, variation, ...signal, ...assurance];
	// Both verdicts without the rule's words when the line cannot hold them all (the body names the rule).
	return segmentsWidth(line) <= width ? line : [{text: 'SPC: ', token: 'text.dim'}, variation, ...assurance];
}

export function headLines(context: HeadContext): Segment[][] {
	return [titleLine(context), figuresLine(context), verdictLine(context)];
}
