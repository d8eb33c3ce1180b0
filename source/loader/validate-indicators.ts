import {parsePeriod} from '../domain/periods.js';
import {cleanLine} from './clean-text.js';
import {DERIVATION_NAMES} from './derivations.js';
import {MEASURES, POLARITIES, UNITS} from '../domain/types.js';
import {PUBLISHED_IDS, publishedMeasure} from '../domain/published.js';
import type {StoreReference} from '../store/load-reads.js';
import type {DbIndicatorRow, DbTargetRow} from '../store/rows.js';
import {checkFigure, whole} from './checks.js';
import {checkLength, parseChoice, parseCode, parseNumber, printable} from './fields.js';
import {placeOf, type RowReader} from './row-reader.js';

/** The base target: no effective_from, in force from the beginning. */
export const BASE_TARGET = '0000-00';

/** An indicators row: the indicator's definition and one version of its target. */
export function validateIndicator(r: RowReader): {indicator: Partial<DbIndicatorRow>; target: Partial<DbTargetRow>} {
	const code = r.take('code', parseCode('code', r.raw('code')));
	const number = r.take('number', parseNumber('number', r.raw('number')));
	if (number === null) r.fail('number', 'number is empty');
	else if (number !== undefined && (number.value <= 0 || !whole(number.value))) r.fail('number', `number "${r.text('number')}" is not a whole number above 0`);
	const title = cleanLine(r.raw('title'));
	if (title === '') r.fail('title', 'title is empty');
	else r.take('title', checkLength('title', title, 'title'));
	const unit = r.take('unit', parseChoice('unit', r.raw('unit'), UNITS));
	const polarity = r.take('polarity', parseChoice('polarity', r.raw('polarity'), POLARITIES));
	const measure = r.take('measure', parseChoice('measure', r.raw('measure'), MEASURES));
	const definition = cleanLine(r.raw('definition'));
	const shortTitle = cleanLine(r.raw('short_title'));
	r.take('definition', checkLength('definition', definition, 'definition'));
	r.take('short_title', checkLength('short_title', shortTitle, 'short_title'));
	const deriveText = r.text('derive').toLowerCase();
	let derive: string | null | undefined = deriveText === '' ? null : deriveText;
	if (derive !== null && !DERIVATION_NAMES.includes(derive)) {
		r.fail('derive', `derive "${printable(r.text('derive'))}" is not a known derivation (one of ${DERIVATION_NAMES.join(', ')}; blank for figures loaded as they are)`);
		derive = undefined;
	}
	const publishedText = r.text('published').toLowerCase();
	let published: string | null | undefined = publishedText === '' ? null : publishedText;
	if (published !== null) {
		const measure = publishedMeasure(published);
		if (measure === undefined) {
			r.fail('published', `published "${printable(r.text('published'))}" is not a published measure this scorecard knows (one of ${PUBLISHED_IDS.join(', ')}; blank for none)`);
			published = undefined;
		} else if (unit !== undefined && !measure.units.includes(unit)) {
			r.fail('published', `${measure.id} is a ${measure.units.join(' or ')} figure; this indicator's unit is ${unit}`);
			published = undefined;
		}
	}
	const percent = unit === 'percent' || unit === undefined;
	const target = r.take('target', parseNumber('target', r.raw('target'), {percent}));
	if (target) checkFigure(r, 'target', target, unit ?? null);
	const amber = r.take('amber', parseNumber('amber', r.raw('amber'), {percent}));
	if (amber && amber.value < 0) r.fail('amber', `amber "${r.text('amber')}" is negative (it is the width of the band beyond the target)`);
	let effectiveFrom: string | undefined = BASE_TARGET;
	const from = r.text('effective_from');
	if (r.has('effective_from') && from !== '') {
		// A target may be set ahead of the month it takes effect, so the future is allowed here.
		const parsed = parsePeriod(from);
		if (parsed.ok) effectiveFrom = parsed.period;
		else {
			r.fail('effective_from', `effective_from ${printable(parsed.reason, 80)}`);
			effectiveFrom = undefined;
		}
	}
	return {
		indicator: {code, number: number?.value, title, unit, polarity, measure, definition, short_title: shortTitle === '' ? null : shortTitle, derive, published},
		target: {
			indicator: code,
			effective_from: effectiveFrom,
			target: target === undefined ? undefined : (target?.value ?? null),
			amber: amber === undefined ? undefined : (amber?.value ?? null),
		} as Partial<DbTargetRow>,
	};
}

const DEFINITION_FIELDS = ['number', 'title', 'unit', 'polarity', 'measure', 'definition', 'short_title', 'derive', 'published'] as const;

/** Every row of one indicator (one per target version) must describe the same indicator. */
export function sameDefinition(r: RowReader, record: Partial<DbIndicatorRow>, firstRow: RowReader, first: Partial<DbIndicatorRow>): void {
	for (const field of DEFINITION_FIELDS) {
		if (record[field] === undefined || first[field] === undefined) continue;
		if (record[field] !== first[field]) {
			const place = placeOf(firstRow.where, r.source);
			r.fail(field, `indicator ${record.code} has a different ${field} on ${place} (each row of an indicator must repeat the same ${DEFINITION_FIELDS.join(', ')})`);
			return;
		}
	}
}

/** An indicator's number orders the scorecard: one indicator per number, across the store and the load. */
export function checkNumbersUnique(reference: StoreReference, firstRows: ReadonlyMap<string, {row: RowReader; record: Partial<DbIndicatorRow>}>): void {
	const owners = new Map<number, {code: string; row: RowReader | null}>();
	for (const stored of reference.indicators) if (!firstRows.has(stored.code)) owners.set(stored.number, {code: stored.code, row: null});
	for (const [code, {row, record}] of firstRows) {
		if (record.number === undefined) continue;
		const owner = owners.get(record.number);
		if (owner === undefined) {
			owners.set(record.number, {code, row});
			continue;
		}
		const place = owner.row === null ? 'in the store' : `on ${placeOf(owner.row.where, row.source)}`;
		row.fail('number', `number ${record.number} is already indicator ${owner.code}'s (${place}); numbers must be unique`);
	}
}
