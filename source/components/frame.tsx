import React from 'react';
import {Box, Text} from 'ink';
import {describeCoverage} from '../domain/coverage.js';
import {formatPeriod, periodOf} from '../domain/periods.js';
import {fit} from '../domain/layout.js';
import {useTheme} from '../hooks/use-theme.js';
import {footerFor, keysText, type ViewName} from '../keys.js';
import type {ScorecardView} from '../domain/types.js';

function formatLoadedAt(iso: string): string {
	const date = new Date(iso);
	if (Number.isNaN(date.getTime())) return iso;
	const pad = (n: number) => String(n).padStart(2, '0');
	// formatPeriod names the month without building a locale formatter on every frame.
	const [month, year] = formatPeriod(periodOf(date)).split(' ');
	return `${pad(date.getDate())} ${month} ${year} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** One line: the month shown, when the store last changed, and a newer month if one exists. */
export function Header({data, title, width}: {data: ScorecardView | null; title: string; width: number}) {
	const theme = useTheme();
	if (!data) return <Text {...theme.style('text.title')}>{fit(`Scorecard ${theme.glyphs.dash} loading`, width, theme.glyphs.ellipsis)}</Text>;
	const period = data.scorecard.period;
	const month = formatPeriod(period);
	const newer = data.newerPartial
		? `newer: ${describeCoverage(data.newerPartial)}`
		: period < data.latest
			? `newer: ${formatPeriod(data.latest)}`
			: 'latest';
	const changed = data.lastLoad ? `store updated ${formatLoadedAt(data.lastLoad.loadedAt)}` : '';
	const left = `Scorecard ${data.coverage ? describeCoverage(data.coverage) : month}`;
	const middle = ` ${theme.glyphs.dot} ${title}`;
	const right = [newer, changed].filter(Boolean).join(` ${theme.glyphs.dot} `);
	const room = width - left.length - middle.length - 1;
	return (
		<Box width={width}>
			<Text {...theme.style('text.title')}>{left}</Text>
			<Text {...theme.style('text.dim')}>{middle}</Text>
			<Box flexGrow={1} />
			{room > 8 && (
				<Text {...theme.style(period < data.latest ? 'text.notice' : 'text.dim')} wrap="truncate-start">
					{fit(right, room, theme.glyphs.ellipsis)}
				</Text>
			)}
		</Box>
	);
}

/** The main keys of a view, from the key map. */
export function Footer({view, width}: {view: ViewName; width: number}) {
	const theme = useTheme();
	const parts: React.ReactNode[] = [];
	let used = 0;
	for (const binding of footerFor(view)) {
		const label = binding.short ?? binding.label;
		const keys = keysText(binding.keys, theme.ascii);
		const text = label ? `${keys} ${label}` : keys;
		if (used + text.length + 2 > width) break;
		used += text.length + 2;
		parts.push(
			<Text key={binding.command}>
				<Text {...theme.style('text.key')}>{keys}</Text>
				<Text {...theme.style('text.dim')}>{label ? ` ${label}` : ''}  </Text>
			</Text>,
		);
	}
	return <Box width={width}>{parts}</Box>;
}

export function StatusLine({error, notice, width}: {error: string | null; notice: string | null; width: number}) {
	const theme = useTheme();
	if (error) return <Text {...theme.style('text.error')}>{fit(`! ${error} (showing the last figures read)`, width, theme.glyphs.ellipsis)}</Text>;
	if (notice) return <Text {...theme.style('text.notice')}>{fit(notice, width, theme.glyphs.ellipsis)}</Text>;
	return <Text> </Text>;
}
