import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {addMonths} from '../source/domain/periods.js';
import {MEASURES, POLARITIES, type Polarity} from '../source/domain/types.js';
import {computeSpc, spcApplies, type SpcInputPoint, type SpcRebase, type SpcResult, type SpcRule} from '../source/domain/spc.js';
import {ASSURANCE_LABELS, describeLatestSignal, describeSignal, spcStatusWords, VARIATION_LABELS} from '../source/domain/spc-words.js';
import {seededRandom} from '../scripts/seeded-random.js';

// The engine's rules on hand-worked series. The Making Data Count document's own cases are in
// spc-conformance.test.ts; noise in spc-simulation.test.ts.

function series(values: number[], start = '2020-01'): SpcInputPoint[] {
	return values.map((value, i) => ({period: addMonths(start, i), value}));
}

type Options = {polarity?: Polarity; target?: number | null; rebases?: SpcRebase[]; runLength?: number; minPoints?: number; counts?: boolean; range?: {min?: number; max?: number}};

function spc(values: number[] | SpcInputPoint[], options: Options = {}): SpcResult {
	const points = typeof values[0] === 'number' ? series(values as number[]) : (values as SpcInputPoint[]);
	const result = computeSpc(points, {polarity: 'higher', target: null, ...options});
	assert.ok(result, 'expected a result');
	return result;
}

/** 'rule:side' for flagged points, '-' for unflagged, for the last `count` points. */
function labels(result: SpcResult, count = result.points.length): string[] {
	return result.points.slice(-count).map(p => (p.rule === null ? '-' : `${p.rule}:${p.side}`));
}

function close(actual: number | null, expected: number, message?: string): void {
	assert.ok(actual !== null && Math.abs(actual - expected) < 1e-9, `${message ?? ''} expected ${expected}, got ${actual}`);
}

const repeat = (value: number, count: number): number[] => Array.from({length: count}, () => value);
const dashes = (count: number) => repeat(0, count).map(() => '-');

// 14 points alternating 12 and 10: mean 11, every moving range 2, so MR̄ = 2; limits 11 ± 2.66×2
// = 5.68 .. 16.32; 2-sigma lines 11 ± 3.5467. It ends on 10, below the mean.
const BASE = [12, 10, 12, 10, 12, 10, 12, 10, 12, 10, 12, 10, 12, 10];
// The same, ending on 12 (above the mean).
const BASE_HIGH_END = [10, 12, 10, 12, 10, 12, 10, 12, 10, 12, 10, 12, 10, 12];
/** Limits fixed on BASE (its 14th month the last of a baseline), so later points do not move them. */
const FIXED: SpcRebase[] = [{period: addMonths('2020-01', 13), type: 'baseline'}];

describe('limits: from every point of a segment (the tool\'s way)', () => {
	it('works a 13-point series by hand', () => {
		// 10, 12, 11, 14, 13, 12, 10, 12, 11, 14, 13, 12, 12: sum 156, mean 12.
		// moving ranges 2,1,3,1,1,2,2,1,3,1,1,0 = 18 over 12 → MR̄ 1.5; 2.66 × 1.5 = 3.99.
		const result = spc([10, 12, 11, 14, 13, 12, 10, 12, 11, 14, 13, 12, 12]);
		close(result.mean, 12);
		close(result.upper, 15.99);
		close(result.lower, 8.01);
		close(result.nearUpper, 12 + 3.99 * (2 / 3));
		assert.equal(result.withheld, null);
		assert.deepEqual(result.baseline, {from: '2020-01', to: '2021-01'});
		assert.deepEqual(result.signals, []);
	});

	it('every new point moves them: no limits fixed on the first 12', () => {
		const before = spc(BASE);
		const after = spc([...BASE, 30]);
		assert.notEqual(after.mean, before.mean);
		assert.notEqual(after.upper, before.upper);
		// mean (11×14 + 30)/15; moving ranges 13×2 + 20 = 46 over 14.
		close(after.mean, (11 * 14 + 30) / 15);
		close(after.upper, (11 * 14 + 30) / 15 + (2.66 * 46) / 14);
	});

	it('a baseline fixes them on its months and extends them', () => {
		const result = spc([...BASE, 30, 31, 32], {rebases: FIXED});
		close(result.mean, 11);
		close(result.upper, 16.32);
		assert.deepEqual(result.baseline, {from: '2020-01', to: '2021-02'});
		assert.deepEqual(labels(result, 4), ['-', 'limit:high', 'limit:high', 'limit:high']);
	});

	it('sorts points by period and skips values that are not numbers', () => {
		const points = series([...BASE, 17]);
		const shuffled = [points[5]!, points[14]!, points[0]!, ...points.slice(6, 14), ...points.slice(1, 5), {period: '2019-01', value: Number.NaN}];
		const result = spc(shuffled, {rebases: FIXED});
		assert.deepEqual(result.points.map(p => p.period), points.map(p => p.period));
		assert.deepEqual(result.signals, [{period: points[14]!.period, rule: 'limit', side: 'high', variation: 'improvement'}]);
	});

	it('shows limits within the unit\'s range when asked (a count is never below 0)', () => {
		const result = spc([0, 3, 0, 3, 0, 3, 0, 3, 0, 3, 0, 3, 0, 3], {range: {min: 0}});
		assert.equal(result.lower, 0);
		assert.ok(result.points.every(p => p.lower === 0));
		close(result.upper, 1.5 + 2.66 * 3);
	});
});

describe('too few points: nothing below 13 in a segment (a setting)', () => {
	it('12 points: the mean, no limits, no signals, no verdicts, and says so', () => {
		const result = spc([...BASE.slice(0, 11), 40], {target: 5});
		assert.deepEqual(result.withheld, {reason: 'too_few', points: 12, needed: 13});
		close(result.mean, (12 * 6 + 10 * 5 + 40) / 12);
		assert.equal(result.upper, null);
		assert.equal(result.variation, null);
		assert.equal(result.assurance, null);
		assert.deepEqual(result.signals, []);
		assert.equal(spcStatusWords(result), 'too few months for SPC (12 of 13)');
	});

	it('13 points: limits and verdicts', () => {
		const result = spc([...BASE.slice(0, 12), 40]);
		assert.equal(result.withheld, null);
		assert.equal(result.variation, 'improvement');
	});

	it('a larger minimum (spc_min_points 15)', () => {
		assert.deepEqual(spc(BASE, {minPoints: 15}).withheld, {reason: 'too_few', points: 14, needed: 15});
		assert.equal(spc([...BASE, 12], {minPoints: 15}).withheld, null);
	});

	it('a single point gives its mean', () => {
		const result = spc([7]);
		assert.equal(result.mean, 7);
		assert.deepEqual(result.withheld, {reason: 'too_few', points: 1, needed: 13});
	});

	it('no points: null', () => {
		assert.equal(computeSpc([], {polarity: 'higher', target: 1}), null);
		assert.equal(computeSpc(series([Number.NaN]), {polarity: 'higher', target: 1}), null);
	});
});

describe('zero-width limits (mean moving range 0): nothing flagged, nothing judged, and said', () => {
	it('a flat series', () => {
		for (const value of [0, 7.5, 0.1, 33.3, 1e6]) {
			const result = spc(repeat(value, 20), {target: value});
			assert.deepEqual(result.withheld, {reason: 'flat'});
			assert.equal(result.mean, value);
			assert.equal(result.variation, null);
			assert.equal(result.assurance, null);
			assert.deepEqual(result.signals, []);
			assert.match(spcStatusWords(result)!, /zero-width limits/);
		}
	});

	it('a flat baseline with a change after it: still nothing flagged (not "concern" beside "passing")', () => {
		const result = spc([...repeat(90, 14), 85], {target: 80, rebases: FIXED});
		assert.deepEqual(result.withheld, {reason: 'flat'});
		assert.deepEqual(result.signals, []);
		assert.equal(result.assurance, null);
	});
});

describe('rule: limit', () => {
	it('flags a point strictly beyond either limit', () => {
		assert.deepEqual(labels(spc([...BASE, 17], {rebases: FIXED}), 2), ['-', 'limit:high']);
		assert.deepEqual(labels(spc([...BASE, 5], {rebases: FIXED}), 1), ['limit:low']);
		assert.deepEqual(spc([...BASE, 16.32], {rebases: FIXED}).signals, [], 'on the limit is inside');
	});
});

describe('rule: shift (a setting: 6 or 7 points)', () => {
	it('7 points above the mean; 6 are not', () => {
		assert.deepEqual(labels(spc([...BASE, ...repeat(13, 7)], {rebases: FIXED}), 8), ['-', ...repeat(0, 7).map(() => 'shift:high')]);
		assert.deepEqual(spc([...BASE, ...repeat(13, 6), 10], {rebases: FIXED}).signals, []);
		assert.deepEqual(labels(spc([...BASE_HIGH_END, ...repeat(9, 7)], {rebases: FIXED}), 7), repeat(0, 7).map(() => 'shift:low'));
	});

	it('runs of 6 with spc_run_length 6', () => {
		assert.deepEqual(labels(spc([...BASE, ...repeat(13, 6), 10], {rebases: FIXED, runLength: 6}), 7), [...repeat(0, 6).map(() => 'shift:high'), '-']);
	});

	it('a point on the mean breaks the run, floating-point residue included', () => {
		assert.deepEqual(spc([...BASE, 13, 13, 13, 11, 13, 13, 13], {rebases: FIXED}).signals, []);
		const base = [0.2, 0.4, 0.3, 0.2, 0.4, 0.3, 0.2, 0.4, 0.3, 0.2, 0.4, 0.3, 0.2, 0.4, 0.3];
		const fixed: SpcRebase[] = [{period: addMonths('2020-01', 14), type: 'baseline'}];
		close(spc(base).mean, 0.3);
		assert.deepEqual(spc([...base, 0.29, 0.29, 0.29, 0.3, 0.29, 0.29, 0.29], {rebases: fixed}).signals, []);
		assert.equal(spc([...base, 0.29, 0.29, 0.29, 0.28, 0.29, 0.29, 0.29], {rebases: fixed}).signals.length, 7);
	});
});

describe('rule: trend (no pauses; it may cross the mean)', () => {
	const RISING = [8, 9, 10, 10.5, 11.5, 12, 14];

	it('7 rising, 7 falling; a tie breaks it; 6 are not enough', () => {
		assert.deepEqual(labels(spc([...BASE_HIGH_END, ...RISING], {rebases: FIXED}), 8), ['-', ...repeat(0, 7).map(() => 'trend:high')]);
		assert.deepEqual(labels(spc([...BASE, ...[...RISING].reverse()], {rebases: FIXED}), 7), repeat(0, 7).map(() => 'trend:low'));
		assert.deepEqual(spc([...BASE_HIGH_END, 8, 9, 10, 10, 11.5, 12, 14], {rebases: FIXED}).signals, []);
		assert.deepEqual(spc([...BASE_HIGH_END, ...RISING.slice(1)], {rebases: FIXED}).signals, []);
	});
});

describe('rule: two of three beyond the 2-sigma line, all three on one side of the mean', () => {
	it('flags the two beyond the line, not the third', () => {
		assert.deepEqual(labels(spc([...BASE, 15, 12, 15], {rebases: FIXED}), 3), ['two_of_three:high', '-', 'two_of_three:high']);
		assert.deepEqual(labels(spc([...BASE, 7, 10, 7], {rebases: FIXED}), 3), ['two_of_three:low', '-', 'two_of_three:low']);
		assert.deepEqual(labels(spc([...BASE, 15, 15.5, 15], {rebases: FIXED}), 3), repeat(0, 3).map(() => 'two_of_three:high'));
	});

	it('not when the third point is on the other side of the mean (or on it)', () => {
		assert.deepEqual(spc([...BASE, 15, 10.5, 15], {rebases: FIXED}).signals, []);
		assert.deepEqual(spc([...BASE, 15, 11, 15], {rebases: FIXED}).signals, []);
	});

	it('a point beyond the process limit does not count (v5.0): only the limit rule flags it', () => {
		assert.deepEqual(labels(spc([...BASE, 12, 15, 17], {rebases: FIXED}), 3), ['-', '-', 'limit:high']);
	});
});

describe('conflicts: a point flagged both ways shows as improvement, as the tool does', () => {
	it('a rising trend (improvement) through a shift below the mean (concern)', () => {
		// Higher is better: 7 points below the mean, the last 4 of them rising with 3 more above it.
		const result = spc([...BASE_HIGH_END, 7, 7, 7, 7.5, 8, 9, 10, 11.5, 12.5, 13], {rebases: FIXED});
		const colours = result.points.slice(-10).map(p => p.variation);
		// 7, 7, 7 only below the mean: concern; 7.5 (joins the trend from 7) onwards: improvement.
		assert.deepEqual(colours, ['concern', 'concern', 'improvement', 'improvement', 'improvement', 'improvement', 'improvement', 'improvement', 'improvement', 'improvement']);
	});
});

describe('recalculations and baselines', () => {
	// Second phase: 20, 24 alternating → mean 22, MR̄ 4 → limits 22 ± 10.64.
	const PHASE_TWO = [20, 24, 20, 24, 20, 24, 20, 24, 20, 24, 20, 24, 20, 24];
	const AT = (i: number) => addMonths('2020-01', i);

	it('a recalculation starts a segment with its own limits; moving ranges do not span it', () => {
		const result = spc([...BASE, ...PHASE_TWO], {rebases: [{period: AT(14), type: 'recalculate'}]});
		assert.deepEqual(result.signals, []);
		close(result.mean, 22);
		close(result.upper, 32.64);
		close(result.points[0]!.upper, 16.32);
		assert.deepEqual([...new Set(result.points.map(p => p.segment))], [0, 1]);
	});

	it('runs cross a recalculation, each point against its own segment\'s mean', () => {
		// 4 points above the first mean (11.4), a recalculation, then 3 above the second (22.2): a shift of 7.
		const values = [...BASE, 13, 13, 13, 13, 23, 23, 23, ...PHASE_TWO];
		const result = spc(values, {rebases: [{period: AT(18), type: 'recalculate'}]});
		assert.equal(result.points[18]!.segment, 1);
		assert.deepEqual(labels(result).slice(13, 22), ['-', ...repeat(0, 7).map(() => 'shift:high'), '-']);
		// Recorded as separate charts (the SQL query's way), neither side would be long enough.
		assert.deepEqual(spc(values.slice(0, 18)).signals, []);
	});

	it('a new segment with fewer than 13 points: its mean, no limits or verdicts, its points unjudged', () => {
		const result = spc([...BASE, 40, 41, 42], {rebases: [{period: AT(14), type: 'recalculate'}], target: 5});
		assert.deepEqual(result.withheld, {reason: 'too_few', points: 3, needed: 13});
		close(result.mean, 41);
		assert.deepEqual(result.signals, []);
		assert.equal(result.assurance, null);
	});

	it('ignores recalculations on or before the first point, after the last, or unreadable', () => {
		for (const period of ['2020-01', '2019-06', '2030-01', 'not a month']) {
			const result = spc([...BASE, 17], {rebases: [{period, type: 'recalculate'}]});
			assert.ok(result.points.every(p => p.segment === 0), period);
		}
	});

	it('a baseline inside a later segment fixes that segment\'s limits on its months up to it', () => {
		const values = [...BASE, ...PHASE_TWO, 40];
		const result = spc(values, {rebases: [{period: AT(14), type: 'recalculate'}, {period: AT(27), type: 'baseline'}]});
		close(result.mean, 22);
		assert.deepEqual(result.baseline, {from: AT(14), to: AT(27)});
		assert.deepEqual(labels(result, 1), ['limit:high']);
	});
});

describe('variation and assurance verdicts', () => {
	const cases: Array<[Polarity, number, string]> = [
		['higher', 17, 'improvement'],
		['higher', 5, 'concern'],
		['higher', 12, 'common'],
		['lower', 17, 'concern'],
		['lower', 5, 'improvement'],
		['none', 17, 'neutral_high'],
		['none', 5, 'neutral_low'],
	];
	for (const [polarity, latest, expected] of cases) {
		it(`${polarity} polarity, latest ${latest}: ${expected}`, () => {
			assert.equal(spc([...BASE, latest], {polarity, rebases: FIXED}).variation, expected);
		});
	}

	it('assurance: a target on either limit is hit and miss; beyond them, pass or fail', () => {
		const on = (polarity: Polarity, target: number) => spc(BASE, {polarity, target}).assurance;
		assert.equal(on('higher', 5), 'pass');
		assert.equal(on('higher', 5.68), 'hit_and_miss');
		assert.equal(on('higher', 16.32), 'hit_and_miss');
		assert.equal(on('higher', 17), 'fail');
		assert.equal(on('lower', 17), 'pass');
		assert.equal(on('lower', 16.32), 'hit_and_miss');
		assert.equal(on('lower', 5), 'fail');
		assert.equal(on('none', 5), null);
		assert.equal(spc(BASE, {target: null}).assurance, null);
	});

	it('the latest month\'s signal, with the months its rule counted', () => {
		const result = spc([...BASE_HIGH_END, ...repeat(9, 9)], {rebases: FIXED, polarity: 'lower'});
		assert.deepEqual(result.latest, {period: addMonths('2020-01', 22), rule: 'shift', side: 'low', variation: 'improvement', months: 9});
		assert.equal(describeLatestSignal(result), '9 months in a row below the average');
	});
});

describe('words a manager hears right', () => {
	it('each rule', () => {
		assert.equal(describeSignal('limit', 'high'), 'beyond the upper limit');
		assert.equal(describeSignal('shift', 'low', 7), '7 months in a row below the average');
		assert.equal(describeSignal('shift', 'low', 11, true), 'no cases for 11 months');
		assert.equal(describeSignal('trend', 'high', 7), 'rising 7 months in a row');
		assert.equal(describeSignal('two_of_three', 'low'), '2 of 3 months near the lower limit');
	});

	it('labels', () => {
		assert.equal(new Set(Object.values(VARIATION_LABELS)).size, 5);
		assert.deepEqual(ASSURANCE_LABELS, {pass: 'Consistently passing', fail: 'Consistently failing', hit_and_miss: 'Hit and miss'});
	});
});

describe('spcApplies', () => {
	it('is true only for monthly and snapshot figures', () => {
		assert.deepEqual(MEASURES.filter(measure => spcApplies(measure)), ['monthly', 'snapshot']);
	});
});

// The one seeded generator (scripts/seeded-random.ts): the same series every run.
const rng = seededRandom;

function gaussian(random: () => number): number {
	const u = 1 - random();
	const v = random();
	return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

describe('properties', () => {
	it('a clear step change (6 sigma after 15 points, recalculated there) is judged afresh; without it, flagged', () => {
		for (let seed = 1; seed <= 40; seed++) {
			const random = rng(seed);
			const sigma = 1 + random() * 4;
			const up = seed % 2 === 0;
			const values = Array.from({length: 30}, (_, i) => 50 + (i >= 15 ? (up ? 6 : -6) * sigma : 0) + sigma * gaussian(random));
			for (const polarity of POLARITIES) {
				const result = spc(values, {polarity});
				const name = `seed ${seed} (${polarity})`;
				assert.ok(result.points.slice(15).filter(p => p.rule !== null).length >= 12, name);
				assert.notEqual(result.variation, 'common', name);
			}
		}
	});

	it('shifting every value by a constant moves the limits and keeps the signals', () => {
		for (let seed = 100; seed < 130; seed++) {
			const random = rng(seed);
			const values = Array.from({length: 30}, () => 50 + 5 * gaussian(random));
			const base = spc(values);
			const moved = spc(values.map(v => v + 1000));
			close(moved.mean, base.mean + 1000, `seed ${seed}`);
			close(moved.upper! - moved.lower!, base.upper! - base.lower!, `seed ${seed}`);
			assert.deepEqual(moved.signals, base.signals, `seed ${seed}`);
		}
	});

	it('negating every value mirrors the signals (same rules, opposite sides)', () => {
		const flip = (side: 'high' | 'low'): 'high' | 'low' => (side === 'high' ? 'low' : 'high');
		let seen = 0;
		for (let seed = 200; seed < 240; seed++) {
			const random = rng(seed);
			const values = Array.from({length: 30}, (_, i) => 50 + (i > 20 ? 8 : 0) + 5 * gaussian(random));
			const base = spc(values, {polarity: 'none'});
			const mirrored = spc(values.map(v => -v), {polarity: 'none'});
			assert.deepEqual(mirrored.signals.map(s => [s.period, s.rule, s.side]), base.signals.map(s => [s.period, s.rule, flip(s.side)]), `seed ${seed}`);
			seen += base.signals.length;
		}
		assert.ok(seen > 0);
	});

	it('every signal matches a flagged point, oldest first', () => {
		const rules = new Set<SpcRule>();
		for (let seed = 300; seed < 340; seed++) {
			const random = rng(seed);
			const values = Array.from({length: 40}, (_, i) => 30 + i * 0.2 + 3 * gaussian(random));
			const result = spc(values, {rebases: seed % 3 === 0 ? [{period: '2021-06', type: 'recalculate'}] : []});
			assert.deepEqual(result.signals, result.points.filter(p => p.rule !== null).map(p => ({period: p.period, rule: p.rule, side: p.side, variation: p.variation})));
			for (const s of result.signals) rules.add(s.rule);
		}
		assert.ok(rules.size >= 2);
	});
});

describe('SPC of a series as of several months (what a load computes)', () => {
	it('equals SPC as of each month on its own: gaps, values that are not numbers, rows out of order, recalculations and baselines before, between and after the months', async () => {
		const {seriesSpc, seriesSpcMonths} = await import('../source/domain/scorecard.js');
		const random = seededRandom(18);
		let compared = 0;
		let expected = 0;
		let judged = 0;
		for (let s = 0; s < 300; s++) {
			const rows: SpcInputPoint[] = [];
			let level = 20 + random() * 40;
			const length = 1 + Math.floor(random() * 50);
			for (let i = 0; i < length; i++) {
				if (random() < 0.1) continue;
				level += (random() - 0.5) * 8;
				rows.push({period: addMonths('2016-01', i), value: random() < 0.05 ? Number.NaN : s % 3 === 0 ? Math.max(0, Math.round(level / 20)) : level});
			}
			if (s % 4 === 0) rows.reverse();
			const rebases = Array.from({length: Math.floor(random() * 4)}, () => ({
				indicator: 'P',
				period: addMonths('2016-01', Math.floor(random() * (length + 4)) - 2),
				reason: '',
				type: random() < 0.5 ? ('recalculate' as const) : ('baseline' as const),
			}));
			const def = {code: 'P', number: 1, title: 'Probe', definition: '', measure: 'monthly' as const, polarity: POLARITIES[s % 3]!, unit: s % 3 === 0 ? ('count' as const) : ('percent' as const), targets: [{effectiveFrom: '2017-01', target: 40, amber: 5}]};
			const settings = s % 2 === 0 ? {} : {spc_run_length: 6 as const, spc_min_points: 2 + (s % 14)};
			const sorted = [...rows].sort((a, b) => (a.period < b.period ? -1 : 1));
			const months = [...sorted.slice(-3).map(row => row.period), addMonths('2016-01', length + 1), '2015-06'];
			const together = seriesSpcMonths(def, rows, months, rebases, settings);
			expected += months.length;
			assert.equal(together.length, months.length);
			for (const [i, month] of months.entries()) {
				const alone = seriesSpc(def, rows.filter(row => row.period <= month), month, rebases, settings);
				assert.deepEqual(together[i], alone, `series ${s} as of ${month}`);
				compared++;
				if (alone?.withheld === null && alone.signals.length > 0) judged++;
			}
		}
		assert.equal(compared, expected);
		assert.ok(compared > 1400);
		// The comparison covers results with verdicts and signals, not only withheld ones.
		assert.ok(judged > 100, `${judged} judged results with signals`);
	});
});
