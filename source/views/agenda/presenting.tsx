import React from 'react';
import {Box, Text} from 'ink';
import {Line as FittedLine, segmentsWidth, type Segment} from '../../components/fitted-line.js';
import type {HeldItem} from '../../domain/agenda-hold.js';
import {revisionWords, type Revision} from '../../domain/revisions.js';
import {fit, padEnd, wrapText} from '../../text-layout/text-fit.js';
import {sparkline} from '../../text-layout/sparkline.js';
import {addMonths, formatPeriod, monthsEnding} from '../../domain/periods.js';
import type {IndicatorMonth} from '../../domain/scorecard.js';
import type {TeamHistory} from '../../domain/team-detail.js';
import {ALL_TEAM, type Polarity, type Unit} from '../../domain/types.js';
import {formatValue, rangeWords} from '../../domain/units.js';
import {useTheme} from '../../hooks/use-theme.js';
import {ragToken, type Token} from '../../theme.js';
import {commentaryLines} from '../detail/commentary.js';
import {teamTable, teamTableBlock} from '../detail/team-table.js';
import {SEVERITY_MARK, SEVERITY_TOKEN, SEVERITY_WORDS} from './layout.js';

// Presenting mode: one item at a time, large and spaced, for the room: what and whose, the
// figure and why, the team's row as the detail shows it, the commentary's first lines, the last
// 12 months.

function targetWords(unit: Unit, target: number | null, polarity: Polarity): string {
	if (target === null || polarity === 'none') return 'no target';
	return `target ${formatValue(unit, target)} or ${polarity === 'higher' ? 'more' : 'less'}`;
}

/** What goes first when the terminal is short: spacing, then the sparkline, then commentary beyond its first line. */
type Line = {key: string; node: React.ReactNode; spacer?: boolean; group?: 'spark' | 'commentary'};

export type PresentingProps = {
	item: HeldItem;
	index: number;
	count: number;
	ended: boolean;
	period: string;
	width: number;
	height: number;
	/** The item's indicator this month (its team row and commentary); null if it is not in the scorecard. */
	indicator: IndicatorMonth | null;
	/** Every team's history of it, once read (the previous 6 months column). */
	histories: Map<string, TeamHistory> | null;
	/** The whole service's one name. */
	serviceName: string;
	/** The item's figure, revised while it was on screen. */
	revision?: Revision | null;
};

/** Spacers go first (from the bottom), then the sparkline, then commentary lines after the first; then the bottom is cut. */
export function fitPresenting<L extends {spacer?: boolean; group?: string}>(lines: L[], height: number): L[] {
	let shown = lines;
	while (shown.length > height && shown.some(line => line.spacer)) {
		const last = shown.map(line => line.spacer === true).lastIndexOf(true);
		shown = shown.filter((_, i) => i !== last);
	}
	if (shown.length > height) shown = shown.filter(line => line.group !== 'spark');
	const commentary = shown.filter(line => line.group === 'commentary');
	if (shown.length > height && commentary.length > 1) {
		const keep = new Set(commentary.slice(0, Math.max(1, commentary.length - (shown.length - height))));
		shown = shown.filter(line => line.group !== 'commentary' || keep.has(line));
	}
	// The item's identity and value come first: what does not fit is cut at the bottom.
	return shown.slice(0, height);
}

export function Presenting({item, index, count, ended, period, width, height, indicator, histories, serviceName, revision = null}: PresentingProps) {
	const theme = useTheme();
	const g = theme.glyphs;
	const dim = theme.style('text.dim');
	const indent = '  ';
	const room = Math.max(1, width - indent.length);

	if (ended) {
		return (
			<Box flexDirection="column" height={height} overflowY="hidden">
				<Text {...theme.style('text.title')}>{fit(`End of agenda: ${count} ${count === 1 ? 'item' : 'items'} for ${formatPeriod(period)}`, width, g.ellipsis)}</Text>
				{height > 2 && <Text> </Text>}
				<Text {...dim}>{fit(`${indent}Space starts again from the top, Esc returns to the list`, width, g.ellipsis)}</Text>
			</Box>
		);
	}

	const lines: Line[] = [];
	const spacer = (key: string) => lines.push({key, node: <Text> </Text>, spacer: true});
	const severityWord = SEVERITY_WORDS[item.severity][0];
	lines.push({
		key: 'position',
		node: (
			<Text wrap="truncate-end">
				<Text {...dim}>{`Item ${index + 1} of ${count}  `}</Text>
				<Text {...theme.style(SEVERITY_TOKEN[item.severity])}>{fit(`${SEVERITY_MARK[item.severity].trim()} ${severityWord}`, Math.max(0, width - 16), g.ellipsis)}</Text>
			</Text>
		),
	});
	spacer('s1');
	wrapText(`${item.number} ${item.title}`, room)
		.slice(0, 2)
		.forEach((text, i) =>
			lines.push({key: `title${i}`, node: <Text {...theme.style('text.title')}>{indent + fit(text, room, g.ellipsis)}</Text>}),
		);
	lines.push({key: 'team', node: <Text bold>{indent + fit(item.teamName, room, g.ellipsis)}</Text>});
	spacer('s2');
	const value = item.value === null ? 'no figure' : formatValue(item.unit, item.value);
	const target = targetWords(item.unit, item.target, item.polarity);
	const rag = theme.glyphs.rag[item.rag];
	const valueParts: Segment[] = [
		{token: 'text.title', text: `${indent}${value}`},
		{token: 'text.dim', text: `   ${target}`},
		...(item.rag === 'none' ? [] : [{token: 'text.normal' as Token, text: '   '}, {token: ragToken(item.rag), text: rag}, {token: 'text.normal' as Token, text: ` ${item.rag}`}]),
	];
	const lastMonth: Segment | null =
		item.previousValue === null ? null : {token: 'text.dim', text: `   ${formatPeriod(addMonths(period, -1))}: ${formatValue(item.unit, item.previousValue)}`};
	if (lastMonth && segmentsWidth([...valueParts, lastMonth]) <= width) valueParts.push(lastMonth);
	lines.push({key: 'value', node: <FittedLine segments={valueParts} width={width} />});
	// A figure revised while the room was looking at it says so, and whether it is still raised.
	if (revision || item.gone) {
		const words = [revision ? revisionWords(revision) : 'revised', ...(item.gone ? ["no longer raised by this month's figures"] : [])].join('; ');
		wrapText(`${g.revised} ${words}`, room)
			.slice(0, 2)
			.forEach((text, i) => lines.push({key: `revised${i}`, node: <Text {...theme.style('text.notice')}>{indent + text}</Text>}));
	}
	spacer('s3');
	item.reasons.forEach((reason, r) => {
		wrapText(reason, Math.max(1, room - 2)).forEach((text, i) =>
			lines.push({key: `reason${r}.${i}`, node: <Text>{`${indent}${i === 0 ? `${g.bullet} ` : '  '}${text}`}</Text>}),
		);
	});
	// The item's team row (and the whole service's) as the detail's table shows it, then the commentary.
	const table = indicator ? teamTable(indicator, histories, item.team === ALL_TEAM ? undefined : item.team, room, theme, serviceName) : null;
	if (table) {
		spacer('s4');
		const rows = {...table, rows: table.rows.filter(row => row.team === item.team || row.team === ALL_TEAM)};
		const block = teamTableBlock(rows, room);
		lines.push({key: 'table', node: <Box marginLeft={indent.length} height={block.height} flexDirection="column">{block.node}</Box>});
		// The table is one block: keep the line count right for fitting.
		for (let i = 1; i < block.height; i++) lines.push({key: `table${i}`, node: null});
	}
	if (indicator) {
		spacer('s5');
		commentaryLines(indicator.commentary, period, room, theme).forEach((segments, i) =>
			lines.push({key: `commentary${i}`, group: 'commentary', node: <Box marginLeft={indent.length}><FittedLine segments={segments} width={room} /></Box>}),
		);
	}
	const present = item.last12.filter((v): v is number => v !== null);
	if (present.length >= 2 && room >= 12) {
		spacer('s6');
		// Three cells a month: two bars and a gap, so the shape reads from the back of the room.
		const perMonth = room >= 36 ? 3 : 1;
		const spark = [...sparkline(item.last12, g.spark)].map(c => (perMonth === 3 ? `${c}${c} ` : c)).join('');
		const months = monthsEnding(period, 12);
		const initials = months.map(m => padEnd(formatPeriod(m).charAt(0), perMonth)).join('');
		lines.push({group: 'spark', key: 'spark', node: <Text {...theme.style('chart.value')}>{indent + spark}</Text>});
		lines.push({group: 'spark', key: 'months', node: <Text {...dim}>{indent + initials}</Text>});
		// The bars span these 12 months' own range: the words say it, and cannot be read as a rise.
		const range = rangeWords(item.unit, item.last12, item.last12.at(-1) ?? null);
		lines.push({
			group: 'spark',
			key: 'range',
			node: <Text {...dim}>{indent + fit(`${formatPeriod(months[0]!)} to ${formatPeriod(period)}, bars on their own range: ${range}`, room, g.ellipsis)}</Text>,
		});
	}

	const shown = fitPresenting(lines, height);
	return (
		<Box flexDirection="column" height={height} width={width} overflowY="hidden">
			{shown.map(line => (
				<Box key={line.key} width={width}>
					{line.node}
				</Box>
			))}
		</Box>
	);
}
