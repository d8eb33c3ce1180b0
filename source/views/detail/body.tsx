import React from 'react';
import {revisionWords, type Revision} from '../../domain/revisions.js';
import {Box} from 'ink';
import {Line, type Block, type Segment} from '../../components/fitted-line.js';
import {SIGNAL_TOKENS} from '../../components/trend-chart.js';
import {wrapText} from '../../text-layout/text-fit.js';
import {formatPeriod} from '../../domain/periods.js';
import type {IndicatorMonth} from '../../domain/scorecard.js';
import {spcWorkings} from '../../domain/spc-words.js';
import {MEASURE_LABELS} from '../../domain/types.js';
import {UNIT_LABELS, formatValue} from '../../domain/units.js';
import {benchmarkLines} from './benchmarks.js';
import type {Theme, Token} from '../../theme.js';
import {chartBlock} from './chart-block.js';
import {screenText} from './screen-text.js';
import {commentaryLines} from './commentary.js';
import {SIDE_GAP, type DetailLayout} from './layout.js';
import {teamTableBlock, type TeamTable} from './team-table.js';

// The detail's body as blocks of known height, so the viewport scrolls it by line and the frame
// never outgrows the terminal. First the team table and the chart (side by side on a wide
// terminal), then the commentary, then SPC's workings, the benchmarks and the definition.

export type BodyContext = {
	/** The figures shown: the team's, or the whole service's. */
	shown: IndicatorMonth;
	/** The whole service, team by team (the table) and against the benchmarks. */
	service: IndicatorMonth;
	table: TeamTable | null;
	/** Whose figures are shown, in words. */
	whose: string;
	/** The team's history is still being read. */
	reading: boolean;
	period: string;
	width: number;
	layout: DetailLayout;
	theme: Theme;
	/** The figure shown, revised while it was on screen. */
	revision?: Revision | null;
};

function firstScreen({shown, table, whose, reading, width, layout, theme}: BodyContext): {block: Block; signals: ReturnType<typeof chartBlock>['signals']} {
	const tableBlock = teamTableBlock(table, layout.sideBySide && table ? table.width : width);
	const chart = chartBlock(shown, whose, {width: layout.chartWidth, plotHeight: layout.plotHeight, heading: layout.chartHeading, reading, theme});
	if (!layout.sideBySide) {
		const height = tableBlock.height + chart.block.height;
		const node = (
			<Box flexDirection="column" width={width} height={height} flexShrink={0}>
				<Box height={tableBlock.height} flexDirection="column" flexShrink={0}>{tableBlock.node}</Box>
				{chart.block.node}
			</Box>
		);
		return {block: {height, node}, signals: chart.signals};
	}
	const height = Math.max(tableBlock.height, chart.block.height);
	const node = (
		<Box flexDirection="row" width={width} height={height} flexShrink={0}>
			<Box flexDirection="column" width={table?.width ?? width - layout.chartWidth - SIDE_GAP} flexShrink={0}>
				{tableBlock.node}
			</Box>
			<Box width={SIDE_GAP} flexShrink={0} />
			<Box flexDirection="column" width={layout.chartWidth} flexShrink={0}>
				{chart.block.node}
			</Box>
		</Box>
	);
	return {block: {height, node}, signals: chart.signals};
}

export function bodyBlocks(context: BodyContext): Block[] {
	const {shown, service, whose, period, width, theme} = context;
	const g = theme.glyphs;
	const show = (text: string) => screenText(text, theme);
	const month = formatPeriod(period);
	const {unit} = shown;
	const blocks: Block[] = [];
	const line = (...segments: Segment[]) => blocks.push({height: 1, node: <Line segments={segments} width={width} />});
	const blank = () => line();
	const paragraph = (text: string, token?: Token, indent = '  ') => {
		for (const row of wrapText(text, width - indent.length)) line({text: `${indent}${row}`, ...(token ? {token} : {})});
	};

	// A figure revised while the room was looking at it says so before anything else.
	if (context.revision) line({text: `${g.revised} ${revisionWords(context.revision)}`, token: 'text.notice'});
	const first = firstScreen(context);
	blocks.push(first.block);

	// The month's commentary, its first lines on the first screen.
	for (const segments of commentaryLines(service.commentary, period, width, theme)) line(...segments);
	blank();

	// How SPC reached its verdicts.
	const spc = shown.spc;
	if (spc) {
		line({text: `SPC, ${whose}`, token: 'text.heading'});
		const [workings, ...notices] = spcWorkings(spc, unit);
		paragraph(show(workings), 'text.dim');
		for (const text of notices) paragraph(text, 'text.notice');
		for (const rebase of shown.rebases.filter(r => r.period <= period)) {
			const what = rebase.type === 'baseline' ? `Baseline ends ${formatPeriod(rebase.period)}` : `Limits restart ${formatPeriod(rebase.period)}`;
			paragraph(screenText(`${what}: ${rebase.reason}`, theme), 'text.dim');
		}
		for (const run of first.signals) {
			const words = wrapText(`Special cause: ${run.text}`, width - 4);
			words.forEach((text, i) => line({text: i === 0 ? `  ${text}` : `    ${text}`, token: SIGNAL_TOKENS[run.kind]}));
		}
		blank();
	}

	// Benchmarks: typed for the month, or DfE's latest year on or before it, each with its year.
	for (const row of benchmarkLines(service, month, width, theme)) line(...row);
	blank();

	// What the figure is.
	line({text: 'Measure: ', token: 'text.dim'}, {text: MEASURE_LABELS[shown.measure]}, {text: `  ${g.dot}  Unit: `, token: 'text.dim'}, {text: UNIT_LABELS[unit]});
	paragraph(screenText(shown.definition, theme), 'text.dim');
	return blocks;
}
