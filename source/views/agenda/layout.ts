import type {AgendaItem, AgendaSeverity} from '../../domain/agenda.js';
import {fit, wrapText} from '../../render/text-fit.js';
import type {Token} from '../../theme.js';

// How the agenda list fits the terminal: each item wrapped to at most two rows, and the window
// of items that keeps the selected one whole on screen.

export const SEVERITY_MARK: Record<AgendaSeverity, string> = {concern: '!!', watch: '! ', improvement: '+ ', note: 'i '};
export const SEVERITY_TOKEN: Record<AgendaSeverity, Token> = {
	concern: 'rag.red',
	watch: 'rag.amber',
	note: 'text.normal',
	improvement: 'spc.improvement',
};
/** Presenting's label, then the summary's count words (short: all four fit in 80 columns). */
export const SEVERITY_WORDS: Record<AgendaSeverity, [string, string, string]> = {
	concern: ['concern', 'concern', 'concerns'],
	watch: ['to watch', 'watch', 'watch'],
	note: ['to note', 'note', 'notes'],
	improvement: ['improvement', 'improvement', 'improvements'],
};
export {SEVERITIES} from '../../domain/agenda.js';

/** Marker (2) + severity (2) + a space. */
export const LIST_INDENT = 5;
/** An item takes at most this many rows in the list; presenting shows the rest. */
const ITEM_ROWS = 2;

export function itemRows(item: AgendaItem, width: number, ellipsis: string): string[] {
	const room = Math.max(1, width - LIST_INDENT);
	const wrapped = wrapText(item.line, room);
	if (wrapped.length <= ITEM_ROWS) return wrapped;
	const kept = wrapped.slice(0, ITEM_ROWS - 1);
	kept.push(fit(wrapped.slice(ITEM_ROWS - 1).join(' '), room, ellipsis));
	return kept;
}

/** The first item to show so the selected one is whole on screen, moving as little as possible. */
export function firstVisible(heights: number[], selected: number, room: number, previousTop: number): number {
	let top = Math.min(previousTop, Math.max(0, heights.length - 1));
	if (selected < top) top = selected;
	const used = (from: number, to: number) => heights.slice(from, to + 1).reduce((a, b) => a + b, 0);
	while (top < selected && used(top, selected) > room) top++;
	// Fill the screen when items above fit (after a reload shortened the list).
	while (top > 0 && used(top - 1, heights.length - 1) <= room) top--;
	return top;
}

/** Items `top` up to (not including) `last` fill at most `room` rows. */
export function lastVisible(heights: number[], top: number, room: number): {last: number; used: number} {
	let used = 0;
	let last = top;
	while (last < heights.length && used + heights[last]! <= room) used += heights[last++]!;
	return {last, used};
}
