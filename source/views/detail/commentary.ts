import type {Segment} from '../../components/fitted-line.js';
import {formatPeriod} from '../../domain/periods.js';
import {wrapText} from '../../text-layout/text-fit.js';
import type {Theme} from '../../theme.js';
import {screenText} from './screen-text.js';

/** The month's commentary as lines of `width`, its label starting the first line ("Commentary, Dec 2017: ..."). */
export function commentaryLines(commentary: string | null, period: string, width: number, theme: Theme): Segment[][] {
	const label = `Commentary, ${formatPeriod(period)}:`;
	const text = commentary === null ? '' : screenText(commentary, theme).trim();
	if (!text) return [[{text: label, token: 'text.heading'}, {text: ' none', token: 'text.dim'}]];
	return wrapText(`${label} ${text}`, width).map((row, i) =>
		i === 0 && row.startsWith(label) ? [{text: label, token: 'text.heading'}, {text: row.slice(label.length)}] : [{text: row}],
	);
}
