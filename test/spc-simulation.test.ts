// Noise must not read as news: seeded simulations of indicators with no process change (24
// months of pure noise), counted by how often the latest month shows special cause. Counts around
// 0.5, 1 and 2 a month are Poisson (judged as rare events below a mean of 2); percentages Normal.
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {addMonths} from '../source/domain/periods.js';
import {computeSpc} from '../source/domain/spc.js';
import {RARE_TAILS, poissonCdf, rareLimits} from '../source/domain/spc-rare.js';
import {seededRandom} from '../scripts/seeded-random.js';

// The one seeded generator (scripts/seeded-random.ts): the same series every run.
const rng = seededRandom;

// Knuth's method: fine for small means.
function poisson(random: () => number, mean: number): number {
	const limit = Math.exp(-mean);
	let k = 0;
	let p = 1;
	do {
		k++;
		p *= random();
	} while (p > limit);
	return k - 1;
}

function normal(random: () => number): number {
	const u = 1 - random();
	return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

const MONTHS = Array.from({length: 24}, (_, i) => addMonths('2016-01', i));
const TRIALS = 3000;

/** The share of simulated indicators whose latest month shows special cause. */
function latestRate(draw: (random: () => number) => number, counts: boolean, seed: number): number {
	const random = rng(seed);
	let flagged = 0;
	for (let trial = 0; trial < TRIALS; trial++) {
		const points = MONTHS.map(period => ({period, value: draw(random)}));
		const spc = computeSpc(points, {polarity: 'lower', target: null, counts});
		if (spc?.latest) flagged++;
	}
	return flagged / TRIALS;
}

describe('pure noise: special cause in the latest month at most 3% of the time', () => {
	for (const mean of [0.5, 1, 2]) {
		it(`Poisson counts around ${mean} a month`, () => {
			const rate = latestRate(random => poisson(random, mean), true, 20 + mean * 10);
			assert.ok(rate <= 0.03, `${(rate * 100).toFixed(2)}%`);
		});
	}

	it('Normal noise (a percentage around 50%)', () => {
		const rate = latestRate(random => 50 + 5 * normal(random), false, 7);
		assert.ok(rate <= 0.03, `${(rate * 100).toFixed(2)}%`);
	});

	it('XmR rules on the same low counts (the old behaviour) flag far more: the rare-event rule is what keeps them quiet', () => {
		const xmr = latestRate(random => poisson(random, 0.5), false, 25);
		const rare = latestRate(random => poisson(random, 0.5), true, 25);
		assert.ok(xmr > 3 * rare, `XmR ${xmr}, rare events ${rare}`);
	});
});

describe('rare events: limits and runs from the Poisson probability', () => {
	it('each limit, near line and run is crossed by Poisson noise at most its stated rate, and the next one in is not', () => {
		for (const mean of [0.1, 0.25, 0.5, 0.75, 1, 1.5, 1.9]) {
			const limits = rareLimits(mean, 7);
			const above = (k: number) => 1 - poissonCdf(k, mean);
			assert.ok(above(limits.upper) <= RARE_TAILS.limit, `upper at ${mean}`);
			assert.ok(above(limits.upper - 1) > RARE_TAILS.limit, `the upper limit is the lowest that holds, at ${mean}`);
			assert.ok(above(limits.nearUpper) <= RARE_TAILS.near);
			// No count is low enough to be rare below a mean of 2: 0 is common.
			assert.equal(limits.lower, 0);
			const below = poissonCdf(Math.ceil(mean) - 1, mean);
			assert.ok(below ** limits.runLow <= RARE_TAILS.run, `run of ${limits.runLow} below ${mean}`);
			assert.ok(limits.runLow === 7 || below ** (limits.runLow - 1) > RARE_TAILS.run);
		}
	});

	it('at 0.5 a month: more than 3 in a month is special cause; 11 months without a case is', () => {
		const limits = rareLimits(0.5, 7);
		assert.equal(limits.upper, 3);
		assert.equal(limits.runLow, 11);
		assert.equal(limits.runHigh, 7);
	});

	it('a count stuck at 0 after a year around 1 a month: "no cases" only once the run is long enough', () => {
		const history = [1, 0, 2, 1, 0, 1, 3, 0, 1, 2, 1, 0, 1, 2];
		const series = (zeros: number) => [...history, ...Array.from({length: zeros}, () => 0)].map((value, i) => ({period: addMonths('2016-01', i), value}));
		const short = computeSpc(series(7), {polarity: 'lower', target: null, counts: true})!;
		assert.equal(short.method, 'rare');
		assert.equal(short.latest, null, '7 months of 0 at about 0.7 a month happens by chance');
		const long = computeSpc(series(16), {polarity: 'lower', target: null, counts: true})!;
		assert.ok(long.latest, `a run of 16 zeros (needed ${long.runs.low})`);
		assert.equal(long.latest.rule, 'shift');
		assert.equal(long.variation, 'improvement');
	});
});
