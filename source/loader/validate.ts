import {sanitizeLine, sanitizeText} from '../domain/text.js';
import {ALL_TEAM, BENCHMARKS, MEASURES, POLARITIES, SERVICES, UNITS, isOneOf, type Unit} from '../domain/types.js';
import {deriveValue} from '../domain/units.js';
import {parsePeriod} from '../domain/periods.js';
import type {
	BenchmarkRow,
	CaseloadRow,
	CommentaryRow,
	IndicatorRow,
	MeasureRow,
	RebaseRow,
	StoreReference,
	TargetRow,
	TeamRow,
} from '../store/writes.js';
import type {CsvFile, CsvRow} from './csv-file.js';
import {parseChoice, parseCode, parseMonth, parseNumber, printable, type FieldResult, type ParsedNumber} from './fields.js';
import type {Problem} from './problems.js';

export type Where = {file: CsvFile; line: number};
export type Item<R> = {where: Where; record: R};

/** The base target: no effective_from, in force from the beginning. */
export const BASE_TARGET = '0000-00';

export type Validated = {
	teams: Item<TeamRow>[];
	/** One per indicator code: its first row in the load. */
	indicators: Item<IndicatorRow>[];
	targets: Item<TargetRow>[];
	measures: Item<MeasureRow>[];
	benchmarks: Item<BenchmarkRow>[];
	commentary: Item<CommentaryRow>[];
	/** `worker` still holds the trimmed reference here: it is hashed before it is compared or stored. */
	caseloads: Item<CaseloadRow>[];
	rebases: Item<RebaseRow>[];
};

/** One data row with its file's columns; collects its own problems. */
class RowReader {
	failed = false;
	readonly where: Where;

	constructor(
		readonly file: CsvFile,
		private readonly row: CsvRow,
		private readonly problems: Problem[],
	) {
		this.where = {file, line: row.line};
	}

	has(name: string): boolean {
		return this.file.columns.has(name);
	}

	raw(name: string): string {
		const index = this.file.columns.get(name);
		return index === undefined ? '' : (this.row.fields[index] ?? '');
	}

	text(name: string): string {
		return this.raw(name).trim();
	}

	/** The row-level column is 1; otherwise the named column's place in this file's header. */
	fail(name: string | null, message: string): void {
		const index = name === null ? undefined : this.file.columns.get(name);
		this.problems.push({file: this.file.path, fileIndex: this.file.index, line: this.row.line, column: (index ?? 0) + 1, message});
		this.failed = true;
	}

	take<T>(name: string, result: FieldResult<T>): T | undefined {
		if (result.ok) return result.value;
		this.fail(name, result.message);
		return undefined;
	}
}

/** The first place each key was seen, so a second one names both. */
class KeySet {
	private readonly seen = new Map<string, Where>();

	constructor(private readonly rule: string) {}

	/** False (and a problem on `row`) when the key was already in the load; `label` is made only then. */
	claim(row: RowReader, key: string, label: () => string): boolean {
		const first = this.seen.get(key);
		if (first === undefined) {
			this.seen.set(key, row.where);
			return true;
		}
		const place = first.file === row.file ? `line ${first.line}` : `${first.file.path}:${first.line}`;
		row.fail(null, `${label()} is also on ${place} (${this.rule})`);
		return false;
	}
}

const key = (...parts: string[]): string => parts.join('\u0000');

const whole = (n: number): boolean => Number.isInteger(n);

// parseNumber's options, made once rather than on each of a big load's rows.
const PERCENT = {percent: true};
const NOT_PERCENT = {percent: false};

/** How a number is shown in a message: as the file wrote it where possible, else plainly. */
export function showNumber(n: number, decimals = 6): string {
	return n.toLocaleString('en-GB', {maximumFractionDigits: decimals});
}

type LoadTeam = {population: number | null; usable: boolean};
type LoadIndicator = {unit: Unit | null};

export function validateFiles(files: readonly CsvFile[], reference: StoreReference, now: Date, problems: Problem[]): Validated {
	const out: Validated = {teams: [], indicators: [], targets: [], measures: [], benchmarks: [], commentary: [], caseloads: [], rebases: []};
	const reader = (file: CsvFile, row: CsvRow) => new RowReader(file, row, problems);
	const ofKind = (kind: CsvFile['kind']) => files.filter(file => file.kind === kind);

	// Pass 1: teams and indicators, which rows of any other file may use whatever the file order.
	const loadTeams = new Map<string, LoadTeam>();
	const teamKeys = new KeySet('one row per team code');
	for (const file of ofKind('teams')) {
		for (const row of file.rows) {
			const r = reader(file, row);
			const item = validateTeam(r);
			if (item.code !== undefined && r.text('code').toUpperCase() !== ALL_TEAM && teamKeys.claim(r, key(item.code), () => `team ${item.code}`)) {
				loadTeams.set(item.code, {population: item.population ?? null, usable: !r.failed});
			}
			if (!r.failed) out.teams.push({where: r.where, record: item as TeamRow});
		}
	}

	const loadIndicators = new Map<string, LoadIndicator>();
	const firstIndicatorRow = new Map<string, {row: RowReader; record: Partial<IndicatorRow>}>();
	const targetKeys = new KeySet('one row per indicator and effective_from');
	for (const file of ofKind('indicators')) {
		for (const row of file.rows) {
			const r = reader(file, row);
			const {indicator, target} = validateIndicator(r);
			const code = indicator.code;
			if (code === undefined) continue;
			const first = firstIndicatorRow.get(code);
			if (first === undefined) {
				firstIndicatorRow.set(code, {row: r, record: indicator});
				loadIndicators.set(code, {unit: (indicator.unit as Unit | undefined) ?? null});
				if (!r.failed) out.indicators.push({where: r.where, record: indicator as IndicatorRow});
			} else {
				sameDefinition(r, indicator, first.row, first.record);
			}
			if (target.effective_from !== undefined) {
				const label = target.effective_from === BASE_TARGET ? `${code}'s base target` : `${code}'s target from ${target.effective_from}`;
				targetKeys.claim(r, key(code, target.effective_from), () => label);
			}
			if (!r.failed) out.targets.push({where: r.where, record: target as TargetRow});
		}
	}
	checkNumbersUnique(reference, firstIndicatorRow);

	// Lookups over the store and this load together; the load's rows win.
	const storeTeams = new Map(reference.teams.map(team => [team.code, team]));
	const storeIndicators = new Map(reference.indicators.map(indicator => [indicator.code, indicator]));
	const lookupTeam = (code: string): {known: false} | {known: true; usable: boolean; population: number | null} => {
		const fromLoad = loadTeams.get(code);
		if (fromLoad !== undefined) return {known: true, ...fromLoad};
		const stored = storeTeams.get(code);
		if (stored !== undefined) return {known: true, usable: true, population: stored.population};
		return {known: false};
	};
	let allPopulation: {population: number | null; usable: boolean} | undefined;
	const wholeServicePopulation = () => {
		if (allPopulation !== undefined) return allPopulation;
		let sum = 0;
		let usable = true;
		for (const [code, team] of storeTeams) if (!loadTeams.has(code) && team.population !== null) sum += team.population;
		for (const team of loadTeams.values()) {
			if (!team.usable) usable = false;
			else if (team.population !== null) sum += team.population;
		}
		allPopulation = {population: sum > 0 ? sum : null, usable};
		return allPopulation;
	};
	// Each code is looked up once: a big load names the same few on every row.
	const indicatorLookups = new Map<string, {code: string; unit: Unit | null}>();
	/** The unit of an indicator; null after reporting a problem, or when its own definition is broken. */
	const indicatorUnit = (r: RowReader): {code: string; unit: Unit | null} | undefined => {
		const code = r.text('indicator');
		const found = indicatorLookups.get(code);
		if (found !== undefined) return found;
		if (code === '') {
			r.fail('indicator', 'indicator is empty');
			return undefined;
		}
		let lookup: {code: string; unit: Unit | null};
		const fromLoad = loadIndicators.get(code);
		const stored = storeIndicators.get(code);
		if (fromLoad !== undefined) lookup = {code, unit: fromLoad.unit};
		else if (stored !== undefined) lookup = {code, unit: isOneOf(UNITS, stored.unit) ? stored.unit : null};
		else {
			r.fail('indicator', `indicator "${printable(code)}" is not in the store or in this load's indicators files`);
			return undefined;
		}
		indicatorLookups.set(code, lookup);
		return lookup;
	};
	// And each team code.
	const teamLookups = new Map<string, TeamLookup>();
	const knownTeam = (r: RowReader, allowAll: boolean): TeamLookup | undefined => {
		const code = r.text('team');
		if (code === '') {
			r.fail('team', 'team is empty');
			return undefined;
		}
		if (code === ALL_TEAM && !allowAll) {
			r.fail('team', `team ${ALL_TEAM} is the whole service: a worker's caseload belongs to one team`);
			return undefined;
		}
		const found = teamLookups.get(code);
		if (found !== undefined) return found;
		let lookup: TeamLookup;
		if (code === ALL_TEAM) lookup = {code, team: {known: true, ...wholeServicePopulation()}};
		else {
			const team = lookupTeam(code);
			if (!team.known) {
				r.fail('team', `team "${printable(code)}" is not in the store or in this load's teams files`);
				return undefined;
			}
			lookup = {code, team};
		}
		teamLookups.set(code, lookup);
		return lookup;
	};

	// Pass 2: everything that refers to a team or an indicator. A month is parsed once per spelling.
	const months = new Map<string, FieldResult<string>>();
	const parsePeriodField = (r: RowReader): string | undefined => {
		const raw = r.raw('period');
		let result = months.get(raw);
		if (result === undefined) {
			result = parseMonth('period', raw, now);
			months.set(raw, result);
		}
		return r.take('period', result);
	};
	const measureKeys = new KeySet('one row per period, indicator and team');
	const benchmarkKeys = new KeySet('one row per period, indicator and benchmark');
	const commentaryKeys = new KeySet('one row per period and indicator');
	const caseloadKeys = new KeySet('one row per period, team, service and worker');
	const rebaseKeys = new KeySet('one row per period and indicator');
	for (const file of files) {
		for (const row of file.rows) {
			const r = reader(file, row);
			switch (file.kind) {
				case 'measures': {
					const period = parsePeriodField(r);
					const indicator = indicatorUnit(r);
					const team = knownTeam(r, true);
					if (period !== undefined && indicator !== undefined && team !== undefined) {
						measureKeys.claim(r, key(period, indicator.code, team.code), () => `${period} ${indicator.code} ${team.code}`);
					}
					const unit = indicator?.unit ?? null;
					const numerator = r.take('numerator', parseNumber('numerator', r.raw('numerator')));
					const denominator = r.take('denominator', parseNumber('denominator', r.raw('denominator')));
					// An unknown unit may still be a percent: do not add a second problem for its %.
					const value = r.take('value', parseNumber('value', r.raw('value'), unit === 'percent' || unit === null ? PERCENT : NOT_PERCENT));
					if (numerator === undefined || denominator === undefined || value === undefined || unit === null || team === undefined) break;
					const figures = checkMeasure(r, unit, numerator, denominator, value, team);
					if (!r.failed && figures !== undefined) {
						out.measures.push({where: r.where, record: {team: team.code, indicator: indicator!.code, period: period!, ...figures}});
					}
					break;
				}
				case 'benchmarks': {
					const period = parsePeriodField(r);
					const indicator = indicatorUnit(r);
					const benchmark = r.take('benchmark', parseChoice('benchmark', r.raw('benchmark'), BENCHMARKS));
					if (period !== undefined && indicator !== undefined && benchmark !== undefined) {
						benchmarkKeys.claim(r, key(period, indicator.code, benchmark), () => `${period} ${indicator.code} ${benchmark}`);
					}
					const unit = indicator?.unit ?? null;
					const value = r.take('value', parseNumber('value', r.raw('value'), unit === 'percent' || unit === null ? PERCENT : NOT_PERCENT));
					if (value === null) r.fail('value', 'value is empty');
					else if (value !== undefined) checkFigure(r, 'value', value, unit);
					if (!r.failed) out.benchmarks.push({where: r.where, record: {indicator: indicator!.code, benchmark: benchmark!, period: period!, value: value!.value}});
					break;
				}
				case 'commentary': {
					const period = parsePeriodField(r);
					const indicator = indicatorUnit(r);
					if (period !== undefined && indicator !== undefined) {
						commentaryKeys.claim(r, key(period, indicator.code), () => `commentary for ${period} ${indicator.code}`);
					}
					// Commentary keeps its paragraphs; escape sequences never reach the console.
					const text = sanitizeText(r.raw('text')).trim();
					if (text === '') r.fail('text', 'text is empty');
					if (!r.failed) out.commentary.push({where: r.where, record: {indicator: indicator!.code, period: period!, text}});
					break;
				}
				case 'caseloads': {
					const period = parsePeriodField(r);
					const team = knownTeam(r, false);
					const service = r.take('service', parseChoice('service', r.raw('service'), SERVICES));
					const worker = r.text('worker');
					if (worker === '') r.fail('worker', 'worker is empty');
					if (period !== undefined && team !== undefined && service !== undefined && worker !== '') {
						// The reference is never printed: it identifies a person.
						caseloadKeys.claim(r, key(period, team.code, service, worker), () => `this worker's ${period} ${team.code} ${service} caseload`);
					}
					const fte = r.take('fte', parseNumber('fte', r.raw('fte')));
					if (fte === null) r.fail('fte', 'fte is empty');
					else if (fte !== undefined && !(fte.value > 0 && fte.value <= 1)) r.fail('fte', `fte "${r.text('fte')}" is not above 0 and at most 1`);
					const caseload = r.take('caseload', parseNumber('caseload', r.raw('caseload')));
					if (caseload === null) r.fail('caseload', 'caseload is empty');
					else if (caseload !== undefined && (caseload.value < 0 || !whole(caseload.value))) {
						r.fail('caseload', `caseload "${r.text('caseload')}" is not a whole number of children (0 or more)`);
					}
					if (!r.failed) {
						out.caseloads.push({
							where: r.where,
							record: {period: period!, team: team!.code, service: service!, worker, fte: fte!.value, caseload: caseload!.value},
						});
					}
					break;
				}
				case 'rebases': {
					const period = parsePeriodField(r);
					const indicator = indicatorUnit(r);
					if (period !== undefined && indicator !== undefined) rebaseKeys.claim(r, key(period, indicator.code), () => `rebase for ${period} ${indicator.code}`);
					const reason = sanitizeLine(r.raw('reason'));
					if (reason === '') r.fail('reason', 'reason is empty');
					if (!r.failed) out.rebases.push({where: r.where, record: {indicator: indicator!.code, period: period!, reason}});
					break;
				}
				case 'teams':
				case 'indicators':
					break;
			}
		}
	}
	return out;
}

function validateTeam(r: RowReader): Partial<TeamRow> {
	const code = r.take('code', parseCode('code', r.raw('code')));
	if (code !== undefined && code.toUpperCase() === ALL_TEAM) r.fail('code', `${ALL_TEAM} is reserved for the whole service`);
	const name = sanitizeLine(r.raw('name'));
	if (name === '') r.fail('name', 'name is empty');
	const population = r.take('population', parseNumber('population', r.raw('population')));
	if (population && (population.value <= 0 || !whole(population.value))) {
		r.fail('population', `population "${r.text('population')}" is not a whole number above 0 (leave it blank for a team with no area)`);
	}
	return {code, name, population: population === undefined ? undefined : (population?.value ?? null)};
}

function validateIndicator(r: RowReader): {indicator: Partial<IndicatorRow>; target: Partial<TargetRow>} {
	const code = r.take('code', parseCode('code', r.raw('code')));
	const number = r.take('number', parseNumber('number', r.raw('number')));
	if (number === null) r.fail('number', 'number is empty');
	else if (number !== undefined && (number.value <= 0 || !whole(number.value))) r.fail('number', `number "${r.text('number')}" is not a whole number above 0`);
	const title = sanitizeLine(r.raw('title'));
	if (title === '') r.fail('title', 'title is empty');
	const unit = r.take('unit', parseChoice('unit', r.raw('unit'), UNITS));
	const polarity = r.take('polarity', parseChoice('polarity', r.raw('polarity'), POLARITIES));
	const measure = r.take('measure', parseChoice('measure', r.raw('measure'), MEASURES));
	const definition = sanitizeLine(r.raw('definition'));
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
		indicator: {code, number: number?.value, title, unit, polarity, measure, definition},
		target: {
			indicator: code,
			effective_from: effectiveFrom,
			target: target === undefined ? undefined : (target?.value ?? null),
			amber: amber === undefined ? undefined : (amber?.value ?? null),
		} as Partial<TargetRow>,
	};
}

const DEFINITION_FIELDS = ['number', 'title', 'unit', 'polarity', 'measure', 'definition'] as const;

/** Every row of one indicator (one per target version) must describe the same indicator. */
function sameDefinition(r: RowReader, record: Partial<IndicatorRow>, firstRow: RowReader, first: Partial<IndicatorRow>): void {
	for (const field of DEFINITION_FIELDS) {
		if (record[field] === undefined || first[field] === undefined) continue;
		if (record[field] !== first[field]) {
			const place = firstRow.file === r.file ? `line ${firstRow.where.line}` : `${firstRow.file.path}:${firstRow.where.line}`;
			r.fail(field, `indicator ${record.code} has a different ${field} on ${place} (each row of an indicator must repeat the same ${DEFINITION_FIELDS.join(', ')})`);
			return;
		}
	}
}

/** An indicator's number orders the scorecard: one indicator per number, across the store and the load. */
function checkNumbersUnique(reference: StoreReference, firstRows: Map<string, {row: RowReader; record: Partial<IndicatorRow>}>): void {
	const owners = new Map<number, {code: string; row: RowReader | null}>();
	for (const stored of reference.indicators) if (!firstRows.has(stored.code)) owners.set(stored.number, {code: stored.code, row: null});
	for (const [code, {row, record}] of firstRows) {
		if (record.number === undefined) continue;
		const owner = owners.get(record.number);
		if (owner === undefined) {
			owners.set(record.number, {code, row});
			continue;
		}
		const place = owner.row === null ? 'in the store' : owner.row.file === row.file ? `on line ${owner.row.where.line}` : `on ${owner.row.file.path}:${owner.row.where.line}`;
		row.fail('number', `number ${record.number} is already indicator ${owner.code}'s (${place}); numbers must be unique`);
	}
}

/** Figures in an indicator's units are never negative, and a percentage is at most 100. */
function checkFigure(r: RowReader, name: string, figure: ParsedNumber, unit: Unit | null): void {
	if (figure.value < 0) r.fail(name, `${name} "${r.text(name)}" is negative`);
	else if (unit === 'percent' && figure.value > 100) r.fail(name, `${name} "${r.text(name)}" is above 100%`);
}

type TeamLookup = {code: string; team: {known: true; usable: boolean; population: number | null}};
type Figures = {numerator: number | null; denominator: number | null; value: number};

function refuseNegative(r: RowReader, name: string): true {
	r.fail(name, `${name} "${r.text(name)}" is negative`);
	return true;
}

/** The unit's rules for numerator, denominator and value; the figures to store, unrounded. */
function checkMeasure(
	r: RowReader,
	unit: Unit,
	n: ParsedNumber | null,
	d: ParsedNumber | null,
	v: ParsedNumber | null,
	team: TeamLookup,
): Figures | undefined {
	const shown = (name: string) => `"${r.text(name)}"`;
	// Every negative figure is reported, then nothing more.
	let negative = false;
	if (n !== null && n.value < 0) negative = refuseNegative(r, 'numerator');
	if (d !== null && d.value < 0) negative = refuseNegative(r, 'denominator');
	if (v !== null && v.value < 0) negative = refuseNegative(r, 'value');
	if (negative) return undefined;
	if (n !== null && !whole(n.value)) r.fail('numerator', `numerator ${shown('numerator')} is not a whole number`);

	if (unit === 'count') {
		if (d !== null) r.fail('denominator', `denominator ${shown('denominator')} given for a count (leave it blank)`);
		if (v !== null && !whole(v.value)) r.fail('value', `value ${shown('value')} is not a whole number (the indicator is a count)`);
		if (n === null && v === null) r.fail('numerator', 'numerator and value are both empty (give one of them)');
		if (n !== null && v !== null && n.value !== v.value) r.fail('value', `value ${shown('value')} is not the numerator ${shown('numerator')} (a count's value is its numerator)`);
		if (r.failed) return undefined;
		const count = (n ?? v)!.value;
		return {numerator: count, denominator: null, value: count};
	}

	if (d !== null) {
		if (unit !== 'average' && !whole(d.value)) r.fail('denominator', `denominator ${shown('denominator')} is not a whole number`);
		else if (d.value === 0) r.fail('denominator', 'denominator is 0');
	}
	if (v !== null && unit === 'percent' && v.value > 100) r.fail('value', `value ${shown('value')} is above 100%`);

	let denominator = d?.value ?? null;
	let denominatorLabel = 'the denominator';
	if (n !== null && d === null) {
		if (unit === 'rate_per_10k') {
			// A rate per 10,000 children: the team's population stands in for a blank denominator.
			if (team.team.population !== null) {
				denominator = team.team.population;
				denominatorLabel = team.code === 'ALL' ? 'the whole service population' : `team ${team.code}'s population`;
			} else if (team.team.usable) {
				const who = team.code === 'ALL' ? 'no team has a population' : `team ${team.code} has no population`;
				r.fail('denominator', `denominator is empty and ${who} (give the denominator)`);
			} else {
				// The team's own row is refused; its population is unknown, so there is nothing to check here.
				return undefined;
			}
		} else {
			r.fail('denominator', 'denominator is empty (give numerator and denominator, or value, or all three)');
		}
	}
	if (n === null && d !== null) r.fail('numerator', 'numerator is empty (give numerator and denominator, or value, or all three)');
	if (n === null && d === null && v === null) r.fail('value', 'numerator, denominator and value are all empty');
	if (n !== null && denominator !== null && (unit === 'percent' || unit === 'rate_per_10k') && n.value > denominator) {
		r.fail('numerator', `numerator ${showNumber(n.value)} is above ${denominatorLabel} ${showNumber(denominator)}`);
	}
	if (r.failed) return undefined;

	if (n !== null && denominator !== null) {
		const derived = deriveValue(unit, n.value, denominator)!;
		if (v !== null) {
			// The file's value is rounded to the places it was written with; agree to that rounding.
			const tolerance = 0.5 * 10 ** -v.decimals + 1e-9;
			if (Math.abs(derived - v.value) > tolerance) {
				r.fail('value', `value ${shown('value')} does not agree with ${showNumber(n.value)}/${showNumber(denominator)} = ${showNumber(derived, v.decimals + 2)}`);
				return undefined;
			}
		}
		return {numerator: n.value, denominator, value: derived};
	}
	return {numerator: null, denominator: null, value: v!.value};
}
