import type {Polarity, Unit} from './types.js';
import {formatValue} from './units.js';

// The service against a benchmark, polarity-aware. "Level" when the two read the same at the
// unit's display precision: a difference nobody can see is not called better or worse.

export type Comparison = 'none' | 'level' | 'above' | 'below' | 'better' | 'worse';

export const COMPARISON_WORDS: Record<Comparison, string> = {
	none: 'no figure for the service',
	level: 'service level with it',
	above: 'service above it',
	below: 'service below it',
	better: 'service better',
	worse: 'service worse',
};

export function compareWithBenchmark(unit: Unit, polarity: Polarity, service: number | null, benchmark: number): Comparison {
	if (service === null) return 'none';
	if (formatValue(unit, service) === formatValue(unit, benchmark)) return 'level';
	const higher = service > benchmark;
	if (polarity === 'none') return higher ? 'above' : 'below';
	return higher === (polarity === 'higher') ? 'better' : 'worse';
}
