// Rare events: a count of a few a month is Poisson, not Normal, and XmR's rules (tuned for Normal
// noise) fire far too often on it. Below RARE_MEAN a month, a segment is judged by limits and run
// lengths that pure Poisson noise at the segment's mean crosses at most about 1 time in 200 each
// (measured by the seeded simulation in test/spc-simulation.test.ts). Pure arithmetic.

/** Counts whose segment mean is below this are judged as rare events. */
export const RARE_MEAN = 2;
/** A point beyond a limit: Poisson noise goes there at most this often (one side). */
const LIMIT_TAIL = 0.005;
/** The near line of two-of-three: Poisson noise goes beyond it at most this often (about 2 sigma). */
const NEAR_TAIL = 0.025;
/** A run on one side of the mean long enough that Poisson noise makes it at most this often. */
const RUN_TAIL = 0.005;

export type RareLimits = {
	/** Counts strictly above this are special cause. */
	upper: number;
	/** Counts strictly below this are special cause (0 when no count is low enough to be rare). */
	lower: number;
	nearUpper: number;
	nearLower: number;
	/** Points in a row above / below the mean that make a shift. */
	runHigh: number;
	runLow: number;
};

/** P(X <= k) for X ~ Poisson(mean). */
export function poissonCdf(k: number, mean: number): number {
	if (k < 0) return 0;
	let term = Math.exp(-mean);
	let sum = term;
	for (let i = 1; i <= k; i++) {
		term *= mean / i;
		sum += term;
	}
	return Math.min(1, sum);
}

/** The smallest whole count u with P(X > u) <= tail. */
function upperCount(mean: number, tail: number): number {
	let u = 0;
	while (1 - poissonCdf(u, mean) > tail) u++;
	return u;
}

/** The largest whole count l with P(X < l) <= tail (0 when even P(X = 0) is more than tail). */
function lowerCount(mean: number, tail: number): number {
	let l = 0;
	while (poissonCdf(l, mean) <= tail) l++;
	return l;
}

/** Points in a row, each on a side with probability p, that happen by chance at most RUN_TAIL of the time. */
function runFor(p: number, runLength: number): number {
	if (p <= 0) return runLength;
	if (p >= 1) return Number.POSITIVE_INFINITY;
	return Math.max(runLength, Math.ceil(Math.log(RUN_TAIL) / Math.log(p)));
}

/** Limits and run lengths for a count whose segment mean is `mean` (0 < mean < RARE_MEAN). */
export function rareLimits(mean: number, runLength: number): RareLimits {
	// Strictly above or below the mean, as the shift rule counts (a count equal to the mean breaks a run).
	const below = Number.isInteger(mean) ? poissonCdf(mean - 1, mean) : poissonCdf(Math.floor(mean), mean);
	const above = 1 - poissonCdf(Math.floor(mean), mean);
	return {
		upper: upperCount(mean, LIMIT_TAIL),
		lower: lowerCount(mean, LIMIT_TAIL),
		nearUpper: upperCount(mean, NEAR_TAIL),
		nearLower: lowerCount(mean, NEAR_TAIL),
		runHigh: runFor(above, runLength),
		runLow: runFor(below, runLength),
	};
}

/** The rule's false-signal rates, for the README and the tests: per point, one side. */
export const RARE_TAILS = {limit: LIMIT_TAIL, near: NEAR_TAIL, run: RUN_TAIL} as const;
