import React from 'react';
import {DataTable, tableHeight} from '../../components/data-table.js';
import {Line, type Block, type Segment} from '../../components/fitted-line.js';
import {variationToken} from '../../components/indicator-marks.js';
import {SIGNAL_TOKENS, TrendChart, buildTrendChart} from '../../components/trend-chart.js';
import {COMPARISON_WORDS, compareWithBenchmark, type Comparison} from '../../domain/comparison.js';
import {wrapText} from '../../render/text-fit.js';
import {formatPeriod} from '../../domain/periods.js';
import type {IndicatorMonth} from '../../domain/scorecard.js';
import {ASSURANCE_LABELS, VARIATION_LABELS, describeSignal, spcApplies} from '../../domain/spc.js';
import {BENCHMARKS, BENCHMARK_LABELS, MEASURE_LABELS} from '../../domain/types.js';
import {UNIT_LABELS, formatValue} from '../../domain/units.js';
import type {Theme, Token} from '../../theme.js';
import {cleanLine, cleanText} from './clean.js';
import {teamTable} from './team-table.js';

// The detail's body as blocks of known height, so the viewport can scroll it by line and the
// frame can never outgrow the terminal.

const COMPARISON_TOKENS: Record<Comparison, Token> = {
	none: 'text.dim',
	level: 'trend.none',
	above: 'trend.none',
	below: 'trend.none',
	better: 'trend.good',
	worse: 'trend.bad',
};

export type BodyContext = {indicator: IndicatorMonth; period: string; width: number; team?: string; theme: Theme; chartHeight: number};

export function bodyBlocks({indicator, period, width, team, theme, chartHeight}: BodyContext): Block[] {
	const g = theme.glyphs;
	const show = (text: string) => cleanText(text, theme);
	const month = formatPeriod(period);
	const {unit} = indicator;
	const blocks: Block[] = [];
	const line = (...segments: Segment[]) => blocks.push({height: 1, node: <Line segments={segments} width={width} />});
	const blank = () => line();
	const paragraph = (text: string, token?: Token) => {
		for (const row of wrapText(text, width - 2)) line({text: `  ${row}`, ...(token ? {token} : {})});
	};

	// What the figure is.
	line({text: 'Measure: ', token: 'text.dim'}, {text: MEASURE_LABELS[indicator.measure]}, {text: `  ${g.dot}  Unit: `, token: 'text.dim'}, {text: UNIT_LABELS[unit]});
	paragraph(cleanText(indicator.definition, theme), 'text.dim');
	blank();

	// The trend, with SPC.
	const chart = buildTrendChart(indicator, theme, width, chartHeight);
	if (chart) {
		const months = chart.periods.length;
		line({text: `Trend, last ${months} month${months === 1 ? '' : 's'} (whole service)`, token: 'text.heading'});
		blocks.push({height: chart.height, node: <TrendChart chart={chart} />});
	} else {
		line({text: 'Trend', token: 'text.heading'});
		line({text: '  no figures to chart', token: 'text.dim'});
	}
	const spc = indicator.spc;
	if (spc) {
		const last = spc.points.at(-1);
		const signal = last?.rule && last.side ? `, ${describeSignal(last.rule, last.side)}` : '';
		line({text: 'SPC: ', token: 'text.dim'}, {text: `${VARIATION_LABELS[spc.variation]}${signal}`, token: variationToken(spc.variation)});
		if (spc.assurance) line({text: 'Assurance: ', token: 'text.dim'}, {text: ASSURANCE_LABELS[spc.assurance]});
		line({
			text: show(
				`mean ${formatValue(unit, spc.mean)}, process limits ${formatValue(unit, spc.lower)} to ${formatValue(unit, spc.upper)}${spc.trial ? ' (trial limits: fewer than 12 months)' : ''}`,
			),
			token: 'text.dim',
		});
		for (const rebase of indicator.rebases.filter(r => r.period <= period)) {
			paragraph(cleanText(`Limits restart ${formatPeriod(rebase.period)}: ${rebase.reason}`, theme), 'text.dim');
		}
		for (const run of chart?.signals ?? []) {
			const when = run.from === run.to ? formatPeriod(run.from) : `${formatPeriod(run.from)} to ${formatPeriod(run.to)}`;
			const words = wrapText(`Special cause: ${when} ${run.rules.map(rule => describeSignal(rule, run.side)).join('; ')}`, width - 2);
			words.forEach((text, i) => line({text: i === 0 ? text : `  ${text}`, token: SIGNAL_TOKENS[run.kind]}));
		}
	} else if (!spcApplies(indicator.measure)) {
		line({text: `SPC not applicable (${MEASURE_LABELS[indicator.measure]})`, token: 'text.dim'});
	} else {
		line({text: `SPC: not enough months for process limits`, token: 'text.dim'});
	}
	blank();

	// Teams, then the whole service.
	line({text: `Teams, ${month}`, token: 'text.heading'});
	const table = teamTable(indicator, width, team, theme);
	if (team !== undefined) {
		const found = indicator.teams.find(figure => figure.team === team);
		line({
			text: found ? `Team ${cleanLine(team, theme)} first, marked ${g.selected}: ${cleanLine(found.name, theme)}` : `No figures for team ${cleanLine(team, theme)} in ${month}`,
			token: 'text.notice',
		});
	}
	if (table) blocks.push({height: tableHeight(table.rows.length), node: <DataTable data={table.rows} columns={table.columns} />});
	else line({text: `  no team breakdown for this indicator`, token: 'text.dim'});
	blank();

	// Benchmarks.
	line({text: 'Benchmarks', token: 'text.heading'});
	const present = BENCHMARKS.filter(benchmark => indicator.benchmarks[benchmark] !== undefined);
	const labelWidth = Math.max(0, ...present.map(benchmark => BENCHMARK_LABELS[benchmark].length));
	for (const benchmark of present) {
		const value = indicator.benchmarks[benchmark]!;
		const verdict = compareWithBenchmark(unit, indicator.polarity, indicator.value, value);
		line(
			{text: `  ${BENCHMARK_LABELS[benchmark].padEnd(labelWidth)}  `},
			{text: show(formatValue(unit, value)).padStart(8), token: 'text.title'},
			{text: '  '},
			{text: COMPARISON_WORDS[verdict], token: COMPARISON_TOKENS[verdict]},
		);
	}
	if (present.length === 0) line({text: `  none for ${month}`, token: 'text.dim'});
	blank();

	// Commentary.
	line({text: `Commentary, ${month}`, token: 'text.heading'});
	const commentary = indicator.commentary === null ? '' : cleanText(indicator.commentary, theme).trim();
	if (commentary) paragraph(commentary);
	else line({text: `  No commentary for ${month}`, token: 'text.dim'});
	return blocks;
}
