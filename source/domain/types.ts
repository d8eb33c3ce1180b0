// The domain's vocabulary and types, shared by the loader, the store and the console. The store
// maps its rows into these; nothing here imports the store.

export const UNITS = ['count', 'percent', 'rate_per_10k', 'days', 'average'] as const;
export type Unit = (typeof UNITS)[number];

export const POLARITIES = ['higher', 'lower', 'none'] as const;
export type Polarity = (typeof POLARITIES)[number];

// How a month's figure is made. SPC only makes sense on figures that stand alone month by month.
export const MEASURES = ['monthly', 'snapshot', 'cumulative', 'rolling_12_months', 'three_year_average'] as const;
export type Measure = (typeof MEASURES)[number];

export const MEASURE_LABELS: Record<Measure, string> = {
	monthly: 'in the month',
	snapshot: 'month-end snapshot',
	cumulative: 'cumulative (year to date)',
	rolling_12_months: 'rolling 12 months',
	three_year_average: '3-year average',
};

export const BENCHMARKS = ['national', 'statistical_neighbours'] as const;
export type Benchmark = (typeof BENCHMARKS)[number];

export const BENCHMARK_LABELS: Record<Benchmark, string> = {
	national: 'National average (England)',
	statistical_neighbours: 'Statistical neighbours average',
};

export const SERVICES = ['assessment', 'safeguarding', 'children_in_care', 'disabled_children'] as const;
export type Service = (typeof SERVICES)[number];

export const SERVICE_LABELS: Record<Service, string> = {
	assessment: 'Assessment',
	safeguarding: 'Safeguarding',
	children_in_care: 'Children in care',
	disabled_children: 'Disabled children',
};

export type Rag = 'green' | 'amber' | 'red' | 'none';

export const RAG_LABELS: Record<Rag, string> = {red: 'red', amber: 'amber', green: 'green', none: 'not rated'};
export type Trend = 'improving' | 'worsening' | 'same';

// The whole service; never a row in a teams file.
export const ALL_TEAM = 'ALL';

export function isOneOf<T extends string>(list: readonly T[], value: string): value is T {
	return (list as readonly string[]).includes(value);
}

/** A target and its amber band from the month it takes effect. */
export type TargetVersion = {effectiveFrom: string; target: number | null; amber: number | null};

export type IndicatorDef = {
	code: string;
	number: number;
	title: string;
	unit: Unit;
	polarity: Polarity;
	measure: Measure;
	definition: string;
	/** Oldest first. */
	targets: TargetVersion[];
	/** The DfE measure it is compared with (domain/published.ts), if any. */
	published?: string | null;
};

/** A team of the catalogue; lists of teams are in the catalogue's order (the teams file's). */
export type TeamDef = {code: string; name: string; population: number | null};

/** One month's figure for one indicator and team. */
export type MeasureRow = {
	team: string;
	indicator: string;
	period: string;
	numerator: number | null;
	denominator: number | null;
	value: number;
};

export type BenchmarkRow = {indicator: string; benchmark: Benchmark; period: string; value: number};
export type CommentaryRow = {indicator: string; period: string; text: string};
/**
 * How a rebase month changes SPC: `recalculate` starts a new segment at this month (limits afresh);
 * `baseline` makes this month the last of its segment's baseline (limits fixed on the segment's
 * months up to and including it).
 */
export const REBASE_TYPES = ['recalculate', 'baseline'] as const;
export type RebaseType = (typeof REBASE_TYPES)[number];
export const DEFAULT_REBASE_TYPE: RebaseType = 'recalculate';

export type RebaseRow = {indicator: string; period: string; reason: string; type: RebaseType};
export type CaseloadRow = {team: string; service: string; fte: number; caseload: number};
export type LoadInfo = {id: number; loadedAt: string; osUser: string};

/** A figure the most recent load replaced: its value before and now (null: no figure now). */
export type MeasureRevision = {indicator: string; team: string; period: string; previous: number | null; current: number | null};
