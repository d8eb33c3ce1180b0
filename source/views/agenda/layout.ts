import type {AgendaItem, AgendaSeverity} from '../../domain/agenda.js';
import {agendaWhy} from '../../domain/agenda-line.js';
import {cellWidth, fit, wrapText} from '../../text-layout/text-fit.js';
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

/**
 * An item in one row or two, in the agenda's own words (domain/agenda.ts, as `--standup --print`
 * writes them): what and whose, then the figure and why. The title gives way before the team's name.
 */
export function itemRows(item: AgendaItem, width: number, glyphs: Pick<Glyphs, 'dot' | 'ellipsis'>, maxRows = 2): string[] {
	const room = Math.max(1, width - LIST_INDENT);
	// One row where it all fits.
	if (cellWidth(item.line) <= room) return [item.line];
	// The reasons on as many rows as there are to spare (the last cut where they run on).
	const wrapped = wrapText(agendaWhy(item), room);
	const rows = Math.max(1, maxRows - 1);
	const why = wrapped.length <= rows ? wrapped : [...wrapped.slice(0, rows - 1), fit(wrapped.slice(rows - 1).join(' '), room, glyphs.ellipsis)];
	if (item.whose === '') return [fit(`${item.title};`, room, glyphs.ellipsis), ...why];
	// The colon ends the first row, so the two rows read as the agenda's text does.
	const number = `${item.number} `;
	const whose = `, ${item.whose}`;
	const title = fit(item.title, Math.max(1, room - number.length - cellWidth(whose) - 1), glyphs.ellipsis);
	return [fit(`${number}${title}${whose}:`, room, glyphs.ellipsis), ...why];
}
