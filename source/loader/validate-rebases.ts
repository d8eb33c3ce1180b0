import {cleanLine} from './clean-text.js';
import {DEFAULT_REBASE_TYPE, REBASE_TYPES} from '../domain/types.js';
import type {DbRebaseRow} from '../store/rows.js';
import {checkLength, parseChoice} from './fields.js';
import type {References} from './references.js';
import type {RowReader} from './row-reader.js';
import type {Validation} from './validation.js';

export function validateRebase(r: RowReader, refs: References): Validation<DbRebaseRow> {
	const period = refs.period(r);
	const indicator = refs.indicator(r);
	const key = period !== undefined && indicator !== undefined ? [indicator.code, period] : undefined;
	const reason = cleanLine(r.raw('reason'));
	if (reason === '') r.fail('reason', 'reason is empty');
	else r.take('reason', checkLength('reason', reason, 'reason'));
	// No type column, or a blank type: a recalculation, as rebases have always been.
	const type = r.text('type') === '' ? DEFAULT_REBASE_TYPE : r.take('type', parseChoice('type', r.raw('type'), REBASE_TYPES));
	if (r.failed) return {key};
	return {key, record: {indicator: indicator!.code, period: period!, reason, type: type!}};
}
