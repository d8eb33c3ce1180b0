// Vocabulary shared by the loader, the store and the console.
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
