import {BENCHMARKS} from '../domain/types.js';
import type {DbBenchmarkRow} from '../store/rows.js';
import {checkFigure, percentOptions} from './checks.js';
import {parseChoice, parseNumber} from './fields.js';
import type {References} from './references.js';
import type {RowReader} from './row-reader.js';
import type {Validation} from './validation.js';

export function validateBenchmark(r: RowReader, refs: References): Validation<DbBenchmarkRow> {
	const period = refs.period(r);
	const indicator = refs.indicator(r);
	const benchmark = r.take('benchmark', parseChoice('benchmark', r.raw('benchmark'), BENCHMARKS));
	const key = period !== undefined && indicator !== undefined && benchmark !== undefined ? [indicator.code, benchmark, period] : undefined;
	const unit = indicator?.unit ?? null;
	const value = r.take('value', parseNumber('value', r.raw('value'), percentOptions(unit)));
	if (value === null) r.fail('value', 'value is empty');
	else if (value !== undefined) checkFigure(r, 'value', value, unit);
	if (r.failed) return {key};
	return {key, record: {indicator: indicator!.code, benchmark: benchmark!, period: period!, value: value!.value}};
}
