import React, {useMemo} from 'react';
import {Box, Text} from 'ink';
import {DataTable, type TableRow} from '../components/data-table.js';
import {RagMark, TrendMark, trendToken, variationToken} from '../components/indicator-marks.js';
import {SIGNAL_TOKENS, TrendChart, buildTrendChart} from '../components/trend-chart.js';
import {fit, wrapText} from '../domain/layout.js';
import {addMonths, formatPeriod} from '../domain/periods.js';
import type {IndicatorMonth} from '../domain/scorecard.js';
import {ASSURANCE_LABELS, VARIATION_LABELS, describeSignal, describeStaleLimits, spcApplies} from '../domain/spc.js';
import {sanitizeLine, sanitizeText, toAscii} from '../domain/text.js';
import {ALL_TEAM, BENCHMARKS, BENCHMARK_LABELS, MEASURE_LABELS, RAG_LABELS, type Polarity, type Rag, type Unit} from '../domain/types.js';
import {UNIT_LABELS, formatChange, formatNumber, formatValue} from '../domain/units.js';
import {useCommands} from '../hooks/use-commands.js';
import {useTheme} from '../hooks/use-theme.js';
import {useViewState} from '../hooks/use-view-state.js';
import type {Command} from '../keys.js';
import type {ScorecardView} from '../domain/types.js';
import {ragToken, type Theme, type Token} from '../theme.js';
import {scrollCommand, scrollReducer, type ScrollAction, type ScrollState} from './scroll-state.js';

// One indicator in depth: a fixed head (value, RAG, target, trend) over a body that scrolls by
// line. The body is built as blocks of known height so the frame can never outgrow the terminal.

export type DetailProps = {data: ScorecardView; width: number; height: number; indicator: string; team?: string};

type Segment = {text: string; token?: Token} | {node: React.ReactNode; width: number};
type Block = {height: number; node: React.ReactNode};

/** Free text for the terminal: sanitized again (defence in depth), and plain ASCII when asked. */
function cleanText(text: string, theme: Theme): string {
	const clean = sanitizeText(text);
	return theme.ascii ? toAscii(clean) : clean;
}

function cleanLine(text: string, theme: Theme): string {
	return cleanText(sanitizeLine(text), theme);
}

function segmentWidth(segment: Segment): number {
	return 'node' in segment ? segment.width : segment.text.length;
}

/** Whole segments while they fit; the first that does not is cut (text) or left out (a mark). */
function fitSegments(segments: Segment[], width: number, ellipsis: string): Segment[] {
	const out: Segment[] = [];
	let used = 0;
	for (const segment of segments) {
		const size = segmentWidth(segment);
		if (used + size <= width) {
			out.push(segment);
			used += size;
			continue;
		}
		if (!('node' in segment) && width - used > 0) out.push({...segment, text: fit(segment.text, width - used, ellipsis)});
		break;
	}
	return out;
}

function Line({segments, width, ellipsis}: {segments: Segment[]; width: number; ellipsis: string}) {
	const theme = useTheme();
	const fitted = fitSegments(segments, width, ellipsis);
	return (
		<Text wrap="truncate">
			{fitted.length === 0 ? ' ' : ''}
			{fitted.map((segment, i) =>
				'node' in segment ? (
					<React.Fragment key={i}>{segment.node}</React.Fragment>
				) : (
					<Text key={i} {...(segment.token ? theme.style(segment.token) : {})}>
						{segment.text}
					</Text>
				),
			)}
		</Text>
	);
}

function trendWords(indicator: IndicatorMonth): string {
	const {trend, direction} = indicator;
	if (direction === null) return 'no figure for last month';
	if (trend === 'improving') return 'improving';
	if (trend === 'worsening') return 'worsening';
	if (trend === 'same' || direction === 'flat') return 'no change';
	return direction === 'up' ? 'up' : 'down';
}

/** Better, worse or level against a benchmark, polarity-aware; level when they show the same. */
function comparison(unit: Unit, polarity: Polarity, service: number | null, benchmark: number): {text: string; token: Token} {
	if (service === null) return {text: 'no figure for the service', token: 'text.dim'};
	if (formatValue(unit, service) === formatValue(unit, benchmark)) return {text: 'service level with it', token: 'trend.none'};
	const higher = service > benchmark;
	if (polarity === 'none') return {text: higher ? 'service above it' : 'service below it', token: 'trend.none'};
	const better = higher === (polarity === 'higher');
	return better ? {text: 'service better', token: 'trend.good'} : {text: 'service worse', token: 'trend.bad'};
}

function formatAmount(value: number | null): string {
	if (value === null || !Number.isFinite(value)) return '–';
	return formatNumber(value, Number.isInteger(value) ? 0 : 1);
}

type Context = {indicator: IndicatorMonth; data: ScorecardView; width: number; team?: string; theme: Theme};

function headSegments({indicator, data, theme}: Context): Segment[][] {
	const g = theme.glyphs;
	const show = (text: string) => cleanText(text, theme);
	const period = data.scorecard.period;
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

function teamTable({indicator, width, team, theme}: Context): {rows: TableRow[]; columns: string[]} | null {
	const g = theme.glyphs;
	const show = (text: string) => cleanText(text, theme);
	const {unit} = indicator;
	const teams = [...indicator.teams];
	const picked = team === undefined ? -1 : teams.findIndex(figure => figure.team === team);
	if (picked > 0) teams.unshift(...teams.splice(picked, 1));
	const figures = [
		...teams.map(figure => ({...figure, mark: picked !== -1 && figure.team === team})),
		{
			team: ALL_TEAM,
			name: 'Whole service',
			numerator: indicator.numerator,
			denominator: indicator.denominator,
			value: indicator.value,
			rag: indicator.rag,
			change: indicator.value !== null && indicator.previousValue !== null ? indicator.value - indicator.previousValue : null,
			mark: false,
		},
	];
	if (teams.length === 0) return null;
	const prefix = (mark: boolean) => (picked === -1 ? '' : mark ? `${g.selected} ` : '  ');
	const cells = figures.map(figure => ({
		Team: `${prefix(figure.mark)}${cleanLine(figure.team, theme)}`,
		Name: cleanLine(figure.name, theme),
		Num: show(formatAmount(figure.numerator)),
		Den: show(formatAmount(figure.denominator)),
		Value: show(formatValue(unit, figure.value)),
		RAG: `${g.rag[figure.rag].trimEnd()} ${RAG_LABELS[figure.rag]}`,
		Change: show(formatChange(unit, figure.change)),
	}));
	// A count has no denominators: the value is the numerator.
	const columns = ['Team', 'Name', 'Num', 'Den', 'Value', 'RAG', 'Change'].filter(
		column => column !== 'Den' || figures.some(figure => figure.denominator !== null),
	) as Array<keyof (typeof cells)[number]>;
	const widths = new Map(columns.map(column => [column, Math.max(column.length, ...cells.map(cell => cell[column].length))]));
	// Each column takes its width, a space either side and a border; plus the closing border.
	const others = columns.filter(column => column !== 'Name').reduce((sum, column) => sum + widths.get(column)! + 3, 1);
	const nameRoom = width - others - 3;
	const shown = nameRoom >= 6 ? columns : columns.filter(column => column !== 'Name');
	const right = new Set(['Num', 'Den', 'Value', 'Change']);
	const rows = cells.map(cell => {
		const row: TableRow = {};
		for (const column of shown) {
			const text = column === 'Name' ? fit(cell.Name, Math.min(nameRoom, widths.get('Name')!), g.ellipsis) : cell[column];
			// ink-table aligns left: numbers are padded to the column's width to line up on the right.
			row[column] = right.has(column) ? text.padStart(widths.get(column)!) : text;
		}
		return row;
	});
	return {rows, columns: shown};
}

function bodyBlocks(context: Context, chartHeight: number): Block[] {
	const {indicator, data, width, team, theme} = context;
	const g = theme.glyphs;
	const show = (text: string) => cleanText(text, theme);
	const ellipsis = g.ellipsis;
	const period = data.scorecard.period;
	const month = formatPeriod(period);
	const {unit} = indicator;
	const blocks: Block[] = [];
	const line = (...segments: Segment[]) => blocks.push({height: 1, node: <Line segments={segments} width={width} ellipsis={ellipsis} />});
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
		const stale = describeStaleLimits(spc);
		if (stale) paragraph(`Assurance: ${stale}`, 'text.notice');
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
			const words = wrapText(`Special cause: ${run.text}`, width - 2);
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
	const table = teamTable(context);
	if (team !== undefined) {
		const found = indicator.teams.find(figure => figure.team === team);
		line({
			text: found ? `Team ${cleanLine(team, theme)} first, marked ${g.selected}: ${cleanLine(found.name, theme)}` : `No figures for team ${cleanLine(team, theme)} in ${month}`,
			token: 'text.notice',
		});
	}
	// ink-table draws a rule above every row: top, heading, then rule + row each, then bottom.
	if (table) blocks.push({height: 2 * table.rows.length + 3, node: <DataTable data={table.rows} columns={table.columns} />});
	else line({text: `  no team breakdown for this indicator`, token: 'text.dim'});
	blank();

	// Benchmarks.
	line({text: 'Benchmarks', token: 'text.heading'});
	const present = BENCHMARKS.filter(benchmark => indicator.benchmarks[benchmark] !== undefined);
	const labelWidth = Math.max(0, ...present.map(benchmark => BENCHMARK_LABELS[benchmark].length));
	for (const benchmark of present) {
		const value = indicator.benchmarks[benchmark]!;
		const verdict = comparison(unit, indicator.polarity, indicator.value, value);
		line(
			{text: `  ${BENCHMARK_LABELS[benchmark].padEnd(labelWidth)}  `},
			{text: show(formatValue(unit, value)).padStart(8), token: 'text.title'},
			{text: '  '},
			{text: verdict.text, token: verdict.token},
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

/** The rows of `blocks` from `top`, `room` lines tall: blocks cut at the top are shifted up inside a clip. */
function Viewport({blocks, top, room, width}: {blocks: Block[]; top: number; room: number; width: number}) {
	const shown: React.ReactNode[] = [];
	let y = 0;
	for (const [i, block] of blocks.entries()) {
		const start = y;
		y += block.height;
		if (y <= top || start >= top + room) continue;
		const skip = Math.max(0, top - start);
		const visible = Math.min(y, top + room) - Math.max(start, top);
		shown.push(
			<Box key={i} height={visible} width={width} overflowY="hidden" flexDirection="column" flexShrink={0}>
				<Box marginTop={-skip} flexDirection="column" flexShrink={0} height={block.height}>
					{block.node}
				</Box>
			</Box>,
		);
	}
	return (
		<Box flexDirection="column" height={room} width={width} overflowY="hidden">
			{shown}
		</Box>
	);
}

function scrollHint(top: number, room: number, total: number, theme: Theme): string {
	const g = theme.glyphs;
	const down = theme.ascii ? 'Down' : g.down;
	const up = theme.ascii ? 'Up' : g.up;
	const where = `(lines ${top + 1}-${Math.min(total, top + room)} of ${total})`;
	if (top + room >= total) return `${g.up} top: k/${up}, PgUp, g  ${where}`;
	if (top === 0) return `${g.down} more: j/${down}, PgDn  ${where}`;
	return `${g.down} more: j/${down}, PgDn  ${g.up} k/${up}, PgUp  ${where}`;
}

export function DetailView({data, width, height, indicator: code, team}: DetailProps) {
	const theme = useTheme();
	const [state, dispatch] = useViewState<ScrollState, ScrollAction>(`detail:${code}`, scrollReducer, () => ({top: 0}));
	const indicator = data.scorecard.indicators.find(row => row.code === code) ?? null;

	// Short terminals keep more of the body and drop the head's context line.
	const fixed = height >= 12 ? 3 : height >= 6 ? 2 : 1;
	const chartHeight = Math.max(3, Math.min(14, Math.floor((height - 4) / 2)));
	const blocks = useMemo(
		() => (indicator ? bodyBlocks({indicator, data, width, team, theme}, chartHeight) : []),
		[indicator, data, width, team, theme, chartHeight],
	);
	const total = blocks.reduce((sum, block) => sum + block.height, 0);
	const space = Math.max(1, height - fixed);
	const scrolls = total > space;
	const room = scrolls ? Math.max(1, space - 1) : space;
	const max = Math.max(0, total - room);
	const page = Math.max(1, room - 1);

	// Keys arrive several to a chunk: the reducer reads the latest state, the bounds come from this render.
	const bounds = {max, page};
	useCommands({
		command: (command: Command) => {
			const action = scrollCommand(command, bounds.page, bounds.max);
			if (action) dispatch(action);
			return action !== null;
		},
	});

	const g = theme.glyphs;
	if (!indicator) {
		return (
			<Box flexDirection="column" height={height} width={width} overflowY="hidden">
				<Line segments={[{text: `No indicator ${cleanLine(code, theme)} in the scorecard for ${formatPeriod(data.scorecard.period)}`, token: 'text.error'}]} width={width} ellipsis={g.ellipsis} />
				<Line segments={[{text: 'It may have gone in the last load. Esc or q goes back.', token: 'text.dim'}]} width={width} ellipsis={g.ellipsis} />
			</Box>
		);
	}

	const top = Math.min(state.top, max);
	const head = headSegments({indicator, data, width, team, theme}).slice(0, fixed);
	return (
		<Box flexDirection="column" height={height} width={width} overflowY="hidden">
			{head.map((segments, i) => (
				<Line key={i} segments={segments} width={width} ellipsis={g.ellipsis} />
			))}
			<Viewport blocks={blocks} top={top} room={room} width={width} />
			{scrolls && <Line segments={[{text: scrollHint(top, room, total, theme), token: 'text.dim'}]} width={width} ellipsis={g.ellipsis} />}
		</Box>
	);
}
