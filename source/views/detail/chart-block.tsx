import React from 'react';
import {Box} from 'ink';
import {Line, type Block} from '../../components/fitted-line.js';
import {TrendChart, buildTrendChart} from '../../components/trend-chart.js';
import type {SignalRun} from '../../text-layout/chart.js';
import type {IndicatorMonth} from '../../domain/scorecard.js';
import type {Theme} from '../../theme.js';

// The trend chart as a block of known height, with or without its heading line. The drawing is
// the chart component's; this only sizes it and says whose series it is.

export type ChartBlock = {block: Block; signals: SignalRun[]};

export function chartBlock(indicator: IndicatorMonth, whose: string, options: {width: number; plotHeight: number; heading: boolean; reading: boolean; theme: Theme}): ChartBlock {
	const {width, plotHeight, heading, reading, theme} = options;
	const chart = reading ? null : buildTrendChart(indicator, theme, width, plotHeight);
	if (!chart) {
		const text = reading ? `  reading the figures for ${whose}${theme.glyphs.ellipsis}` : `  no figures to chart for ${whose}`;
		return {block: {height: 1, node: <Line segments={[{text, token: 'text.dim'}]} width={width} />}, signals: []};
	}
	const months = chart.periods.length;
	const title = `Trend, last ${months} month${months === 1 ? '' : 's'} (${whose})`;
	const node = (
		<Box flexDirection="column" width={width} flexShrink={0}>
			{heading && <Line segments={[{text: title, token: 'text.heading'}]} width={width} />}
			<TrendChart chart={chart} />
		</Box>
	);
	return {block: {height: chart.height + (heading ? 1 : 0), node}, signals: chart.signals};
}
