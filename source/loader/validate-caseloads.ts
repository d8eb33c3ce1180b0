import {SERVICES} from '../domain/types.js';
import type {DbCaseloadRow} from '../store/rows.js';
import {whole} from './checks.js';
import {checkLength, parseChoice, parseNumber} from './fields.js';
import type {References} from './references.js';
import type {RowReader} from './row-reader.js';
import type {Validation} from './validation.js';

/** `worker` is still the trimmed reference here: it is hashed before it is compared or stored. */
export function validateCaseload(r: RowReader, refs: References): Validation<DbCaseloadRow> {
	const period = refs.period(r);
	const team = refs.team(r, false);
	const service = r.take('service', parseChoice('service', r.raw('service'), SERVICES));
	const worker = r.text('worker');
	if (worker === '') r.fail('worker', 'worker is empty');
	else r.take('worker', checkLength('worker', worker, 'worker'));
	const key = period !== undefined && team !== undefined && service !== undefined && worker !== '' ? [period, team.code, service, worker] : undefined;
	const fte = r.take('fte', parseNumber('fte', r.raw('fte')));
	if (fte === null) r.fail('fte', 'fte is empty');
	else if (fte !== undefined && !(fte.value > 0 && fte.value <= 1)) r.fail('fte', `fte "${r.text('fte')}" is not above 0 and at most 1`);
	const caseload = r.take('caseload', parseNumber('caseload', r.raw('caseload')));
	if (caseload === null) r.fail('caseload', 'caseload is empty');
	else if (caseload !== undefined && (caseload.value < 0 || !whole(caseload.value))) {
		r.fail('caseload', `caseload "${r.text('caseload')}" is not a whole number of children (0 or more)`);
	}
	if (r.failed) return {key};
	return {key, record: {period: period!, team: team!.code, service: service!, worker, fte: fte!.value, caseload: caseload!.value}};
}
