import {cleanLine} from './clean-text.js';
import {checkLength} from './fields.js';
import type {RebaseRow} from '../store/writes.js';
import type {References} from './references.js';
import type {RowReader} from './row-reader.js';
import type {Validation} from './validation.js';

export function validateRebase(r: RowReader, refs: References): Validation<RebaseRow> {
	const period = refs.period(r);
	const indicator = refs.indicator(r);
	const key = period !== undefined && indicator !== undefined ? [indicator.code, period] : undefined;
	const reason = cleanLine(r.raw('reason'));
	if (reason === '') r.fail('reason', 'reason is empty');
	else r.take('reason', checkLength('reason', reason, 'reason'));
	if (r.failed) return {key};
	return {key, record: {indicator: indicator!.code, period: period!, reason}};
}
