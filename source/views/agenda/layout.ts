import type {AgendaItem, AgendaSeverity} from '../../domain/agenda.js';
import {shortName} from '../../domain/text.js';
import {ALL_TEAM, RAG_LABELS} from '../../domain/types.js';
import {formatValue} from '../../domain/units.js';
import {cellWidth, fit} from '../../render/text-fit.js';
import type {Glyphs, Token} from '../../theme.js';

// How the agenda list fits the terminal: each item in one row or two (the list controller keeps
// the selected one whole on screen).

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

/** Whose figure an item is, as people say it in the meeting. */
export function whoseWords(item: AgendaItem): string {
	return item.team === ALL_TEAM ? 'whole service' : shortName(item.teamName);
}

/**
 * An item in one row or two, as the grid names indicators (number and title, never the code): what and
 * whose, then the figure and why. The title gives way before the team's name.
 */
export function itemRows(item: AgendaItem, width: number, glyphs: Pick<Glyphs, 'dot' | 'ellipsis'>): string[] {
	const room = Math.max(1, width - LIST_INDENT);
	// The same words as the agenda's text (--standup --print): `3 Title, team: 63%, red; why`.
	const whose = `, ${whoseWords(item)}`;
	const number = `${item.number} `;
	const title = fit(item.title, Math.max(1, room - number.length - cellWidth(whose) - 1), glyphs.ellipsis);
	const value = item.value === null ? 'no figure' : formatValue(item.unit, item.value);
	const why = `${value}, ${RAG_LABELS[item.rag]}; ${item.reasons.join('; ')}`;
	const first = `${number}${item.title}${whose}`;
	// One row where it all fits.
	if (cellWidth(first) + 2 + cellWidth(why) <= room) return [`${first}: ${why}`];
	// The colon ends the first row, so the two rows read as the agenda's text does.
	return [fit(`${number}${title}${whose}:`, room, glyphs.ellipsis), fit(why, room, glyphs.ellipsis)];
}
