import React from 'react';
import {Text} from 'ink';
import {ASSURANCE_MARKS, RagMark, TrendMark, assuranceToken, variationText, variationToken, withheldMark} from '../../components/indicator-marks.js';
import {monthsEnding} from '../../domain/periods.js';
import type {IndicatorMonth} from '../../domain/scorecard.js';
import {benchmarkValueText} from '../../domain/benchmarks.js';
import {figureText} from '../../domain/figure-words.js';
import {formatValue} from '../../domain/units.js';
import {useTheme} from '../../hooks/use-theme.js';
import {sparkline, type SparkScale} from '../../text-layout/sparkline.js';
import {spcApplies} from '../../domain/spc.js';
import {padEnd, padStart} from '../../text-layout/text-fit.js';
import type {OverviewLayout} from './overview-layout.js';

/**
 * One indicator's row. Memoised: an arrow key changes two rows, and the others need not be drawn
 * again (on a big store that is most of a key's cost). One Text in the selection style around
 * all of it, because every extra style switch is bytes over a slow link.
 */
export const GridRow = React.memo(function GridRow({
	row,
	title,
	selected,
	layout,
	period,
	revised = false,
	scale,
}: {
	row: IndicatorMonth;
	title: string;
	selected: boolean;
	layout: OverviewLayout;
	period: string;
	/** Its figure was revised while on screen (↻ after the selection mark). */
	revised?: boolean;
	/** Its unit's sparkline scale, shared with the other indicators of the unit. */
	scale?: SparkScale;
}) {
	const theme = useTheme();
	const g = theme.glyphs;
	const {columns, widths} = layout;
	const spark = sparkline(lastValues(row, period, layout.spark), g.spark, ' ', scale);
	const missing = row.value === null;
	const variation = row.spc?.variation ?? null;
	const side = row.spc?.latest?.side ?? null;
	const withheld = withheldMark(row.spc);
	return (
		<Text {...(selected ? theme.style('selection') : {})} wrap="truncate">
			{`${selected ? g.selected : ' '}${revised ? g.revised : ' '}`}
			{`${padStart(String(row.number), widths.number)} ${padEnd(title, layout.title, g.ellipsis)} `}
			{`${padStart(missing ? 'missing' : figureText(row), widths.value)} ${padStart(row.target === null ? 'none' : formatValue(row.unit, row.target), widths.target)} `}
			{/* A missing figure has its own mark: not "not rated", which is for no target. */}
			{missing ? <Text {...theme.style('text.notice')}>{`${g.missing} `}</Text> : <RagMark rag={row.rag} />}
			{' '.repeat(widths.rag - 2 + 1)}
			<TrendMark direction={row.direction} trend={row.trend} />
			{columns.has('previous6') && ` ${padStart(formatValue(row.unit, row.previous6), widths.previous6)}`}
			{columns.has('spc') && ' '}
			{columns.has('spc') && !spcApplies(row.measure) && <Text {...theme.style('spc.common')}>{g.noSpc}</Text>}
			{columns.has('spc') && spcApplies(row.measure) && missing && '   '}
			{columns.has('spc') && spcApplies(row.measure) && !missing && withheld !== null && <Text {...theme.style('text.dim')}>{withheld}</Text>}
			{columns.has('spc') && spcApplies(row.measure) && !missing && withheld === null && <Text {...theme.style(variationToken(variation))}>{row.spc ? variationText(variation, side) : '  '}</Text>}
			{columns.has('spc') && spcApplies(row.measure) && !missing && withheld === null && (
				<Text {...theme.style(assuranceToken(row.spc?.assurance ?? null))}>{row.spc?.rebaseSuggested ? theme.glyphs.stale : row.spc?.assurance ? ASSURANCE_MARKS[row.spc.assurance] : ' '}</Text>
			)}
			{columns.has('spark') && ' '}
			{columns.has('spark') && <Text {...theme.style('chart.value')}>{padEnd(spark, layout.spark)}</Text>}
			{columns.has('national') && ` ${padStart(benchmarkValueText(row.unit, row.benchmarkInfo?.national), widths.national)}`}
		</Text>
	);
});

export function lastValues(row: IndicatorMonth, period: string, count: number): Array<number | null> {
	if (count <= 0) return [];
	const byPeriod = new Map(row.series.map(point => [point.period, point.value]));
	// Months are consecutive slots: a gap shows as a gap, not as a squeezed line.
	return monthsEnding(period, count).map(month => byPeriod.get(month) ?? null);
}
