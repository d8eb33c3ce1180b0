import React from 'react';
import {Box, Text} from 'ink';
import {ASCII_SYMBOLS, layoutTrendChart, type ChartLineKind, type SignalKind, type TrendChartLayout} from '../text-layout/chart.js';
import type {IndicatorMonth} from '../domain/scorecard.js';
import {useTheme} from '../hooks/use-theme.js';
import type {Theme, Token} from '../theme.js';

// The detail view's trend chart: asciichart's plot, each flat line named at its right end (it
// must read without colour), the month axis, and a row marking special-cause months.

export const CHART_TOKENS: Record<ChartLineKind, Token> = {
	value: 'chart.value',
	target: 'chart.target',
	mean: 'chart.mean',
	upper: 'chart.limit',
	lower: 'chart.limit',
	national: 'chart.benchmark',
};

export const SIGNAL_TOKENS: Record<SignalKind, Token> = {
	improvement: 'spc.improvement',
	concern: 'spc.concern',
	neutral: 'spc.neutral',
};

// asciichart writes its own escape sequences: the theme's own, so the theme stays the one place
// that picks colours.
/** asciichart colours for each line, from the theme's chart tokens; none without colour. */
export function chartColors(theme: Theme): Partial<Record<ChartLineKind, string>> | undefined {
	if (!theme.color) return undefined;
	const colors: Partial<Record<ChartLineKind, string>> = {};
	for (const [kind, token] of Object.entries(CHART_TOKENS) as Array<[ChartLineKind, Token]>) {
		const sequence = theme.sgr(token);
		if (sequence) colors[kind] = sequence;
	}
	return colors;
}

/** The chart for an indicator's whole-service series, or null when there is nothing to plot. */
export function buildTrendChart(indicator: IndicatorMonth, theme: Theme, width: number, height: number): TrendChartLayout | null {
	return layoutTrendChart({
		unit: indicator.unit,
		polarity: indicator.polarity,
		series: indicator.series,
		spc: indicator.spc,
		width,
		height,
		colors: chartColors(theme),
		...(theme.ascii ? {symbols: ASCII_SYMBOLS} : {}),
		point: theme.glyphs.point,
	});
}

/** Exactly `chart.height` lines, each at most `chart.plotWidth + chart.labelWidth` columns. */
export function TrendChart({chart}: {chart: TrendChartLayout}) {
	const theme = useTheme();
	const g = theme.glyphs;
	const width = chart.plotWidth + chart.labelWidth;
	return (
		<Box flexDirection="column" width={width} height={chart.height} flexShrink={0}>
			{chart.rows.map((row, i) => (
				<Text key={i} wrap="truncate">
					{row.plot}
					{row.label && (
						<Text {...theme.style(row.labelKind ? CHART_TOKENS[row.labelKind] : 'text.dim')}>
							{' '.repeat(Math.max(0, chart.plotWidth - visibleLength(row.plot)))} {row.label}
						</Text>
					)}
				</Text>
			))}
			<Text {...theme.style('text.dim')} wrap="truncate">
				{chart.axis || ' '}
			</Text>
			{chart.markers && (
				<Text wrap="truncate">
					{' '.repeat(chart.markers[0]!.column)}
					{chart.markers.map((marker, i) => {
						const gap = i === 0 ? 0 : marker.column - chart.markers![i - 1]!.column - 1;
						return (
							<Text key={marker.column}>
								{' '.repeat(Math.max(0, gap))}
								<Text {...theme.style(SIGNAL_TOKENS[marker.kind])}>{marker.side === 'high' ? g.up : g.down}</Text>
							</Text>
						);
					})}
					<Text {...theme.style('text.dim')}>
						{' '.repeat(Math.max(0, chart.plotWidth - chart.markers.at(-1)!.column - 1))} {chart.markerLabel}
					</Text>
				</Text>
			)}
		</Box>
	);
}

// eslint-disable-next-line no-control-regex
const SGR = /\u001B\[[0-9;]*m/g;

function visibleLength(text: string): number {
	return text.replace(SGR, '').length;
}
