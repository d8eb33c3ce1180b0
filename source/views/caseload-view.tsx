import React, {useMemo} from 'react';
import {Box, Text} from 'ink';
import {CompactTable, compactTableHeight, type TableColumn} from '../components/compact-table.js';
import {thresholdBandLabel, thresholdBands} from '../domain/caseload-bands.js';
import {summariseCaseloads, type CaseloadBand, type CaseloadSummary} from '../domain/caseloads.js';
import {formatPeriod} from '../domain/periods.js';
import {teamOrderOf} from '../domain/scorecard.js';
import {formatNumber} from '../domain/units.js';
import {useTheme} from '../hooks/use-theme.js';
import {cellWidth, fit, padEnd, padStart} from '../text-layout/text-fit.js';
import type {Glyphs} from '../theme.js';
import {listReducer, listWindow, scrollList, type ListState} from './list-controller.js';
import type {RouteOf} from './route.js';
import {BACK_ONE_LEVEL, listMoves, sharedBindings} from './shared-bindings.js';
import {useList} from './use-list.js';
import type {ListMove, ViewBinding, ViewProps} from './view-spec.js';

// How caseloads per FTE spread across workers this month: by service and by team first (the
// first screen at 80x24), then the whole workforce as a histogram whose bands split at the
// threshold. Only aggregates reach the screen; the rows carry no worker reference.

const ABOVE_MARK = '!';

const thresholdText = (threshold: number) => formatNumber(threshold, Number.isInteger(threshold) ? 0 : 1);
const perFteText = (value: number | null, dash: string) => (value === null ? dash : formatNumber(value, 1));

export function summaryColumns(first: string, threshold: number, dash: string): Array<TableColumn<CaseloadSummary>> {
	return [
		{key: 'label', heading: first, cell: s => s.label, stretch: true, min: 10},
		{key: 'workers', heading: 'Workers', cell: s => formatNumber(s.workers), align: 'right'},
		{key: 'fte', heading: 'FTE', cell: s => formatNumber(s.fte, 1), align: 'right', drop: 3},
		{key: 'mean', heading: 'Mean', cell: s => perFteText(s.mean, dash), align: 'right'},
		{key: 'median', heading: 'Median', cell: s => perFteText(s.median, dash), align: 'right', drop: 2},
		{key: 'max', heading: 'Max', cell: s => perFteText(s.max, dash), align: 'right', drop: 1},
		{key: 'above', heading: `Above ${thresholdText(threshold)}`, cell: s => formatNumber(s.above), align: 'right', token: s => (s.above > 0 ? 'rag.red' : undefined)},
	];
}

export type HistogramLine = {mark: string; label: string; bar: string; count: string; note: string; above: boolean};

/** One line per band: bars scaled so the fullest band fills the room left on the line. */
export function histogramLines(bands: CaseloadBand[], threshold: number, width: number, glyphs: Glyphs): HistogramLine[] {
	const labels = bands.map(band => thresholdBandLabel(band, glyphs.dash));
	const labelWidth = Math.max(...labels.map(cellWidth));
	const counts = bands.map(band => String(band.count));
	const countWidth = Math.max(...counts.map(count => count.length));
	const note = ` (threshold ${thresholdText(threshold)})`;
	const room = Math.max(1, width - 2 - labelWidth - 1 - 1 - countWidth - note.length);
	const most = Math.max(1, ...bands.map(band => band.count));
	return bands.map((band, i) => {
		const cellsWide = (band.count / most) * room;
		let bar = glyphs.bar.repeat(Math.floor(cellsWide));
		if (cellsWide - Math.floor(cellsWide) >= 0.5 || (band.count > 0 && bar === '')) bar += glyphs.barHalf;
		return {mark: band.above ? ABOVE_MARK : ' ', label: padStart(labels[i]!, labelWidth), bar, count: counts[i]!, note: band.threshold ? note : '', above: band.above};
	});
}

/** A piece of the page, of known height, named in the scroll hint when out of view. */
type Section = {key: string; height: number; node: React.ReactNode; section?: string};

// Scrolled by line, a page at a time with no line kept from the last.
export type CaseloadState = {list: ListState};
export const initialCaseloads = (): CaseloadState => ({list: scrollList({overlap: 0})});
export function caseloadReducer(state: CaseloadState, action: ListMove): CaseloadState {
	const list = listReducer(state.list, action.action);
	return list === state.list ? state : {list};
}
export const CASELOAD_BINDINGS: Array<ViewBinding<CaseloadState, ListMove>> = [
	...listMoves<CaseloadState>(),
	...sharedBindings<CaseloadState, ListMove>({footer: ['previousMonth', 'nextMonth', 'help', 'quit'], quit: BACK_ONE_LEVEL}),
];

export function CaseloadView({read, data, width, height, state, dispatch, screen}: ViewProps<CaseloadState, ListMove, RouteOf<'caseloads'>>) {
	const theme = useTheme();
	const threshold = screen.config.caseloadThreshold;
	const g = theme.glyphs;
	const period = data.scorecard.period;
	// The month's caseloads, read with the rest of the screen (the view shows once they are).
	const rows = read.caseloads ?? [];
	const summary = useMemo(
		() => (rows.length > 0 ? summariseCaseloads(rows, threshold, {teamOrder: teamOrderOf(data.teams)}) : null),
		// eslint-disable-next-line react-hooks/exhaustive-deps
		[read.caseloads, threshold, data.teams],
	);
	// eslint-disable-next-line react-hooks/exhaustive-deps
	const bands = useMemo(() => (rows.length > 0 ? thresholdBands(rows, threshold) : []), [read.caseloads, threshold]);

	const blocks: Section[] = [];
	if (summary) {
		const gap = (key: string) => blocks.push({key, height: 1, node: <Text key={key}> </Text>});
		const table = (key: string, first: string, rows: CaseloadSummary[]) =>
			blocks.push({
				key,
				section: `by ${first.toLowerCase()}`,
				height: compactTableHeight(rows.length),
				node: <CompactTable key={key} columns={summaryColumns(first, threshold, g.dash)} rows={rows} width={width} rowKey={row => row.key} />,
			});
		table('services', 'Service', [...summary.services, {...summary.all, label: 'All services'}]);
		gap('gap-1');
		table('teams', 'Team', summary.teams);
		gap('gap-2');
		blocks.push({
			key: 'histogram-title',
			section: 'histogram',
			height: 1,
			node: <Text key="histogram-title" {...theme.style('text.heading')}>{fit(`All ${formatNumber(summary.all.workers)} workers by caseload per FTE (${ABOVE_MARK} above ${thresholdText(threshold)})`, width, g.ellipsis)}</Text>,
		});
		for (const [i, line] of histogramLines(bands, threshold, width, g).entries()) {
			const token = line.above ? 'rag.red' : 'text.normal';
			blocks.push({
				key: `band-${i}`,
				height: 1,
				node: (
					<Text key={`band-${i}`} wrap="truncate">
						<Text {...theme.style(token)}>{`${line.mark} ${line.label} `}</Text>
						<Text {...theme.style(line.above ? 'rag.red' : 'chart.value')}>{line.bar}</Text>
						<Text {...theme.style(token)}>{` ${line.count}`}</Text>
						<Text {...theme.style('text.dim')}>{line.note}</Text>
					</Text>
				),
			});
		}
	}

	const content = blocks.reduce((sum, block) => sum + block.height, 0);
	// Under the headline; one line for the hint when it scrolls.
	const list = useList(state.list, {count: content, height: Math.max(1, height - 1)}, (action, options) => dispatch({type: 'list', action}, options));
	const {top, room: viewport, max, overflows: scrolls} = listWindow(list);
	// What the scroll hides, by name: the tables (or the histogram) below or above the window.
	const hidden = (where: 'above' | 'below') => {
		const names: string[] = [];
		let start = 0;
		for (const block of blocks) {
			const end = start + block.height;
			if (block.section && (where === 'below' ? end > top + viewport : start < top)) names.push(block.section);
			start = end;
		}
		return names.length > 0 ? `: ${names.join(', ')}` : '';
	};
	const hint = (where: 'above' | 'below') => {
		const [arrow, move, page, jump] = where === 'below' ? [g.down, 'down', 'pageDown', 'last'] as const : [g.up, 'up', 'pageUp', 'first'] as const;
		return `${arrow} more ${where}${hidden(where)}  (${[screen.keys(move), screen.keys(page), screen.keys(jump, 1)].join(', ')})`;
	};

	const month = formatPeriod(period);
	let headline: React.ReactNode;
	if (summary) {
		const all = summary.all;
		const above = `${formatNumber(all.above)} above ${thresholdText(threshold)} per FTE`;
		const workers = `${month}: ${formatNumber(all.workers)} workers`;
		// Every average says what it covers: this mean is every service's workers (an indicator's
		// average caseload may count fewer services: its definition says which).
		const services = summary.services.length;
		const mean = `mean ${perFteText(all.mean, g.dash)} per FTE`;
		const over = `over all ${services} service${services === 1 ? '' : 's'}`;
		// The count above the threshold is the point of the line: shorter words go first.
		const text =
			[
				`${workers}, ${formatNumber(all.fte, 1)} FTE, ${mean} ${over}; `,
				`${workers}, ${mean} ${over}; `,
				`${workers}, ${mean} (all services); `,
				`${workers}; `,
			].find(candidate => candidate.length + above.length <= width) ?? '';
		headline = (
			<Text wrap="truncate">
				<Text {...theme.style('text.title')}>{text}</Text>
				<Text {...theme.style(all.above > 0 ? 'rag.red' : 'text.normal')}>{above}</Text>
			</Text>
		);
	} else {
		headline = <Text {...theme.style('text.notice')}>{fit(`No caseload figures for ${month}`, width, g.ellipsis)}</Text>;
	}

	return (
		<Box flexDirection="column" height={height} overflowY="hidden">
			{headline}
			{summary && (
				<Box flexDirection="column" height={viewport} overflowY="hidden">
					{/* Scrolled by a negative margin: the tables stay whole components and the box clips them. */}
					<Box flexDirection="column" marginTop={-top} flexShrink={0}>
						{blocks.map(block => block.node)}
					</Box>
				</Box>
			)}
			{summary && scrolls && <Text {...theme.style('text.dim')}>{padEnd(hint(top < max ? 'below' : 'above'), width, g.ellipsis)}</Text>}
		</Box>
	);
}
