import React from 'react';
import {Box, Text} from 'ink';
import {describeCoverage} from '../domain/coverage.js';
import {formatPeriod, periodOf} from '../domain/periods.js';
import {cellWidth, fit} from '../text-layout/text-fit.js';
import {useTheme} from '../hooks/use-theme.js';
import {keysText, type Binding} from '../keys.js';
import type {ScorecardView} from '../domain/scorecard-view.js';

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
	const room = width - cellWidth(left) - cellWidth(middle) - 1;
	// Shorter words before an ellipsis: "updated" for "store updated", then the month alone.
	const right =
		[[newer, changed], [newer, changed.replace(/^store /, '')], [newer]]
			.map(parts => parts.filter(Boolean).join(` ${theme.glyphs.dot} `))
			.find(text => cellWidth(text) <= room) ?? newer;
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

/** A footer entry: the keys and the footer's words; '' words join the keys to the next entry ("[ ] month"). */
export type FooterItem = {command: string; keys: string; label: string; pinned: boolean};

/** The footer's entries: the bindings the view marks for it, in the key table's order. */
export function footerItems(bindings: Binding[], ascii: boolean): FooterItem[] {
	return bindings.filter(binding => binding.footer).map(binding => ({
		command: binding.command,
		keys: keysText(binding.footerKeys ?? binding.keys.slice(0, 1), ascii),
		label: binding.short ?? binding.label,
		pinned: binding.pinned === true,
	}));
}

const itemWidth = (item: FooterItem) => cellWidth(item.keys) + (item.label ? 1 + cellWidth(item.label) + 2 : 1);

/** The items that fit a width: pinned ones (help, what q does) always, the rest in order while room lasts. */
export function fitFooter(items: FooterItem[], width: number): FooterItem[] {
	// The last item needs no spaces after it.
	let room = width + 2 - items.filter(item => item.pinned).reduce((sum, item) => sum + itemWidth(item), 0);
	return items.filter(item => {
		if (item.pinned) return true;
		const need = itemWidth(item);
		if (need > room) {
			room = -1;
			return false;
		}
		room -= need;
		return true;
	});
}

/** The main keys of a view, from the key map. */
export function Footer({bindings, width}: {bindings: Binding[]; width: number}) {
	const theme = useTheme();
	const shown = fitFooter(footerItems(bindings, theme.ascii), width);
	return (
		<Box width={width}>
			{shown.map((item, i) => (
				<Text key={`${item.command}:${item.keys}`}>
					<Text {...theme.style('text.key')}>{item.keys}</Text>
					<Text {...theme.style('text.dim')}>{item.label ? ` ${item.label}${i < shown.length - 1 ? '  ' : ''}` : ' '}</Text>
				</Text>
			))}
		</Box>
	);
}

export function StatusLine({error, notice, width}: {error: string | null; notice: string | null; width: number}) {
	const theme = useTheme();
	if (error) return <Text {...theme.style('text.error')}>{fit(`! ${error} (showing the last figures read)`, width, theme.glyphs.ellipsis)}</Text>;
	if (notice) return <Text {...theme.style('text.notice')}>{fit(notice, width, theme.glyphs.ellipsis)}</Text>;
	return <Text> </Text>;
}
