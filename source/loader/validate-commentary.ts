import {cleanText} from './clean-text.js';
import {checkLength} from './fields.js';
import type {DbCommentaryRow} from '../store/rows.js';
import type {References} from './references.js';
import type {RowReader} from './row-reader.js';
import type {Validation} from './validation.js';

export function validateCommentary(r: RowReader, refs: References): Validation<DbCommentaryRow> {
	const period = refs.period(r);
	const indicator = refs.indicator(r);
	const key = period !== undefined && indicator !== undefined ? [indicator.code, period] : undefined;
	// Commentary keeps its paragraphs; escape sequences never reach the console.
	const text = cleanText(r.raw('text')).trim();
	if (text === '') r.fail('text', 'text is empty');
	else r.take('text', checkLength('text', text, 'commentary'));
	if (r.failed) return {key};
	return {key, record: {indicator: indicator!.code, period: period!, text}};
}
