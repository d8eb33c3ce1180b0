import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {seededRandom} from '../scripts/seeded-random.js';
import {addMonths} from '../source/domain/periods.js';
import {MEASURES, POLARITIES, type Polarity} from '../source/domain/types.js';
import {computeSpc, spcApplies, type SpcInputPoint, type SpcResult, type SpcRule} from '../source/domain/spc.js';
import {ASSURANCE_LABELS, describeSignal, VARIATION_LABELS} from '../source/domain/spc-words.js';

// ---- helpers ---------------------------------------------------------------------------------

function series(values: number[], start = '2020-01'): SpcInputPoint[] {
	return values.map((value, i) => ({period: addMonths(start, i), value}));
}

function spc(
	values: number[] | SpcInputPoint[],
	options: {polarity?: Polarity; target?: number | null; rebases?: string[]} = {},
): SpcResult {
	const points = typeof values[0] === 'number' ? series(values as number[]) : (values as SpcInputPoint[]);
	const result = computeSpc(points, {polarity: options.polarity ?? 'higher', target: options.target ?? null, rebases: options.rebases});
	assert.ok(result, 'expected a result');
	return result;
}

/** 'rule:side' for flagged points, '-' for unflagged, for the last `count` points. */
function labels(result: SpcResult, count = result.points.length): string[] {
	return result.points.slice(-count).map((p) => (p.rule === null ? '-' : `${p.rule}:${p.side}`));
}

function close(actual: number, expected: number, message?: string): void {
	assert.ok(Math.abs(actual - expected) < 1e-9, `${message ?? ''} expected ${expected}, got ${actual}`);
}

const repeat = (value: number, count: number): number[] => Array.from({length: count}, () => value);

// A 12-point baseline that flags nothing, ending on 10 (below the mean):
// mean = (6×12 + 6×10)/12 = 11; every moving range is 2 so MR̄ = 2;
// limits 11 ± 2.66×2 = 11 ± 5.32 → upper 16.32, lower 5.68;
// near lines 11 ± (2/3)×5.32 = 11 ± 3.54667 → nearUpper 14.54667, nearLower 7.45333.
const BASE = [12, 10, 12, 10, 12, 10, 12, 10, 12, 10, 12, 10];
// The same baseline ending on 12 (above the mean); same mean and limits.
const BASE_HIGH_END = [10, 12, 10, 12, 10, 12, 10, 12, 10, 12, 10, 12];

// The one seeded generator, so "random" series are the same every run.
const rng = seededRandom;

function gaussian(random: () => number): number {
	const u = 1 - random();
	const v = random();
	return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

// ---- limits ----------------------------------------------------------------------------------

describe('limits', () => {
	it('works a small series by hand', () => {
		// values 10, 12, 11, 14, 13
		// mean = 60 / 5 = 12
		// moving ranges |12-10|=2, |11-12|=1, |14-11|=3, |13-14|=1 → MR̄ = 7 / 4 = 1.75
		// 2.66 × 1.75 = 4.655 → upper 16.655, lower 7.345
		// (2/3) × 4.655 = 3.10333… → nearUpper 15.10333…, nearLower 8.89666…
		const result = spc([10, 12, 11, 14, 13]);
		close(result.mean, 12);
		close(result.upper, 16.655);
		close(result.lower, 7.345);
		close(result.nearUpper, 12 + 4.655 * (2 / 3));
		close(result.nearLower, 12 - 4.655 * (2 / 3));
		assert.equal(result.trial, true);
		assert.deepEqual(result.signals, []);
		for (const point of result.points) {
			close(point.upper, 16.655);
			assert.equal(point.segment, 0);
		}
	});

	it('computes the shared baseline as documented', () => {
		const result = spc(BASE);
		close(result.mean, 11);
		close(result.upper, 16.32);
		close(result.lower, 5.68);
		close(result.nearUpper, 11 + 5.32 * (2 / 3));
		close(result.nearLower, 11 - 5.32 * (2 / 3));
		assert.equal(result.trial, false, 'exactly 12 points is no longer trial');
		assert.deepEqual(result.signals, []);
	});

	it('uses trial limits from all points with fewer than 12', () => {
		// First 10 of BASE then 30: mean = (5×12 + 5×10 + 30)/11 = 140/11
		// moving ranges: nine of 2, then |30-10| = 20 → MR̄ = 38/10 = 3.8; 2.66 × 3.8 = 10.108
		const result = spc([...BASE.slice(0, 10), 30]);
		assert.equal(result.trial, true);
		close(result.mean, 140 / 11);
		close(result.upper, 140 / 11 + 10.108);
		close(result.lower, 140 / 11 - 10.108);
		assert.deepEqual(labels(result, 1), ['limit:high']);
	});

	it('fixes limits on the first 12 points: later points, however wild, do not move them', () => {
		const base = spc(BASE);
		for (const extra of [[1000], [-1000], [1000, 2000, 3000], repeat(13, 8)]) {
			const result = spc([...BASE, ...extra]);
			assert.equal(result.trial, false);
			assert.equal(result.mean, base.mean);
			assert.equal(result.upper, base.upper);
			assert.equal(result.lower, base.lower);
			assert.equal(result.nearUpper, base.nearUpper);
			assert.equal(result.nearLower, base.nearLower);
		}
	});

	it('treats points across gaps in months as consecutive', () => {
		const points = [...BASE, ...repeat(13, 7)].map((value, i) => ({period: addMonths('2019-01', i * 2), value}));
		const result = spc(points);
		assert.deepEqual(labels(result, 8), ['-', ...repeat(0, 7).map(() => 'shift:high')]);
	});

	it('sorts points by period defensively', () => {
		const points = series([...BASE, 17]);
		const shuffled = [points[5]!, points[12]!, points[0]!, ...points.slice(6, 12), ...points.slice(1, 5)];
		const result = spc(shuffled);
		assert.deepEqual(
			result.points.map((p) => p.period),
			points.map((p) => p.period),
		);
		assert.deepEqual(result.signals, [{period: points[12]!.period, rule: 'limit', side: 'high'}]);
	});
});

// ---- rules -----------------------------------------------------------------------------------

describe('rule: limit', () => {
	it('flags a point beyond the upper limit', () => {
		const result = spc([...BASE, 17]);
		assert.deepEqual(labels(result), [...repeat(0, 12).map(() => '-'), 'limit:high']);
		assert.deepEqual(result.signals, [{period: '2021-01', rule: 'limit', side: 'high'}]);
	});

	it('flags a point beyond the lower limit', () => {
		const result = spc([...BASE, 5]);
		assert.deepEqual(labels(result, 1), ['limit:low']);
		assert.equal(result.signals.length, 1);
	});

	it('does not flag a single point inside the limits, even beyond the near line', () => {
		assert.deepEqual(spc([...BASE, 16]).signals, []);
		assert.deepEqual(spc([...BASE, 6]).signals, []);
	});
});

describe('rule: shift', () => {
	it('flags exactly 7 points above the mean', () => {
		const result = spc([...BASE, ...repeat(13, 7)]);
		assert.deepEqual(labels(result, 8), ['-', ...repeat(0, 7).map(() => 'shift:high')]);
		assert.equal(result.signals.length, 7);
	});

	it('flags exactly 7 points below the mean', () => {
		const result = spc([...BASE_HIGH_END, ...repeat(9, 7)]);
		assert.deepEqual(labels(result, 8), ['-', ...repeat(0, 7).map(() => 'shift:low')]);
	});

	it('does not flag 6 then a break', () => {
		assert.deepEqual(spc([...BASE, ...repeat(13, 6), 10]).signals, []);
		assert.deepEqual(spc([...BASE_HIGH_END, ...repeat(9, 6), 12]).signals, []);
	});

	it('treats a point exactly on the mean as breaking the run', () => {
		const result = spc([...BASE, 13, 13, 13, 11, 13, 13, 13]);
		assert.equal(result.points[15]!.value, result.mean);
		assert.deepEqual(result.signals, []);
	});

	it('treats a point on a mean that carries floating-point residue as on the mean', () => {
		// 0.2, 0.4, 0.3 four times: the mean is 0.3, but in floating point it comes out as 0.30000000000000004,
		// which would put 0.3 "below" it and let it continue a run below the mean.
		const baseline = [0.2, 0.4, 0.3, 0.2, 0.4, 0.3, 0.2, 0.4, 0.3, 0.2, 0.4, 0.3];
		const result = spc([...baseline, 0.29, 0.29, 0.29, 0.3, 0.29, 0.29, 0.29]);
		close(result.mean, 0.3);
		assert.deepEqual(result.signals, []);
		// Control: with a genuine point below the mean in its place, the run of 7 is a shift.
		assert.equal(spc([...baseline, 0.29, 0.29, 0.29, 0.28, 0.29, 0.29, 0.29]).signals.length, 7);
		// And a constant decimal series has nothing to say.
		assert.deepEqual(spc(repeat(0.1, 20)).signals, []);
	});
});

describe('rule: trend', () => {
	const RISING = [8, 9, 10, 10.5, 11.5, 12, 14]; // all inside the near lines; 4 below then 3 above the mean

	it('flags exactly 7 rising points', () => {
		const result = spc([...BASE_HIGH_END, ...RISING]);
		assert.deepEqual(labels(result, 8), ['-', ...repeat(0, 7).map(() => 'trend:high')]);
		assert.equal(result.variation, 'improvement');
	});

	it('flags exactly 7 falling points', () => {
		const result = spc([...BASE, ...[...RISING].reverse()]);
		assert.deepEqual(labels(result, 8), ['-', ...repeat(0, 7).map(() => 'trend:low')]);
	});

	it('does not flag when a tie breaks the run', () => {
		assert.deepEqual(spc([...BASE_HIGH_END, 8, 9, 10, 10, 11.5, 12, 14]).signals, []);
	});

	it('does not flag 6 rising points', () => {
		assert.deepEqual(spc([...BASE_HIGH_END, ...RISING.slice(1)]).signals, []);
	});

	it('a turning point shared by a rising and a falling run keeps the earlier (rising) side', () => {
		const up = [6.5, 7.5, 8.5, 9.5, 10.5, 11.5, 12.5];
		const result = spc([...BASE_HIGH_END, ...up, 11.4, 10.4, 9.4, 8.4, 7.6, 7.55]);
		assert.deepEqual(labels(result, 13), [...repeat(0, 7).map(() => 'trend:high'), ...repeat(0, 6).map(() => 'trend:low')]);
	});
});

describe('rule: two of three near the limit', () => {
	it('flags the two points beyond the upper near line, not the one between', () => {
		const result = spc([...BASE, 15, 12, 15]);
		assert.deepEqual(labels(result, 3), ['two_of_three:high', '-', 'two_of_three:high']);
	});

	it('flags the two points beyond the lower near line', () => {
		const result = spc([...BASE, 7, 10, 7]);
		assert.deepEqual(labels(result, 3), ['two_of_three:low', '-', 'two_of_three:low']);
	});

	it('flags all three when all three are beyond', () => {
		const result = spc([...BASE, 15, 15.5, 15]);
		assert.deepEqual(labels(result, 3), repeat(0, 3).map(() => 'two_of_three:high'));
	});

	it('does not flag points beyond near lines on opposite sides', () => {
		assert.deepEqual(spc([...BASE, 15, 11, 7]).signals, []);
		assert.deepEqual(spc([...BASE, 7, 15]).signals, []);
	});

	it('does not flag two points beyond the line more than three apart', () => {
		assert.deepEqual(spc([...BASE, 15, 12, 12, 15]).signals, []);
	});
});

describe('precedence: limit > trend > two_of_three > shift', () => {
	it('labels overlapping limit, trend, two-of-three and shift', () => {
		// 7 rising, all above the mean (with the baseline's last 12: a run of 8 above);
		// 15 and 17 beyond the near line; 17 beyond the upper limit.
		const result = spc([...BASE_HIGH_END, 11.5, 12, 12.5, 13, 13.5, 15, 17]);
		assert.deepEqual(labels(result, 8), [
			'shift:high', // the baseline's last 12: only in the shift
			'trend:high',
			'trend:high',
			'trend:high',
			'trend:high',
			'trend:high',
			'trend:high', // 15: trend beats two of three and shift
			'limit:high', // 17: limit beats everything
		]);
	});

	it('labels two-of-three over shift', () => {
		const result = spc([...BASE, 13, 12, 13, 15, 12, 15, 13]);
		assert.deepEqual(labels(result, 7), [
			'shift:high',
			'shift:high',
			'shift:high',
			'two_of_three:high',
			'shift:high',
			'two_of_three:high',
			'shift:high',
		]);
		assert.deepEqual(
			result.signals.map((s) => s.rule),
			['shift', 'shift', 'shift', 'two_of_three', 'shift', 'two_of_three', 'shift'],
		);
	});

	it('labels limit over shift on the low side', () => {
		const result = spc([...BASE_HIGH_END, 9, 9, 9, 5, 9, 9, 9]);
		assert.deepEqual(labels(result, 7), ['shift:low', 'shift:low', 'shift:low', 'limit:low', 'shift:low', 'shift:low', 'shift:low']);
	});
});

// ---- rebasing --------------------------------------------------------------------------------

describe('rebase', () => {
	// Second phase: 20, 24 alternating → mean 22, MR̄ 4 → limits 22 ± 10.64 = 11.36 .. 32.64.
	// Were the moving range across the boundary (|20 − 10| = 10) counted, MR̄ would be (10 + 11×4)/12 = 4.5.
	const PHASE_TWO = [20, 24, 20, 24, 20, 24, 20, 24, 20, 24, 20, 24];

	it('without a rebase the step is flagged', () => {
		const result = spc([...BASE, ...PHASE_TWO]);
		assert.ok(result.signals.length >= 12);
		assert.equal(result.variation, 'improvement');
	});

	it('starts a new segment with its own limits; moving ranges do not span it', () => {
		const result = spc([...BASE, ...PHASE_TWO], {rebases: ['2021-01']});
		assert.deepEqual(result.signals, []);
		assert.equal(result.variation, 'common');
		assert.equal(result.trial, false);
		close(result.mean, 22);
		close(result.upper, 32.64);
		close(result.lower, 11.36);
		for (const point of result.points.slice(0, 12)) {
			assert.equal(point.segment, 0);
			close(point.mean, 11);
			close(point.upper, 16.32);
		}
		for (const point of result.points.slice(12)) {
			assert.equal(point.segment, 1);
			close(point.mean, 22);
			close(point.upper, 32.64);
		}
	});

	it('gives a short new segment trial limits of its own', () => {
		// 20, 24, 20, 24, 20: mean 108/5 = 21.6; MR̄ 4 → 21.6 ± 10.64
		const result = spc([...BASE, 20, 24, 20, 24, 20], {rebases: ['2021-01']});
		assert.equal(result.trial, true);
		close(result.mean, 21.6);
		close(result.upper, 32.24);
		assert.equal(result.points[0]!.segment, 0);
		close(result.points[0]!.upper, 16.32);
	});

	it('evaluates rules within a segment: a run does not continue across a rebase', () => {
		// 4 points above the first mean, then a rebase, then 3 above the second mean: no shift of 7.
		const values = [...BASE, 13, 13, 13, 13, 12, 14, 12, 14, 12, 14];
		const result = spc(values, {rebases: ['2021-05']});
		assert.equal(result.points[16]!.segment, 1);
		assert.deepEqual(result.signals, []);
	});

	it('starts the segment at the first point after a rebase month missing from the data', () => {
		const points = series([...BASE, ...PHASE_TWO]).map((p, i) => (i >= 12 ? {...p, period: addMonths(p.period, 1)} : p));
		const result = spc(points, {rebases: ['2021-01']}); // no point in 2021-01; the next is 2021-02
		assert.equal(result.points[11]!.segment, 0);
		assert.equal(result.points[12]!.period, '2021-02');
		assert.equal(result.points[12]!.segment, 1);
		assert.deepEqual(result.signals, []);
	});

	it('ignores rebases on or before the first point, after the last, or unreadable', () => {
		for (const rebases of [['2020-01'], ['2019-06'], ['2030-01'], ['not a month']]) {
			const result = spc([...BASE, 17], {rebases});
			assert.ok(result.points.every((p) => p.segment === 0), String(rebases));
			assert.deepEqual(labels(result, 1), ['limit:high']);
		}
	});

	it('numbers segments consecutively even when two rebases fall in one gap', () => {
		const points = [...series(BASE), ...series(PHASE_TWO, '2021-06')];
		const result = spc(points, {rebases: ['2021-02', '2021-04']});
		assert.deepEqual([...new Set(result.points.map((p) => p.segment))], [0, 1]);
	});

	it('a one-point latest segment: limits collapse onto it, nothing flagged, no assurance', () => {
		const result = spc([...BASE, 40], {rebases: ['2021-01'], target: 5});
		assert.equal(result.trial, true);
		assert.equal(result.mean, 40);
		assert.equal(result.upper, 40);
		assert.equal(result.lower, 40);
		assert.equal(result.variation, 'common');
		assert.equal(result.assurance, null);
		assert.deepEqual(result.signals, []);
	});
});

// ---- verdicts --------------------------------------------------------------------------------

describe('variation verdict', () => {
	const cases: Array<[Polarity, number, string]> = [
		['higher', 17, 'improvement'],
		['higher', 5, 'concern'],
		['higher', 12, 'common'],
		['lower', 17, 'concern'],
		['lower', 5, 'improvement'],
		['lower', 12, 'common'],
		['none', 17, 'neutral_high'],
		['none', 5, 'neutral_low'],
		['none', 12, 'common'],
	];
	for (const [polarity, latest, expected] of cases) {
		it(`${polarity} polarity, latest ${latest} → ${expected}`, () => {
			assert.equal(spc([...BASE, latest], {polarity}).variation, expected);
		});
	}

	it('depends on the latest point only: an earlier signal with an unflagged latest point is common', () => {
		const result = spc([...BASE, 17, 12]);
		assert.equal(result.signals.length, 1);
		assert.equal(result.variation, 'common');
	});

	it('follows a trend label for the latest point (falling trend, higher is better → concern)', () => {
		assert.equal(spc([...BASE, 14, 13, 12, 11.5, 10.5, 9, 8], {polarity: 'higher'}).variation, 'concern');
	});
});

describe('assurance verdict', () => {
	// BASE: lower limit 5.68, upper 16.32.
	const base = spc(BASE);
	const cases: Array<[Polarity, number | null, string | null]> = [
		['higher', 5, 'pass'],
		['higher', base.lower, 'pass'], // target exactly on the safe limit → pass
		['higher', 10, 'hit_and_miss'],
		['higher', base.upper, 'hit_and_miss'], // exactly on the wrong limit → hit and miss
		['higher', 17, 'fail'],
		['lower', 17, 'pass'],
		['lower', base.upper, 'pass'],
		['lower', 10, 'hit_and_miss'],
		['lower', base.lower, 'hit_and_miss'],
		['lower', 5, 'fail'],
		['none', 10, null],
		['none', 5, null],
		['higher', null, null],
		['lower', null, null],
	];
	for (const [polarity, target, expected] of cases) {
		it(`${polarity} polarity, target ${target} → ${expected}`, () => {
			assert.equal(spc(BASE, {polarity, target}).assurance, expected);
		});
	}

	it('judges the target against the latest segment', () => {
		const values = [...BASE, 20, 24, 20, 24, 20, 24];
		// One segment: limits 5.68..16.32 → target 10 is hit and miss. Rebased: 20, 24 ... mean 22,
		// MR̄ 4 → 11.36..32.64, so a target of 10 (higher is better) is consistently passed.
		assert.equal(spc(values, {target: 10}).assurance, 'hit_and_miss');
		assert.equal(spc(values, {target: 10, rebases: ['2021-01']}).assurance, 'pass');
	});
});

describe('minimum data', () => {
	it('returns null with fewer than 2 points', () => {
		assert.equal(computeSpc([], {polarity: 'higher', target: 1}), null);
		assert.equal(computeSpc(series([5]), {polarity: 'higher', target: 1}), null);
		assert.equal(computeSpc(series([5, Number.NaN]), {polarity: 'higher', target: 1}), null);
	});

	it('answers with 2 points', () => {
		// mean 11, MR̄ 2 → 11 ± 5.32
		const result = spc([10, 12]);
		assert.equal(result.trial, true);
		close(result.upper, 16.32);
		assert.equal(result.points.length, 2);
	});
});

describe('spcApplies', () => {
	it('is true only for monthly and snapshot figures', () => {
		const applies = MEASURES.filter((measure) => spcApplies(measure));
		assert.deepEqual(applies, ['monthly', 'snapshot']);
		assert.equal(spcApplies('rolling_12_months'), false);
		assert.equal(spcApplies('three_year_average'), false);
		assert.equal(spcApplies('cumulative'), false);
	});
});

describe('words', () => {
	it('describes each signal', () => {
		assert.equal(describeSignal('limit', 'high'), 'beyond the upper limit');
		assert.equal(describeSignal('limit', 'low'), 'beyond the lower limit');
		assert.equal(describeSignal('shift', 'high'), '7+ points above the mean');
		assert.equal(describeSignal('shift', 'low'), '7+ points below the mean');
		assert.equal(describeSignal('trend', 'high'), 'rising trend');
		assert.equal(describeSignal('trend', 'low'), 'falling trend');
		assert.equal(describeSignal('two_of_three', 'high'), '2 of 3 points near the upper limit');
		assert.equal(describeSignal('two_of_three', 'low'), '2 of 3 points near the lower limit');
	});

	it('labels every verdict distinctly', () => {
		assert.equal(VARIATION_LABELS.common, 'Common cause');
		assert.equal(VARIATION_LABELS.improvement, 'Special cause improvement');
		assert.equal(VARIATION_LABELS.concern, 'Special cause concern');
		assert.equal(new Set(Object.values(VARIATION_LABELS)).size, 5);
		assert.deepEqual(ASSURANCE_LABELS, {pass: 'Consistently passing', fail: 'Consistently failing', hit_and_miss: 'Hit and miss'});
	});
});

// ---- properties ------------------------------------------------------------------------------

describe('properties', () => {
	it('a constant series has no signals and common variation', () => {
		for (const length of [2, 3, 5, 7, 8, 11, 12, 13, 20, 36]) {
			for (const value of [0, -3, 7.5, 0.1, 33.3, 66.7, 1e6, 1234.5678]) {
				for (const polarity of POLARITIES) {
					const result = spc(repeat(value, length), {polarity});
					const name = `${length} × ${value} (${polarity})`;
					assert.deepEqual(result.signals, [], name);
					assert.equal(result.variation, 'common', name);
					assert.equal(result.mean, value, name);
					assert.equal(result.upper, value, name);
					assert.equal(result.trial, length < 12, name);
				}
			}
		}
	});

	it('a clear step change (±6 sigma after 15 points) is flagged and the latest point is special cause', () => {
		for (let seed = 1; seed <= 60; seed++) {
			const random = rng(seed);
			const sigma = 1 + random() * 4;
			const centre = 20 + random() * 60;
			const up = seed % 2 === 0;
			const values = Array.from({length: 25}, (_, i) => {
				const step = i >= 15 ? (up ? 6 : -6) * sigma : 0;
				return centre + step + sigma * gaussian(random);
			});
			for (const polarity of POLARITIES) {
				const result = spc(values, {polarity});
				const name = `seed ${seed} ${up ? 'up' : 'down'} (${polarity})`;
				assert.equal(result.trial, false, name);
				for (const point of result.points.slice(15)) {
					assert.notEqual(point.rule, null, `${name}: ${point.period} unflagged`);
					if (point.rule === 'limit' || point.rule === 'shift') assert.equal(point.side, up ? 'high' : 'low', name);
				}
				assert.notEqual(result.variation, 'common', name);
				if (polarity === 'none' && result.points.at(-1)!.rule !== 'trend') {
					assert.equal(result.variation, up ? 'neutral_high' : 'neutral_low', name);
				}
			}
		}
	});

	it('shifting every value by a constant moves the limits and keeps the signals', () => {
		for (let seed = 100; seed < 130; seed++) {
			const random = rng(seed);
			const values = Array.from({length: 30}, () => 50 + 5 * gaussian(random));
			const base = spc(values);
			const moved = spc(values.map((v) => v + 1000));
			close(moved.mean, base.mean + 1000, `seed ${seed}`);
			close(moved.upper - moved.lower, base.upper - base.lower, `seed ${seed}`);
			assert.deepEqual(moved.signals, base.signals, `seed ${seed}`);
		}
	});

	it('negating every value mirrors the signals (same rules, opposite sides)', () => {
		const flip = (side: 'high' | 'low'): 'high' | 'low' => (side === 'high' ? 'low' : 'high');
		let seen = 0;
		for (let seed = 200; seed < 240; seed++) {
			const random = rng(seed);
			const values = Array.from({length: 30}, (_, i) => 50 + (i > 20 ? 8 : 0) + 5 * gaussian(random));
			const base = spc(values);
			const mirrored = spc(values.map((v) => -v));
			assert.deepEqual(
				mirrored.signals,
				base.signals.map((s) => ({...s, side: flip(s.side)})),
				`seed ${seed}`,
			);
			seen += base.signals.length;
		}
		assert.ok(seen > 0, 'the mirrored series should carry some signals to compare');
	});

	it('every signal has a rule and a side, oldest first, matching the flagged points', () => {
		const rules = new Set<SpcRule>();
		for (let seed = 300; seed < 340; seed++) {
			const random = rng(seed);
			const values = Array.from({length: 40}, (_, i) => 30 + i * 0.2 + 3 * gaussian(random));
			const result = spc(values, {rebases: seed % 3 === 0 ? ['2021-06'] : []});
			const flagged = result.points.filter((p) => p.rule !== null);
			assert.deepEqual(
				result.signals,
				flagged.map((p) => ({period: p.period, rule: p.rule, side: p.side})),
			);
			const periods = result.signals.map((s) => s.period);
			assert.deepEqual(periods, [...periods].sort());
			for (const s of result.signals) rules.add(s.rule);
		}
		assert.ok(rules.size >= 2, 'drifting noisy series should trip more than one rule');
	});
});

describe('computeSpc with a gap (a baseline and recent months, without the years between)', () => {
	const series = (values: number[], from = '2010-01') => values.map((value, i) => ({period: addMonthsLocal(from, i), value}));
	function addMonthsLocal(period: string, delta: number): string {
		const [y, m] = period.split('-').map(Number) as [number, number];
		const index = y * 12 + (m - 1) + delta;
		return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
	}

	it('never joins a run across the gap, and keeps the limits from the first points', () => {
		// 12 baseline points alternating 10/12 (mean 11), then, after a gap, 4 points above the mean:
		// 3 baseline points above the mean + 4 after would be a run of 7 if joined.
		const baseline = series([10, 12, 10, 12, 10, 12, 10, 12, 10, 11.5, 11.5, 11.5]);
		const recent = series([11.5, 11.5, 11.5, 11.5], '2015-01');
		const joined = computeSpc([...baseline, ...recent], {polarity: 'higher', target: null});
		const gapped = computeSpc([...baseline, ...recent], {polarity: 'higher', target: null, gapBefore: '2015-01'});
		assert.ok(joined && gapped);
		assert.equal(joined.points.at(-1)?.rule, 'shift');
		assert.equal(gapped.points.at(-1)?.rule, null);
		assert.equal(gapped.mean, joined.mean);
		assert.equal(gapped.upper, joined.upper);
	});

	it('gives the same verdicts on the shown months as the whole history, with six months before them', () => {
		const random = seededRandom(7);
		for (let trial = 0; trial < 40; trial++) {
			const values = Array.from({length: 120}, (_, i) => 50 + (i > 70 + (trial % 30) ? 6 : 0) + (random() - 0.5) * 8 + (trial % 3 === 0 ? i * 0.05 : 0));
			const all = series(values);
			const shown = all.slice(-36);
			const window = all.slice(-42);
			const full = computeSpc(all, {polarity: 'higher', target: 52});
			const cut = computeSpc([...all.slice(0, 12), ...window], {polarity: 'higher', target: 52, gapBefore: window[0]!.period});
			assert.ok(full && cut);
			const from = shown[0]!.period;
			const view = (r: NonNullable<typeof full>) => r.points.filter(p => p.period >= from).map(p => [p.period, p.rule, p.side]);
			assert.deepEqual(view(cut), view(full), `trial ${trial}`);
			assert.equal(cut.variation, full.variation);
			assert.equal(cut.assurance, full.assurance);
		}
	});
});
