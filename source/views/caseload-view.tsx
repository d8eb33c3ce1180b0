import React, {useMemo} from 'react';
import {Box, Text} from 'ink';
import {DataTable, tableHeight, type TableRow} from '../components/data-table.js';
import {bandLabel, summariseCaseloads, type CaseloadBand, type CaseloadSummary} from '../domain/caseloads.js';
import {fit, padEnd, padStart} from '../render/text-fit.js';
import {formatPeriod} from '../domain/periods.js';
import {teamOrder} from '../domain/scorecard.js';
import {formatNumber} from '../domain/units.js';
import {useCommands} from '../hooks/use-commands.js';
import {useStoreQuery} from '../hooks/use-store-query.js';
import {useTheme} from '../hooks/use-theme.js';
import {useViewState} from '../hooks/use-view-state.js';
import type {Command} from '../keys.js';
import type {StoreClient} from '../store/client.js';
import type {ScorecardView} from '../store/read-scorecard.js';
import {scrollCommand, scrollReducer, type ScrollAction, type ScrollState} from './scroll-state.js';
import type {Glyphs} from '../theme.js';

// How caseloads per FTE spread across workers this month: by service, the whole workforce as a
// histogram, and by team. Only aggregates reach the screen; the rows carry no worker reference.

// The ink-table version in use draws a rule above every row, not only under the heading.
function drawnTableHeight(rows: number): number {
	return Math.max(tableHeight(rows), 2 * rows + 3);
}

const ABOVE_MARK = '!';

type Column = 'Workers' | 'FTE' | 'Mean' | 'Median' | 'Max' | 'Above';
const COLUMNS: Column[] = ['Workers', 'FTE', 'Mean', 'Median', 'Max', 'Above'];
// Narrow terminals lose these first, in this order.
const DROPPABLE: Column[] = ['Max', 'Median', 'FTE'];

function perFteText(value: number | null, dash: string): string {
	return value === null ? dash : formatNumber(value, 1);
}

function cells(summary: CaseloadSummary, dash: string): Record<Column, string> {
	return {
		Workers: formatNumber(summary.workers),
		FTE: formatNumber(summary.fte, 1),
		Mean: perFteText(summary.mean, dash),
		Median: perFteText(summary.median, dash),
		Max: perFteText(summary.max, dash),
		Above: formatNumber(summary.above),
	};
}

/** Rows for DataTable: numbers padded to a common width so they line up on the right. */
export function tableRows(first: string, summaries: CaseloadSummary[], threshold: number, width: number, dash: string): {rows: TableRow[]; columns: string[]} {
	const above = `Above ${formatNumber(threshold, Number.isInteger(threshold) ? 0 : 1)}`;
	const heading = (column: Column) => (column === 'Above' ? above : column);
	const texts = summaries.map(summary => ({label: summary.label, cells: cells(summary, dash)}));
	const widthOf = (column: Column) => Math.max(heading(column).length, ...texts.map(text => text.cells[column].length));
	const labelWidth = Math.max(first.length, ...texts.map(text => text.label.length));
	let shown = [...COLUMNS];
	const tableWidth = () => 1 + (labelWidth + 3) + shown.reduce((sum, column) => sum + widthOf(column) + 3, 0);
	for (const drop of DROPPABLE) {
		if (tableWidth() <= width) break;
		shown = shown.filter(column => column !== drop);
	}
	const rows = texts.map(text => {
		const row: TableRow = {[first]: text.label};
		for (const column of shown) row[heading(column)] = padStart(text.cells[column], widthOf(column));
		return row;
	});
	return {rows, columns: [first, ...shown.map(heading)]};
}

export type HistogramLine = {mark: string; label: string; bar: string; count: string; note: string; above: boolean};

/** One line per band: bars scaled so the fullest band fills the room left on the line. */
export function histogramLines(bands: CaseloadBand[], threshold: number, width: number, glyphs: Glyphs): HistogramLine[] {
	const labels = bands.map(band => bandLabel(band, glyphs.dash));
	const labelWidth = Math.max(...labels.map(label => label.length));
	const counts = bands.map(band => String(band.count));
	const countWidth = Math.max(...counts.map(count => count.length));
	const note = ` (threshold ${formatNumber(threshold, Number.isInteger(threshold) ? 0 : 1)})`;
	const room = Math.max(1, width - 2 - labelWidth - 1 - 1 - countWidth - note.length);
	const most = Math.max(1, ...bands.map(band => band.count));
	return bands.map((band, i) => {
		const cellsWide = (band.count / most) * room;
		let bar = glyphs.bar.repeat(Math.floor(cellsWide));
		if (cellsWide - Math.floor(cellsWide) >= 0.5 || (band.count > 0 && bar === '')) bar += glyphs.barHalf;
		return {
			mark: band.above ? ABOVE_MARK : ' ',
			label: padStart(labels[i]!, labelWidth),
			bar,
			count: counts[i]!,
			note: band.threshold ? note : '',
			above: band.above,
		};
	});
}

type Block = {key: string; height: number; node: React.ReactNode; /** Named in the scroll hint when out of view. */ section?: string};

export function CaseloadView({data, width, height, client, threshold}: {data: ScorecardView; width: number; height: number; client: StoreClient; threshold: number}) {
	const theme = useTheme();
	const g = theme.glyphs;
	const period = data.scorecard.period;
	const query = useStoreQuery(async () => ({period, rows: await client.caseloads(period)}), [period, data]);
	const loaded = query.data;
	const summary = useMemo(
		() => (loaded && loaded.rows.length > 0 ? summariseCaseloads(loaded.rows, threshold, {teamOrder}) : null),
		[loaded, threshold],
	);

	const blocks: Block[] = [];
	if (summary) {
		const title = (key: string, text: string) =>
			blocks.push({key, height: 1, node: <Text key={key} {...theme.style('text.heading')}>{fit(text, width, g.ellipsis)}</Text>});
		const gap = (key: string) => blocks.push({key, height: 1, node: <Text key={key}> </Text>});

		title('histogram-title', `All ${formatNumber(summary.all.workers)} workers by caseload per FTE (${ABOVE_MARK} above ${threshold})`);
		for (const [i, line] of histogramLines(summary.all.bands, threshold, width, g).entries()) {
			const token = line.above ? 'rag.red' : 'chart.value';
			blocks.push({
				key: `band-${i}`,
				height: 1,
				node: (
					<Text key={`band-${i}`} wrap="truncate">
						<Text {...theme.style(line.above ? 'rag.red' : 'text.normal')}>{`${line.mark} ${line.label} `}</Text>
						<Text {...theme.style(token)}>{line.bar}</Text>
						<Text {...theme.style(line.above ? 'rag.red' : 'text.normal')}>{` ${line.count}`}</Text>
						<Text {...theme.style('text.dim')}>{line.note}</Text>
					</Text>
				),
			});
		}
		gap('gap-1');

		title('service-title', 'By service: caseload per FTE');
		const services = tableRows('Service', [...summary.services, {...summary.all, label: 'All services'}], threshold, width, g.dash);
		blocks.push({key: 'services', section: 'by service', height: drawnTableHeight(services.rows.length), node: <DataTable key="services" data={services.rows} columns={services.columns} />});
		gap('gap-2');

		title('team-title', 'By team: caseload per FTE');
		const teams = tableRows('Team', summary.teams, threshold, width, g.dash);
		blocks.push({key: 'teams', section: 'by team', height: drawnTableHeight(teams.rows.length), node: <DataTable key="teams" data={teams.rows} columns={teams.columns} />});
	}

	const content = blocks.reduce((sum, block) => sum + block.height, 0);
	const room = Math.max(1, height - 1);
	const scrolls = content > room;
	const viewport = scrolls ? Math.max(1, room - 1) : room;
	const max = Math.max(0, content - viewport);
	const [state, dispatch] = useViewState<ScrollState, ScrollAction>('caseloads', scrollReducer, () => ({top: 0}));
	useCommands({
		command: (command: Command) => {
			const action = scrollCommand(command, viewport, max);
			if (action) dispatch(action);
			return action !== null;
		},
	});
	const top = Math.min(state.top, max);
	// What the scroll hides, by name: the tables below (or above) the window.
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

	const month = formatPeriod(period);
	let headline: React.ReactNode;
	if (summary && loaded) {
		const all = summary.all;
		const above = `${formatNumber(all.above)} above ${threshold} per FTE`;
		const workers = `${formatPeriod(loaded.period)}: ${formatNumber(all.workers)} workers`;
		const mean = `mean ${perFteText(all.mean, g.dash)} per FTE`;
		// The count above the threshold is the point of the line: shorter words go first.
		const text =
			[`${workers}, ${formatNumber(all.fte, 1)} FTE, ${mean}; `, `${workers}, ${mean}; `, `${workers}; `].find(
				candidate => candidate.length + above.length <= width,
			) ?? '';
		headline = (
			<Text wrap="truncate">
				<Text {...theme.style('text.title')}>{text}</Text>
				<Text {...theme.style(all.above > 0 ? 'rag.red' : 'text.normal')}>{above}</Text>
			</Text>
		);
	} else if (query.error) {
		headline = <Text {...theme.style('text.error')}>{fit(`! caseloads could not be read: ${query.error}`, width)}</Text>;
	} else if (loaded && loaded.period === period) {
		headline = <Text {...theme.style('text.notice')}>{fit(`No caseload figures for ${month}`, width)}</Text>;
	} else {
		headline = <Text {...theme.style('text.dim')}>{fit(`reading caseloads for ${month}${g.ellipsis}`, width)}</Text>;
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
			{summary && scrolls && (
				<Text {...theme.style('text.dim')}>
					{padEnd(
						top < max
							? `${g.down} more below${hidden('below')}  (${g.down} j, PgDn, G)`
							: `${g.up} more above${hidden('above')}  (${g.up} k, PgUp, g)`,
						width,
					)}
				</Text>
			)}
		</Box>
	);
}
