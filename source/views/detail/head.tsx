import React from 'react';
import {RagMark, TrendMark, trendToken} from '../../components/indicator-marks.js';
import type {Segment} from '../../components/fitted-line.js';
import {addMonths, formatPeriod} from '../../domain/periods.js';
import type {IndicatorMonth} from '../../domain/scorecard.js';
import {RAG_LABELS} from '../../domain/types.js';
import {formatValue} from '../../domain/units.js';
import {ragToken, type Theme} from '../../theme.js';
import {cleanLine, cleanText} from './clean.js';

// The detail's fixed head: what the indicator is, this month's figure, and last month's context.

export function trendWords(indicator: Pick<IndicatorMonth, 'trend' | 'direction'>): string {
	const {trend, direction} = indicator;
	if (direction === null) return 'no figure for last month';
	if (trend === 'improving') return 'improving';
	if (trend === 'worsening') return 'worsening';
	if (trend === 'same' || direction === 'flat') return 'no change';
	return direction === 'up' ? 'up' : 'down';
}

export function headSegments(indicator: IndicatorMonth, period: string, theme: Theme): Segment[][] {
	const g = theme.glyphs;
	const show = (text: string) => cleanText(text, theme);
	const {unit} = indicator;
	const title: Segment[] = [
		{text: `${indicator.number} `, token: 'text.dim'},
		{text: `${cleanLine(indicator.code, theme)}  `, token: 'text.key'},
		{text: cleanLine(indicator.title, theme), token: 'text.title'},
	];
	const previousMonth = formatPeriod(addMonths(period, -1));
	const figures: Segment[] = [
		{text: `${formatPeriod(period)}  `},
		{text: show(formatValue(unit, indicator.value)), token: 'text.title'},
		{text: '  '},
		{node: <RagMark rag={indicator.rag} />, width: g.rag[indicator.rag].length},
		// The 'not rated' glyph carries its own trailing space.
		{text: `${g.rag[indicator.rag].endsWith(' ') ? '' : ' '}${RAG_LABELS[indicator.rag]}`, token: ragToken(indicator.rag)},
		{text: indicator.target === null ? '  no target' : `  target ${show(formatValue(unit, indicator.target))}`},
		{text: '  '},
		{node: <TrendMark direction={indicator.direction} trend={indicator.trend} />, width: 2},
		{text: ` ${trendWords(indicator)}`, token: trendToken(indicator.trend)},
	];
	const from = addMonths(period, -6);
	const context: Segment[] = [
		{
			text: `${previousMonth}: ${show(formatValue(unit, indicator.previousValue))}  ${g.dot}  previous 6 months (${formatPeriod(from)} to ${previousMonth}): ${show(formatValue(unit, indicator.previous6))}`,
			token: 'text.dim',
		},
	];
	return [title, figures, context];
}
