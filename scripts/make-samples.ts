// Writes the sample CSVs in data/samples/: 24 months (2016-01 to 2017-12) of a city children's social
// care scorecard. December 2017 and the six-month figures before it are the ones the seed report
// (/work/shared/seed/scorecard-2017-12.md) states; everything else is plausible synthetic data.
// Deterministic: a seeded PRNG per stream, no Math.random, no clock. Run: `npm run samples`.
// About 600 lines: the sample is one story (the catalogue, 24 months of figures that land on the
// seed report's December, their commentary, caseloads), and its streams must stay in step.
import {mkdirSync, writeFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {randomFor as rngFor, type Random} from './seeded-random.js';

// ---------------------------------------------------------------------------------------------
// Randomness and small helpers

type Rng = Random;

/** Normal noise (Box-Muller). */
function gauss(r: Rng, sd: number): number {
	return Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r()) * sd;
}

const round = Math.round;
const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

/**
 * Nudges integers by one, in turn, until they add up to `total` (each within 0..hi[i]).
 * Keeps the shape of the noise while hitting a total the report states.
 */
function fitSum(xs: number[], total: number, hi?: number[]): number[] {
	const out = [...xs];
	let diff = total - sum(out);
	for (let i = 0, guard = 0; diff !== 0; i++) {
		if (++guard > 1e6) throw new Error(`fitSum: cannot reach ${total}`);
		const k = i % out.length;
		const next = out[k] + Math.sign(diff);
		if (next < 0 || next > (hi?.[k] ?? Infinity)) continue;
		out[k] = next;
		diff -= Math.sign(diff);
	}
	return out;
}

/** Shares a whole-service total among teams in proportion to (jittered) weights; the parts add up exactly. */
function share(total: number, weights: number[], r: Rng, sd: number): number[] {
	const w = weights.map((x) => Math.max(0.01, x * (1 + gauss(r, sd))));
	const ws = sum(w);
	return fitSum(
		w.map((x) => round((total * x) / ws)),
		total,
	);
}

// ---------------------------------------------------------------------------------------------
// Calendar and teams

export const MONTHS: string[] = Array.from(
	{length: 24},
	(_, i) => `${2016 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`,
);
const DEC17 = 23;
/** Jun-Nov 2017: the report's "previous 6 months". */
const PREV6 = [17, 18, 19, 20, 21, 22];

export const TEAMS = [
	{code: 'EAST', name: 'East', population: 107112},
	{code: 'NWC', name: 'North West and Central', population: 109786},
	{code: 'SOUTH', name: 'South', population: 68800},
	{code: 'DCSC', name: "Disabled children's social care", population: null},
	{code: 'OTHER', name: 'Other citywide teams (UASC, NRPF, Homeless)', population: null},
];
const AREAS = ['EAST', 'NWC', 'SOUTH'];
const POP: Record<string, number> = {EAST: 107112, NWC: 109786, SOUTH: 68800, ALL: 285698};
const TEAM_ORDER = ['ALL', 'EAST', 'NWC', 'SOUTH', 'DCSC', 'OTHER'];

// ---------------------------------------------------------------------------------------------
// Indicators

type Ind = {code: string; number: number; title: string; unit: string; polarity: string;
	target: number | null; amber: number | null; measure: string; definition: string};
type IndArgs = [string, number, string, string, string, number | null, number | null, string, string];
const ind = (...[code, number, title, unit, polarity, target, amber, measure, definition]: IndArgs): Ind =>
	({code, number, title, unit, polarity, target, amber, measure, definition});

export const INDICATORS: Ind[] = [
	ind('UNALLOC7', 1, 'Unallocated cases open more than 7 days', 'count', 'lower', 0, 2, 'snapshot',
		'Open cases past the front door (CASS/MASH) with no allocated social worker 7 or more days after referral, counted at month end.'),
	ind('REREF12', 2, 'Re-referrals within 12 months', 'percent', 'lower', 24, 2, 'monthly',
		'Referrals in the month for a child referred before within the previous 12 months, as a percentage of all referrals in the month.'),
	ind('FA45', 3, 'Family assessments completed in timescale', 'percent', 'higher', 85, 5, 'monthly',
		'Family assessments (including S47 enquiries) completed in the month within 45 working days, as a percentage of all assessments completed in the month.'),
	ind('CASELOAD', 4, 'Average caseload per social worker (assessment, safeguarding, children in care)', 'average', 'lower', 18, 2, 'snapshot',
		'Children allocated per full-time-equivalent social worker in the assessment, safeguarding and children in care teams at month end. Part-time and newly qualified staff carry proportionately fewer cases.'),
	ind('CPP', 5, 'Children with a child protection plan', 'rate_per_10k', 'none', null, null, 'snapshot',
		'Children who are the subject of a child protection plan at month end, per 10,000 children aged 0-17 (mid-2016 population estimates).'),
	ind('CPVISIT', 6, 'Child protection plans visited in the month', 'percent', 'higher', 90, 5, 'monthly',
		'Children on a child protection plan who had at least one visit in the month, as a percentage of those due a visit. The standard is to see them at least twice a month.'),
	ind('CIC', 7, 'Children in care (UASC excluded)', 'rate_per_10k', 'lower', 55, 3, 'snapshot',
		'Children in care at month end, excluding unaccompanied asylum-seeking children, per 10,000 children aged 0-17.'),
	ind('CLEET', 8, 'Care leavers (17-21) in education, employment or training', 'percent', 'higher', 60, 5, 'cumulative',
		'Care leavers aged 17 to 21 in education, employment or training around their birthday, as a percentage of care leavers of that age; cumulative over the year.'),
	ind('ADOPTA2', 9, 'Adoption: average days from placement order to match (rolling 12 months)', 'days', 'lower', 121, 30, 'rolling_12_months',
		'For children adopted, the average days between the court granting a placement order and the decision to match with an adoptive family, over the last 12 months.'),
	ind('ADOPTA1', 10, 'Adoption: average days from entering care to moving in with adoptive family (3-year average)', 'days', 'lower', 426, 60, 'three_year_average',
		'For children adopted, the average days between entering care and moving in with the adoptive family, over the last three years (national indicator A1).'),
	ind('CINFAM', 11, 'Children in need supported to live with their family', 'percent', 'higher', 80, 5, 'monthly',
		'Children in need and family support cases being supported to live with their own family, as a percentage of all such cases.'),
	ind('SEENASS', 12, 'Children seen at assessment', 'percent', 'higher', 90, 5, 'monthly',
		'Assessments completed in the month where the child was seen, as a percentage of all assessments completed in the month; a proxy for the quality of assessment.'),
	ind('SUPERV', 13, 'Staff supervised in the month', 'percent', 'higher', 90, 5, 'monthly',
		'Staff with a recorded supervision session in the month, as a percentage of all staff.'),
	ind('AGENCY', 14, 'Agency social workers in qualified posts', 'percent', 'lower', 15, 3, 'monthly',
		'Agency workers in established posts that require a social work qualification (social workers and team managers), as a percentage of those posts filled.'),
];

// ---------------------------------------------------------------------------------------------
// Measures: each indicator is a map team -> 24 cells (numerator, denominator)

type Cell = {n: number; d?: number};
type Series = Record<string, Cell[]>;

/** The whole service as the sum of its teams (the city is the sum of its teams). */
function withAll(teams: Series): Series {
	const codes = Object.keys(teams);
	const all = MONTHS.map((_, m) => ({
		n: sum(codes.map((t) => teams[t][m].n)),
		d: teams[codes[0]][0].d === undefined ? undefined : sum(codes.map((t) => teams[t][m].d ?? 0)),
	}));
	return {ALL: all, ...teams};
}

type PctOptions = {
	den: number; // typical denominator
	denSd: number;
	pct: (m: number) => number; // underlying percentage month by month
	pctSd: number;
	dec: [number, number]; // Dec-17 numerator, denominator from the report
	prevN?: number; // Jun-Nov numerators add up to this
	prevD?: number; // Jun-Nov denominators add up to this
	prevPct?: number; // or: Jun-Nov pools to this percentage
};

/** A whole-service percentage series pinned to the report's December and six-month figures. */
function pctSeries(name: string, o: PctOptions): Cell[] {
	const r = rngFor(name);
	const d = MONTHS.map(() => round(o.den + gauss(r, o.denSd)));
	if (o.prevD !== undefined) setAt(d, PREV6, fitSum(PREV6.map((m) => d[m]), o.prevD));
	const n = d.map((dd, m) => clamp(round((dd * (o.pct(m) + gauss(r, o.pctSd))) / 100), 0, dd));
	const prevN = o.prevN ?? (o.prevPct === undefined ? undefined : round((o.prevPct / 100) * sum(PREV6.map((m) => d[m]))));
	if (prevN !== undefined) setAt(n, PREV6, fitSum(PREV6.map((m) => n[m]), prevN, PREV6.map((m) => d[m])));
	[n[DEC17], d[DEC17]] = o.dec;
	return MONTHS.map((_, m) => ({n: n[m], d: d[m]}));
}

function setAt(xs: number[], at: number[], values: number[]): void {
	at.forEach((m, i) => (xs[m] = values[i]));
}

/** 2016 = months 0-11, 2017 = 12-23. */
const y17 = (m: number): boolean => m >= 12;

function unalloc7(): Series {
	// A handful each month for two years (common cause); Jun-Nov 2017 averages exactly 3 (sum 18).
	const all = [5, 3, 6, 4, 2, 5, 3, 4, 6, 2, 4, 3, 4, 6, 3, 5, 4, 2, 4, 3, 5, 1, 3, 1];
	const r = rngFor('UNALLOC7');
	const weights = [0.3, 0.35, 0.2, 0.05, 0.1];
	const teams: Series = Object.fromEntries(TEAMS.map((t) => [t.code, [] as Cell[]]));
	all.forEach((total, m) => {
		// Each unallocated case lands in a team at random; December is the report's 0/1/0/0/0.
		const parts = [0, 0, 0, 0, 0];
		if (m === DEC17) parts[1] = 1;
		else
			for (let k = 0; k < total; k++) {
				let x = r();
				let i = 0;
				while (x >= weights[i] && i < 4) x -= weights[i++];
				parts[i]++;
			}
		TEAMS.forEach((t, i) => teams[t.code].push({n: parts[i]}));
	});
	return withAll(teams);
}

function reref12(): Series {
	// A little higher before the front-door model bedded in (rebased 2017-04).
	return {
		ALL: pctSeries('REREF12', {
			den: 1110, denSd: 45, pct: (m) => (m < 15 ? 25.4 : 23.9), pctSd: 0.8,
			dec: [268, 1234], prevN: 1596, prevD: 6671,
		}),
	};
}

function fa45(): Series {
	const all = pctSeries('FA45', {
		// Steady at about 90% for two years: December's 92% is within the process's own variation.
		den: 1215, denSd: 40, pct: () => 90.2, pctSd: 1.4,
		dec: [923, 1001], prevN: 6618, prevD: 7332,
	});
	// Other citywide teams: usually about 80%, but October and December 2017 fall well below
	// (two of three points beyond the 2-sigma line, inside the process limit).
	const other: [number, number][] = [
		[37, 45], [33, 44], [39, 47], [34, 45], [39, 46], [35, 46], [36, 43], [35, 46], [38, 46], [33, 44], [39, 47], [34, 44],
		[35, 44], [38, 47], [35, 45], [37, 46], [34, 42], [37, 45], [36, 46], [38, 47], [35, 44], [29, 45], [35, 45], [31, 49],
	];
	const r = rngFor('FA45 teams');
	const teams: Series = {EAST: [], NWC: [], SOUTH: [], DCSC: [], OTHER: []};
	const dec: Record<string, [number, number]> = {EAST: [340, 359], NWC: [274, 291], SOUTH: [270, 294], DCSC: [8, 8]};
	all.forEach((c, m) => {
		if (m === DEC17) {
			for (const t of ['EAST', 'NWC', 'SOUTH', 'DCSC']) teams[t].push({n: dec[t][0], d: dec[t][1]});
			teams.OTHER.push({n: 31, d: 49});
			return;
		}
		// Disabled children's team: a handful a month, nearly all in time.
		const dcscD = 6 + Math.floor(r() * 5);
		const dcsc: [number, number] = [dcscD - (r() < 0.3 ? 1 : 0), dcscD];
		const fixedN = other[m][0] + dcsc[0];
		const fixedD = other[m][1] + dcsc[1];
		// The areas share the rest; East a little better than South, as in December.
		const ds = share(c.d! - fixedD, [0.36, 0.32, 0.32], r, 0.05);
		const rate = (c.n - fixedN) / (c.d! - fixedD);
		const ns = fitSum(
			ds.map((d, i) => clamp(round(d * (rate + [0.015, 0, -0.015][i] + gauss(r, 0.01))), 0, d)),
			c.n - fixedN,
			ds,
		);
		AREAS.forEach((t, i) => teams[t].push({n: ns[i], d: ds[i]}));
		teams.DCSC.push({n: dcsc[0], d: dcsc[1]});
		teams.OTHER.push({n: other[m][0], d: other[m][1]});
	});
	return {ALL: all, ...teams};
}

function cpp(): Series {
	// Plans in the 900s for two years; Mar-17 988 and Dec-17 972 are the report's.
	const r = rngFor('CPP');
	const all = MONTHS.map((_, m) => clamp(round(952 + 10 * Math.sin(m / 3) + gauss(r, 14)), 905, 995));
	all[14] = 988;
	all[DEC17] = 972;
	const teams: Series = {EAST: [], NWC: [], SOUTH: []};
	const allCells: Cell[] = [];
	all.forEach((n, m) => {
		// DCSC and the citywide teams hold plans too, but have no population: no rows of their own.
		const hidden = m === DEC17 ? 34 : 26 + round(gauss(r, 4));
		const parts = m === DEC17 ? [282, 312, 344] : share(n - hidden, [0.3, 0.333, 0.367], r, 0.04);
		AREAS.forEach((t, i) => teams[t].push({n: parts[i], d: POP[t]}));
		allCells.push({n, d: POP.ALL});
	});
	return {ALL: allCells, ...teams};
}

function cpvisit(): Series {
	// Steady 91-94% in 2016, 93-95% in 2017, then a holiday dip in December below the lower limit.
	return {
		ALL: pctSeries('CPVISIT', {
			den: 858, denSd: 12, pct: (m) => (y17(m) ? 94 : 92.5), pctSd: 0.5,
			dec: [770, 879], prevN: 4806, prevD: 5130,
		}),
	};
}

function cic(): Series {
	// Steady at about 63 per 10k for two years, so the target of 55 lies below the lower limit:
	// consistently failing, common cause. December (62.8) and Jun-Nov (63.3) are the report's.
	const r = rngFor('CIC');
	const teams: Series = {EAST: [], NWC: [], SOUTH: []};
	const count = (rate: number) => round((rate * POP.ALL) / 10000);
	const totals = MONTHS.map(() => count(63.3 + gauss(r, 0.3)));
	setAt(totals, PREV6, fitSum(PREV6.map((m) => totals[m]), count(63.3 * 6)));
	totals[DEC17] = count(62.8);
	totals.forEach((total) => {
		const parts = share(total, [0.34, 0.35, 0.31], r, 0.02);
		AREAS.forEach((t, i) => teams[t].push({n: parts[i], d: POP[t]}));
	});
	return withAll(teams);
}

function cleet(): Series {
	const r = rngFor('CLEET');
	const cells = MONTHS.map((_, m) => {
		const d = round(330 + gauss(r, 8));
		return {n: round((d * (49 + (y17(m) ? 1.5 : 0) + gauss(r, 1.2))) / 100), d};
	});
	return {ALL: cells};
}

/** A days-average series: `avg(m)` days over about `count` children. */
function daysSeries(name: string, count: number, spread: number, avg: (m: number) => number, sd: number): Series {
	const r = rngFor(name);
	let c = count;
	const cells = MONTHS.map((_, m) => {
		// A rolling figure: the number of children drifts slowly rather than jumping.
		c = clamp(c + round(gauss(r, 1)), count - spread, count + spread);
		return {n: round((avg(m) + gauss(r, sd)) * c), d: c};
	});
	return {ALL: cells};
}

function adopta2(): Series {
	// 200-220 days, easing in 2017; November and December matched no long-waiting children.
	return daysSeries('ADOPTA2', 30, 5, (m) => (m === 22 ? 163 : m === DEC17 ? 148 : 214 - (y17(m) ? (m - 11) * 1.5 : 0)), 4);
}

function adopta1(): Series {
	// A three-year average moves slowly: about 560 down to about 528.
	return daysSeries('ADOPTA1', 100, 10, (m) => 560 - m * 1.4, 2.5);
}

function cinfam(): Series {
	// DCSC's disabled children nearly all live with their families, so the city (87% in December)
	// sits above two of the three areas (77%, 89%, 85%).
	const r = rngFor('CINFAM');
	// The same level both years: December's rise is the news, not a change of process.
	const base: Record<string, [number, number, number]> = {EAST: [176, 73, 73], NWC: [178, 82, 82], SOUTH: [155, 78, 78], DCSC: [186, 95, 95]};
	const dec: Record<string, [number, number]> = {EAST: [136, 176], NWC: [156, 176], SOUTH: [131, 154], DCSC: [183, 188]};
	const teams: Series = {};
	for (const [t, [den, p16, p17]] of Object.entries(base)) {
		teams[t] = MONTHS.map((_, m) => {
			if (m === DEC17) return {n: dec[t][0], d: dec[t][1]};
			const d = round(den + gauss(r, 5));
			return {n: clamp(round((d * ((y17(m) ? p17 : p16) + gauss(r, 1.5))) / 100), 0, d), d};
		});
	}
	// Jun-Nov pools to 82%: nudge the area teams' numerators to the total that gives it.
	const cells = PREV6.flatMap((m) => AREAS.map((t) => teams[t][m]));
	const totalD = sum(PREV6.flatMap((m) => Object.keys(teams).map((t) => teams[t][m].d!)));
	const dcscN = sum(PREV6.map((m) => teams.DCSC[m].n));
	const fitted = fitSum(cells.map((c) => c.n), round(0.82 * totalD) - dcscN, cells.map((c) => c.d!));
	cells.forEach((c, i) => (c.n = fitted[i]));
	return withAll(teams);
}

function seenass(): Series {
	// The focus on seeing children lifted performance from mid-2016 (a shift, not rebased).
	const h2016 = [84.8, 87.1, 84.7, 87.3, 84.8, 87.0, 92.2, 95.0, 92.3, 95.1, 92.2, 94.9];
	return {
		ALL: pctSeries('SEENASS', {
			den: 1170, denSd: 35, pct: (m) => (y17(m) ? 94 : h2016[m]), pctSd: 0.35,
			dec: [906, 964], prevN: 6606, prevD: 7014,
		}),
	};
}

function superv(): Series {
	return {
		ALL: pctSeries('SUPERV', {
			// Recording varies a lot month to month around the same level: December's 89% is within it.
			den: 830, denSd: 5, pct: () => 81.5, pctSd: 3.6,
			dec: [747, 839], prevPct: 82,
		}),
	};
}

function agency(): Series {
	// Steady around 23-24% in 2016, then falling every month of 2017 as permanent staff start.
	const path = [
		23.4, 24.1, 23.2, 23.9, 24.4, 23.6, 23.1, 23.8, 24.2, 23.5, 23.9, 24.0,
		23.6, 23.1, 22.6, 22.1, 21.6, 21.0, 20.3, 19.6, 18.9, 18.0, 17.0,
	];
	return {
		ALL: pctSeries('AGENCY', {den: 905, denSd: 5, pct: (m) => path[m] ?? 14, pctSd: 0, dec: [127, 907]}),
	};
}

// ---------------------------------------------------------------------------------------------
// Caseloads: a stable staff of about 300 posts with some joiners and leavers

type CaseloadRow = {period: string; team: string; service: string; worker: string; fte: number; caseload: number};

/** Posts to keep filled: team, service, head count, typical caseload per FTE. */
const POSTS: [string, string, number, number][] = [
	['EAST', 'assessment', 28, 15.5], ['EAST', 'safeguarding', 38, 16], ['EAST', 'children_in_care', 30, 15],
	['NWC', 'assessment', 28, 15.5], ['NWC', 'safeguarding', 39, 16], ['NWC', 'children_in_care', 30, 15],
	['SOUTH', 'assessment', 19, 15], ['SOUTH', 'safeguarding', 27, 16.5], ['SOUTH', 'children_in_care', 21, 15],
	['DCSC', 'disabled_children', 30, 12],
	['OTHER', 'safeguarding', 4, 13], ['OTHER', 'children_in_care', 5, 14],
];

/** The city's average caseload per FTE month by month: about 14.5 with some month-to-month movement, up in December. */
const CASELOAD_LEVEL = (m: number): number => (m === DEC17 ? 15.1 : 14.45 + 0.35 * Math.sin(m * 1.9));

/** About the head-count-weighted mean of POSTS' levels: scales each worker to the month's city level. */
const TYPICAL_LEVEL = 15.4;

function caseloads(): CaseloadRow[] {
	const r = rngFor('caseloads');
	let nextRef = 10000;
	const newRef = (): string => `W${(nextRef += 1 + Math.floor(r() * 9))}`;
	const rows: CaseloadRow[] = [];
	for (const [team, service, heads, level] of POSTS) {
		for (let p = 0; p < heads; p++) {
			// Each post is a chain of holders; a leaver's post stays empty for a month or two.
			let start = 0;
			while (start < MONTHS.length) {
				const ref = newRef();
				const fte = r() < 0.8 ? 1 : [0.5, 0.6, 0.8][Math.floor(r() * 3)];
				const own = level + gauss(r, 1.8); // some carry more than others
				const newlyQualified = start > 0 && r() < 0.4; // protected caseload for six months
				let end = start;
				while (end < MONTHS.length - 1 && r() > 0.012) end++;
				for (let m = start; m <= end; m++) {
					const protect = newlyQualified && m - start < 6 ? 0.7 : 1;
					const busy = CASELOAD_LEVEL(m) / TYPICAL_LEVEL;
					const extra = m === DEC17 ? gauss(r, 2.2) : gauss(r, 1.3); // more spread in December
					const caseload = clamp(round(fte * own * busy * protect + extra), 0, 30);
					rows.push({period: MONTHS[m], team, service, worker: ref, fte, caseload});
				}
				start = end + 2 + Math.floor(r() * 2);
			}
		}
	}
	return rows.sort(
		(a, b) =>
			a.period.localeCompare(b.period) ||
			a.team.localeCompare(b.team) ||
			a.service.localeCompare(b.service) ||
			a.worker.localeCompare(b.worker),
	);
}

const CASE_SERVICES = new Set(['assessment', 'safeguarding', 'children_in_care']);

/** CASELOAD is exactly what caseloads.csv gives: Σ caseload / Σ fte per team (FTE summed in tenths). */
function caseloadSeries(rows: CaseloadRow[]): Series {
	const out: Series = {};
	for (const [team, service] of POSTS) if (CASE_SERVICES.has(service)) out[team] ??= [];
	out.ALL = [];
	for (const team of Object.keys(out)) {
		out[team] = MONTHS.map((period) => {
			const mine = rows.filter(
				(w) => w.period === period && CASE_SERVICES.has(w.service) && (team === 'ALL' || w.team === team),
			);
			return {n: sum(mine.map((w) => w.caseload)), d: sum(mine.map((w) => round(w.fte * 10))) / 10};
		});
	}
	return out;
}

// ---------------------------------------------------------------------------------------------
// Benchmarks, commentary, rebases

/** [indicator, 2016 national, 2016 statistical neighbours, 2017 national, 2017 statistical neighbours] */
const BENCHMARKS: [string, number, number, number, number][] = [
	['REREF12', 22.3, 21.5, 22, 22],
	['FA45', 83, 81, 83, 82],
	['CASELOAD', 15.9, 18.6, 15, 19],
	['CPP', 43.1, 44.7, 43.3, 45.1],
	['CIC', 60, 68, 62, 70],
	['CLEET', 49, 48, 50, 49],
	['ADOPTA1', 558, 575, 520, 540],
];

/** December 2017 is the report's own words (OCR slips mended); November and October are synthetic. */
const COMMENTARY: [string, string, string][] = [
	['2017-10', 'REREF12', 'Re-referrals are in line with the previous six months.'],
	['2017-10', 'FA45', 'The Other Citywide Teams completed fewer assessments in time in October, mainly UASC age assessments waiting for interpreters.'],
	['2017-10', 'SUPERV', 'Supervision recording has improved since the new template was introduced in September.'],
	['2017-10', 'AGENCY', 'More permanent social workers started in October, replacing agency staff.'],
	['2017-11', 'UNALLOC7', 'Unallocated cases are reviewed at the weekly heads of service meeting.'],
	['2017-11', 'CASELOAD', 'Caseloads remain below target at around 14 children per social worker.'],
	['2017-11', 'CPVISIT', 'Visits to children on a plan remain well above target.'],
	['2017-11', 'ADOPTA2', 'The children matched in November had waited less than six months, which brings the rolling average down.'],
	['2017-11', 'AGENCY', 'Agency numbers continue to fall as permanent recruits start in post.'],
	['2017-12', 'UNALLOC7',
		'This indicator is of open cases post CASS/MASH where there is no allocated social worker 7 or more days after referral. A report is sent to the heads of service each week, so the cases are ever changing.'],
	['2017-12', 'REREF12',
		'Our referral rate is stable over time although there are small monthly variations. We have moved into a new front-door model a year ago and are monitoring the impact on contacts, referrals and re-referrals carefully.\n\nWe are slightly above the national average and are considering actions to address this.'],
	['2017-12', 'FA45',
		'92% of family assessments were completed within 45 working days in December, above target in every area team.\n\nThe Other Citywide Teams completed 31 of 49 in time: UASC assessments have been delayed by age assessments and interpreter availability, and the service manager is reviewing each late case.'],
	['2017-12', 'CASELOAD',
		'Caseloads were below target at 15 children. This is around the level required for good practice. However where there are part-time and newly qualified staff, some staff in those teams will have higher caseloads.\n\nFollowing recent two deaths of children, caseloads have risen in December, compounded by holiday period. We need to monitor this carefully and take action if it continues.'],
	['2017-12', 'CPP',
		'Our rate per 10,000 of children who are the subject of a child protection plan is still below the national average but, although there is variation month by month the number of plans has remained fairly stable, on average in the 900s for the last two years.\n\nThe Ofsted monitoring visit highlighted the issue of a third of CP plans ending at first review which we are now addressing.'],
	['2017-12', 'CPVISIT',
		'The standard is to see all children who are the subject of a child protection plan at least twice a month as this is a core social work activity. Visiting children on CP plans has increased significantly over last year, and we are now well above 90% on average, but performance dipped in December, probably because of holiday period.'],
	['2017-12', 'CIC',
		'The number of children and young people in care gradually reduced as intended in our improvement plan. Since April 2015 the number of unaccompanied asylum seeking children has increased to 151 and this has caused an overall increase in numbers of CIC in recent months.\n\nWe also have a number of children who came here to relatives from Calais who have subsequently come into care. Our numbers of children in care remain above the target set for the year, and recent adverse events are likely to increase numbers further.'],
	['2017-12', 'CLEET',
		'This indicator is looking at the employment/education position of care-leavers at 17, 18, 19, 20, and 21. This is a cumulative indicator. Last year 50% was achieved, about the national average but below the target set.\n\nThe DfE have changed this definition to include 17 and 18 year olds and this explains in part the change in our figures.'],
	['2017-12', 'ADOPTA2',
		'This indicator is a good measure of effectiveness of adoption process after Court has granted placement order. We are approaching our target, and November and December saw a significant improvement because no children waiting a long time were placed in this month, however we still have hard to place older children to match, so are unlikely to sustain this figure.'],
	['2017-12', 'ADOPTA1',
		'This national indicator looks back over the three last years and is therefore difficult to improve quickly. Also if we successfully place an older child who has been waiting a long time, it pushes our average up. We have gradually improved performance over time but are still above the national average.'],
	['2017-12', 'CINFAM',
		'87% of children in need and family support cases are being supported to live with their own family, above target and up from 82% over the previous six months. East is below target at 77%; its early help panel is reviewing the cases.'],
	['2017-12', 'SEENASS',
		'Children seen is a good proxy measure for quality of assessment. The focus on this indicator has led to substantial improvement a year ago and continued.'],
	['2017-12', 'SUPERV',
		'89% of staff had supervision recorded in December, up from 82% over the previous six months but still just below target. Team managers have been reminded to record supervision on the day it takes place.'],
	['2017-12', 'AGENCY',
		'Overall, in all established posts that require a social work qualification, we now have 119 agency social workers (down from 195 in March) and 8 grade 6 agency staff.\n\nAgency social workers are 15% of social work posts and agency team managers 8%.'],
];

// ---------------------------------------------------------------------------------------------
// CSV

type Field = string | number | null | undefined;

/** Quotes a field only when it holds a comma, a quote or a line break (quotes doubled). */
function csvField(x: Field): string {
	const s = x === null || x === undefined ? '' : String(x);
	return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function csv(header: string[], rows: Field[][]): string {
	return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\n') + '\n';
}

/** Whole numbers as they are; FTE sums to one decimal (they are sums of tenths). */
const num = (x: number | undefined): Field => (x === undefined ? '' : Number.isInteger(x) ? x : x.toFixed(1));

function derive(unit: string, c: Cell): number {
	if (unit === 'count') return c.n;
	if (unit === 'percent') return (100 * c.n) / c.d!;
	if (unit === 'rate_per_10k') return (10000 * c.n) / c.d!;
	return c.n / c.d!;
}

/** A few rows also carry the value (rounded to one decimal), as exports sometimes do. */
const WITH_VALUE = new Set(['2017-12 FA45 ALL', '2017-12 CPVISIT ALL', '2017-12 SEENASS ALL', '2017-12 AGENCY ALL', '2017-11 CIC ALL']);

export function makeSamples(): Record<string, string> {
	const workers = caseloads();
	const series: Record<string, Series> = {
		UNALLOC7: unalloc7(), REREF12: reref12(), FA45: fa45(), CASELOAD: caseloadSeries(workers), CPP: cpp(),
		CPVISIT: cpvisit(), CIC: cic(), CLEET: cleet(), ADOPTA2: adopta2(), ADOPTA1: adopta1(), CINFAM: cinfam(),
		SEENASS: seenass(), SUPERV: superv(), AGENCY: agency(),
	};

	const measures: Field[][] = [];
	MONTHS.forEach((period, m) => {
		for (const i of INDICATORS) {
			const s = series[i.code];
			for (const team of TEAM_ORDER.filter((t) => s[t])) {
				const c = s[team][m];
				const value = WITH_VALUE.has(`${period} ${i.code} ${team}`) ? derive(i.unit, c).toFixed(1) : '';
				measures.push([period, i.code, team, c.n, i.unit === 'count' ? '' : num(c.d), value]);
			}
		}
	});

	const benchmarks: Field[][] = [];
	MONTHS.forEach((period, m) => {
		for (const [code, n16, s16, n17, s17] of BENCHMARKS) {
			benchmarks.push([period, code, 'national', y17(m) ? n17 : n16]);
			benchmarks.push([period, code, 'statistical_neighbours', y17(m) ? s17 : s16]);
		}
	});

	return {
		'teams.csv': csv(['code', 'name', 'population'], TEAMS.map((t) => [t.code, t.name, t.population])),
		'indicators.csv': csv(
			['code', 'number', 'title', 'unit', 'polarity', 'target', 'amber', 'measure', 'definition'],
			INDICATORS.map((i) => [i.code, i.number, i.title, i.unit, i.polarity, i.target, i.amber, i.measure, i.definition]),
		),
		'measures.csv': csv(['period', 'indicator', 'team', 'numerator', 'denominator', 'value'], measures),
		'benchmarks.csv': csv(['period', 'indicator', 'benchmark', 'value'], benchmarks),
		'commentary.csv': csv(['period', 'indicator', 'text'], COMMENTARY),
		'caseloads.csv': csv(
			['period', 'team', 'service', 'worker', 'fte', 'caseload'],
			workers.map((w) => [w.period, w.team, w.service, w.worker, w.fte, w.caseload]),
		),
		'rebases.csv': csv(['period', 'indicator', 'reason'], [['2017-04', 'REREF12', 'New front-door model embedded']]),
	};
}

export const SAMPLES_README = `# Sample data

CSV files for the scorecard loader (formats: the "CSV formats" section of the top-level README).
\`npm install\` loads them into \`data/scorecard.db\`.

| file | what it holds |
|---|---|
| teams.csv | the five teams: three area teams with their mid-2016 population aged 0-17, and two citywide teams |
| indicators.csv | the 14 indicators of the monthly scorecard, with targets, amber bands and definitions |
| measures.csv | 24 months (2016-01 to 2017-12) of each indicator for the whole service (\`ALL\`) and, where the report breaks it down, for each team |
| benchmarks.csv | national and statistical neighbours averages (annual figures repeated monthly) |
| commentary.csv | commentary for December 2017 (every indicator) and a few for October and November 2017 |
| caseloads.csv | one row per social worker per month: team, service, FTE and caseload (worker references are made up) |
| rebases.csv | process changes that restart the SPC limits |

The December 2017 figures and the six-month figures (June-November 2017) that the December 2017
report states are taken from that report, as is most of the December 2017 commentary.
Everything else is plausible synthetic data: made up to look like a real service, not real.

Do not edit these files by hand: they are generated by \`scripts/make-samples.ts\` (deterministic,
seeded) and a test checks that they match it. To change them, change the script and run
\`npm run samples\`.
`;

export const SAMPLES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'data', 'samples');

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	const files = {...makeSamples(), 'README.md': SAMPLES_README};
	mkdirSync(SAMPLES_DIR, {recursive: true});
	for (const [name, text] of Object.entries(files)) writeFileSync(join(SAMPLES_DIR, name), text);
	console.log(`wrote ${Object.keys(files).length} files to ${SAMPLES_DIR}`);
}
