import {benchmarksFor, reconcile, type BenchmarkName, type BenchmarkShown, type Reconciliation} from './benchmarks.js';
import {addMonths} from './periods.js';
import type {PublishedBenchmark} from './published-benchmarks.js';
import {monthChange, rateRag, type Direction} from './rag.js';
import {computeSpc, spcApplies, type SpcRebase, type SpcResult} from './spc.js';
import {
	ALL_TEAM,
	type BenchmarkRow,
	type CommentaryRow,
	type IndicatorDef,
	type MeasureRow,
	type Rag,
	type RebaseRow,
	type TargetVersion,
	type TeamDef,
	type Trend,
	type Unit,
} from './types.js';
import {pooledValue, unitDecimals, unitRange} from './units.js';
import {DEFAULT_SETTINGS, type StoreSettings} from './store-settings.js';

// The scorecard for one month, computed from store rows: no I/O here. About 280 lines: each
// indicator's target, RAG, trend, previous 6, SPC and benchmarks come from the same rows in one pass.

/** `national`: DfE's national figure of the latest year on or before the month (absent: none), for the chart's line. */
export type SeriesPoint = {period: string; value: number; target: number | null; national?: {value: number; label: string}};

export type TeamFigure = {
	team: string;
	name: string;
	numerator: number | null;
	denominator: number | null;
	value: number;
	rag: Rag;
	trend: Trend | null;
	direction: Direction | null;
	/** Against the team's previous month. */
	change: number | null;
	spc?: SpcResult | null;
};

export type IndicatorMonth = IndicatorDef & {
	/** The target the month is rated against: a cumulative count's annual target pro rata (see `proRata`). */
	target: number | null;
	/** A cumulative count's annual target and the months of the reporting year it is rated for. */
	proRata: ProRata | null;
	amber: number | null;
	value: number | null;
	numerator: number | null;
	denominator: number | null;
	rag: Rag;
	trend: Trend | null;
	direction: Direction | null;
	previousValue: number | null;
	previous6: number | null;
	/** Each benchmark's figure for the month, by name: typed for the month, else DfE's latest year on or before it. */
	benchmarks: Partial<Record<BenchmarkName, number>>;
	/** Where each of `benchmarks` comes from: typed, or a published year (its label, date, files and detail). */
	benchmarkInfo?: Partial<Record<BenchmarkName, BenchmarkShown>>;
	/** The authority's own published figure of that year beside this console's months of it. */
	reconciliation?: Reconciliation | null;
	commentary: string | null;
	teams: TeamFigure[];
	/** The whole service, oldest first, up to the month shown. */
	series: SeriesPoint[];
	rebases: RebaseRow[];
	spc: SpcResult | null;
};

export type Scorecard = {
	period: string;
	indicators: IndicatorMonth[];
	/** The store's settings (defaults filled in), read in the same snapshot as the figures. */
	settings: StoreSettings;
};

/** A cumulative count's target is for the reporting year: rated pro rata, `months` twelfths of `annual`. */
export type ProRata = {annual: number; months: number};

/** The settings SPC and ratings are computed with (a store's; what is absent takes its default). */
export type ScorecardSettings = Partial<Pick<StoreSettings, 'spc_run_length' | 'spc_min_points' | 'reporting_year_start'>>;

export type ScorecardInput = {
	period: string;
	indicators: IndicatorDef[];
	teams: TeamDef[];
	/** Rows for any teams and months up to `period`; the whole service's full history at least. */
	measures: MeasureRow[];
	benchmarks: BenchmarkRow[];
	/** DfE's benchmarks of every year up to `period` (the latest on or before it is shown). */
	published?: PublishedBenchmark[];
	commentary: CommentaryRow[];
	/** Every indicator's rebases, each with its type (recalculate or baseline). */
	rebases: RebaseRow[];
	/** The store's settings; absent: the defaults. */
	settings?: StoreSettings;
	/** SPC for team rows too (from `spc`, else from their full history in `measures`). */
	teamSpc?: boolean;
	/**
	 * SPC already computed (the store keeps it for each series' latest months: see seriesSpc):
	 * undefined where it is not known, and SPC is then computed from `measures`, which must hold
	 * that series' whole history up to the month.
	 */
	spc?: SpcLookup;
	/** Series and SPC points are shown from this month; SPC itself is on the whole history, its signals all kept. */
	window?: {showFrom: string};
};

/** SPC of an indicator's series (`team`, ALL for the whole service) as of a month: null where none, undefined when not known. */
export type SpcLookup = (indicator: string, team: string, period: string) => SpcResult | null | undefined;

/** Months of SPC points a scorecard keeps (the detail chart shows 36, the sparkline 24); signals are all kept. */
export const SPC_POINTS_KEPT = 36;

/** The target in force in a month: the latest version that took effect on or before it. */
export function targetAt(targets: TargetVersion[], period: string): TargetVersion | null {
	let found: TargetVersion | null = null;
	for (const version of targets) if (version.effectiveFrom <= period) found = version;
	return found;
}

/**
 * The six months before `period`: pooled (Σnumerator/Σdenominator) where every month has both,
 * else the mean of the values. Uses whichever of the six months exist; null when none do.
 */
export function previousSix(unit: Unit, byPeriod: Map<string, MeasureRow>, period: string): number | null {
	const rows: MeasureRow[] = [];
	for (let i = 6; i >= 1; i--) {
		const row = byPeriod.get(addMonths(period, -i));
		if (row) rows.push(row);
	}
	if (rows.length === 0) return null;
	const poolable = unit !== 'count' && rows.every(row => row.numerator !== null && row.denominator !== null);
	if (poolable) {
		return pooledValue(unit, rows.map(row => row.numerator!), rows.map(row => row.denominator!));
	}
	return rows.reduce((sum, row) => sum + row.value, 0) / rows.length;
}

/** Months of the reporting year up to and including `period`: 1 in its first month (April, by default). */
export function monthsIntoYear(period: string, yearStart = 4): number {
	const month = Number(period.slice(5, 7));
	return ((month - yearStart + 12) % 12) + 1;
}

/**
 * The target and amber band a month is rated against. A cumulative (year-to-date) count's target
 * is for the whole reporting year: it is rated against the months elapsed, pro rata.
 */
export function ratedTarget(def: Pick<IndicatorDef, 'measure' | 'unit'>, version: TargetVersion | null, period: string, yearStart = 4): {target: number | null; amber: number | null; proRata: ProRata | null} {
	const target = version?.target ?? null;
	const amber = version?.amber ?? null;
	if (target === null || def.measure !== 'cumulative' || def.unit !== 'count') return {target, amber, proRata: null};
	const months = monthsIntoYear(period, yearStart);
	return {target: (target * months) / 12, amber: amber === null ? null : (amber * months) / 12, proRata: {annual: target, months}};
}

/** A rebase row as SPC takes it (a row without a type, from a store before types, recalculates). */
export function spcRebases(rebases: ReadonlyArray<Pick<RebaseRow, 'period'> & {type?: SpcRebase['type']}>): SpcRebase[] {
	return rebases.map(rebase => ({period: rebase.period, type: rebase.type ?? 'recalculate'}));
}

/** SPC for an indicator's rows (whole service or a team), by the store's settings; null where SPC does not apply. */
export function spcOf(def: IndicatorDef, rows: ReadonlyArray<{period: string; value: number}>, period: string, rebases: RebaseRow[], settings: ScorecardSettings = {}, pointsFrom?: string): SpcResult | null {
	if (!spcApplies(def.measure)) return null;
	return computeSpc(
		rows.map(row => ({period: row.period, value: row.value})),
		{
			polarity: def.polarity,
			target: targetAt(def.targets, period)?.target ?? null,
			rebases: spcRebases(rebases),
			runLength: settings.spc_run_length,
			minPoints: settings.spc_min_points,
			counts: def.unit === 'count',
			range: unitRange(def.unit),
			...(pointsFrom === undefined ? {} : {pointsFrom}),
		},
	);
}

/**
 * SPC of one series (an indicator's whole service, or one team) as of `period` (spcOf on its rows
 * up to that month), its points kept for the last SPC_POINTS_KEPT months, its signals all. What a
 * scorecard shows, and what the store computes for each series' latest months when a load commits
 * (store/spc-table.ts), so that a read need not fetch every history. Null where SPC does not apply.
 */
export function seriesSpc(def: IndicatorDef, rows: ReadonlyArray<{period: string; value: number}>, period: string, rebases: RebaseRow[], settings: ScorecardSettings = {}): SpcResult | null {
	// Only the kept points are made.
	return spcOf(def, rows.filter(row => row.period <= period), period, rebases, settings, addMonths(period, -(SPC_POINTS_KEPT - 1)));
}

/** A series' SPC for the month: the one known (`input.spc`), else computed from the rows held. */
function spcFor(input: ScorecardInput, def: IndicatorDef, team: string, rows: MeasureRow[], rebases: RebaseRow[], settings: ScorecardSettings, window?: ScorecardInput['window']): SpcResult | null {
	const known = input.spc?.(def.code, team, input.period);
	const spc = known === undefined ? seriesSpc(def, rows, input.period, rebases, settings) : known;
	// seriesSpc keeps SPC_POINTS_KEPT months: a window as long shows them all, as they are.
	if (!spc || !window || window.showFrom <= addMonths(input.period, -(SPC_POINTS_KEPT - 1))) return spc;
	return {...spc, points: spc.points.filter(point => point.period >= window.showFrom)};
}

export function buildScorecard(input: ScorecardInput): Scorecard {
	const {period} = input;
	const settings = input.settings ?? DEFAULT_SETTINGS;
	const yearStart = settings.reporting_year_start;
	const previousPeriod = addMonths(period, -1);
	const teamNames = new Map(input.teams.map(team => [team.code, team.name]));
	const order = teamOrderOf(input.teams);

	// indicator -> team -> period -> row
	const grouped = new Map<string, Map<string, Map<string, MeasureRow>>>();
	for (const row of input.measures) {
		if (row.period > period) continue;
		let byTeam = grouped.get(row.indicator);
		if (!byTeam) grouped.set(row.indicator, (byTeam = new Map()));
		let byPeriod = byTeam.get(row.team);
		if (!byPeriod) byTeam.set(row.team, (byPeriod = new Map()));
		byPeriod.set(row.period, row);
	}

	const indicators = input.indicators.map((def): IndicatorMonth => {
		const byTeam = grouped.get(def.code) ?? new Map<string, Map<string, MeasureRow>>();
		const service = byTeam.get(ALL_TEAM) ?? new Map<string, MeasureRow>();
		const current = service.get(period) ?? null;
		const previous = service.get(previousPeriod) ?? null;
		const target = ratedTarget(def, targetAt(def.targets, period), period, yearStart);
		const rebases = input.rebases.filter(r => r.indicator === def.code);
		const serviceRows = [...service.values()].sort((a, b) => (a.period < b.period ? -1 : 1));

		const teams: TeamFigure[] = [];
		for (const [team, rows] of byTeam) {
			if (team === ALL_TEAM) continue;
			const now = rows.get(period);
			if (!now) continue;
			const before = rows.get(previousPeriod) ?? null;
			const teamRows = input.teamSpc ? [...rows.values()].sort((a, b) => (a.period < b.period ? -1 : 1)) : [];
			const change = monthChange(before?.value ?? null, now.value, def.polarity, unitDecimals(def.unit));
			const figure: TeamFigure = {
				team,
				name: teamNames.get(team) ?? team,
				numerator: now.numerator,
				denominator: now.denominator,
				value: now.value,
				rag: rateRag(now.value, target.target, target.amber, def.polarity),
				change: change.change,
				direction: change.direction,
				trend: change.trend,
			};
			if (input.teamSpc) figure.spc = spcFor(input, def, team, teamRows, rebases, settings);
			teams.push(figure);
		}
		teams.sort((a, b) => order(a.team) - order(b.team) || a.team.localeCompare(b.team));

		const serviceChange = monthChange(previous?.value ?? null, current?.value ?? null, def.polarity, unitDecimals(def.unit));
		const benchmarks = benchmarksFor(def.code, period, input.benchmarks, input.published ?? []);
		const own = benchmarks.shown.published;
		const reconciliation =
			own !== undefined && own.source !== 'typed' && own.year !== null ? reconcile(own.source, {year: own.year, value: own.value}, def.unit, def.measure, service) : null;
		const commentary = input.commentary.find(c => c.indicator === def.code && c.period === period)?.text ?? null;

		// The definition's fields named one by one, not spread: a spread followed by the month's
		// twenty fields makes V8 build each row as a slow dictionary object (the grid's build took
		// ten times as long). test/scorecard.test.ts checks every field of a stored definition is here.
		return {
			code: def.code,
			number: def.number,
			title: def.title,
			unit: def.unit,
			polarity: def.polarity,
			measure: def.measure,
			definition: def.definition,
			targets: def.targets,
			...('published' in def ? {published: def.published} : {}),
			target: target.target,
			proRata: target.proRata,
			amber: target.amber,
			value: current?.value ?? null,
			numerator: current?.numerator ?? null,
			denominator: current?.denominator ?? null,
			rag: rateRag(current?.value ?? null, target.target, target.amber, def.polarity),
			trend: serviceChange.trend,
			direction: serviceChange.direction,
			previousValue: previous?.value ?? null,
			previous6: previousSix(def.unit, service, period),
			benchmarks: benchmarks.values,
			benchmarkInfo: benchmarks.shown,
			reconciliation,
			commentary,
			teams,
			series: withNational(
				serviceRows
					.filter(row => !input.window || row.period >= input.window.showFrom)
					.map(row => ({period: row.period, value: row.value, target: ratedTarget(def, targetAt(def.targets, row.period), row.period, yearStart).target})),
				(input.published ?? []).filter(row => row.indicator === def.code && row.benchmark === 'national'),
			),
			rebases,
			spc: current ? spcFor(input, def, ALL_TEAM, serviceRows, rebases, settings, input.window) : null,
		};
	});

	return {period, indicators, settings: input.settings ?? {...DEFAULT_SETTINGS}};
}

/** Each month's national figure of the latest published year on or before it (annual: a step a year). */
function withNational(points: SeriesPoint[], national: readonly PublishedBenchmark[]): SeriesPoint[] {
	if (national.length === 0) return points;
	const years = [...national].sort((a, b) => (a.period < b.period ? -1 : 1));
	return points.map(point => {
		let found: PublishedBenchmark | undefined;
		for (const year of years) if (year.period <= point.period) found = year;
		return found === undefined ? point : {...point, national: {value: found.value, label: found.label}};
	});
}

/** Ranks team codes in the catalogue's order (the teams file's); unknown codes go last. */
export function teamOrderOf(teams: ReadonlyArray<{code: string}>): (code: string) => number {
	const index = new Map(teams.map((team, i) => [team.code, i]));
	return code => index.get(code) ?? teams.length;
}
