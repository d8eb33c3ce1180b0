// The committed sample CSVs are exactly what scripts/make-samples.ts generates, and they reproduce
// the December 2017 report (and its six-month figures) when computed from the rows.
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, it} from 'node:test';
import {parse} from 'csv-parse/sync';
import {MONTHS, SAMPLES_DIR, SAMPLES_README, makeSamples} from '../scripts/make-samples.ts';
import {SEED} from './fixtures/seed-2017-12.ts';

type Rec = Record<string, string>;

const files = makeSamples();
const table = (name: string): Rec[] => parse(files[name]!, {columns: true}) as Rec[];

const teams = table('teams.csv');
const indicators = table('indicators.csv');
const measures = table('measures.csv');
const caseloads = table('caseloads.csv');
const benchmarks = table('benchmarks.csv');
const commentary = table('commentary.csv');

const population: Record<string, number> = Object.fromEntries(
	teams.filter((t) => t.population !== '').map((t) => [t.code, Number(t.population)]),
);
population.ALL = Object.values(population).reduce((a, b) => a + b, 0);
const unitOf: Record<string, string> = Object.fromEntries(indicators.map((i) => [i.code, i.unit]));

type Point = {n: number; d: number; value: number; given: string};

/** A month's figure by the README's rules: percent 100n/d, rate 10000n/d (blank d: population), days/average n/d, count n. */
function point(indicator: string, team: string, period: string): Point {
	const row = measures.find((r) => r.indicator === indicator && r.team === team && r.period === period);
	assert.ok(row, `no row ${period} ${indicator} ${team}`);
	const unit = unitOf[indicator]!;
	const n = Number(row.numerator);
	const d = row.denominator === '' ? (unit === 'rate_per_10k' ? population[team]! : NaN) : Number(row.denominator);
	const value =
		unit === 'count' ? n : unit === 'percent' ? (100 * n) / d : unit === 'rate_per_10k' ? (10000 * n) / d : n / d;
	return {n, d, value, given: row.value!};
}

const series = (indicator: string, team = 'ALL'): number[] => MONTHS.map((p) => point(indicator, team, p).value);
const at = (indicator: string, m: number, team = 'ALL'): Point => point(indicator, team, MONTHS[m]!);
const DEC17 = 23;
const PREV6 = [17, 18, 19, 20, 21, 22];
const pooled = (indicator: string, team = 'ALL'): {n: number; d: number} => ({
	n: PREV6.reduce((s, m) => s + at(indicator, m, team).n, 0),
	d: PREV6.reduce((s, m) => s + at(indicator, m, team).d, 0),
});
const pct = (x: {n: number; d: number}): number => (100 * x.n) / x.d;

/** XmR limits from the first 12 points, as the console does (NHS "Making Data Count"). */
/** XmR limits from every month, as the console computes them (Making Data Count's tool). */
function xmr(values: number[]): {mean: number; lower: number; upper: number; nearLower: number} {
	const base = values;
	const mean = base.reduce((a, b) => a + b, 0) / base.length;
	let mr = 0;
	for (let i = 1; i < base.length; i++) mr += Math.abs(base[i]! - base[i - 1]!);
	mr /= base.length - 1;
	return {mean, lower: mean - 2.66 * mr, upper: mean + 2.66 * mr, nearLower: mean - (2 / 3) * 2.66 * mr};
}

/** [n, d] exactly, for Dec-17. */
function assertPair(indicator: string, team: string, n: number, d: number): void {
	const p = at(indicator, DEC17, team);
	assert.deepEqual([p.n, p.d], [n, d], `${indicator} ${team} Dec-17`);
}

/** The report's numerator and denominator, for Dec-17. */
function assertSeedPair(indicator: string, team: string, pair: {numerator: number; denominator: number}): void {
	assertPair(indicator, team, pair.numerator, pair.denominator);
}

const pairOf = (pair: {numerator: number; denominator: number}) => ({n: pair.numerator, d: pair.denominator});

describe('committed samples', () => {
	it('equal a fresh generation', () => {
		for (const [name, text] of Object.entries(files)) {
			assert.equal(readFileSync(join(SAMPLES_DIR, name), 'utf8'), text, `${name} is stale: run npm run samples`);
		}
		assert.equal(readFileSync(join(SAMPLES_DIR, 'README.md'), 'utf8'), SAMPLES_README);
	});

	it('are generated the same way twice', () => {
		assert.deepEqual(makeSamples(), files);
	});

	it('are LF-only CSV with the README header first', () => {
		const headers: Record<string, string> = {
			'teams.csv': 'code,name,population',
			'indicators.csv': 'code,number,title,unit,polarity,target,amber,measure,definition',
			'measures.csv': 'period,indicator,team,numerator,denominator,value',
			'benchmarks.csv': 'period,indicator,benchmark,value',
			'commentary.csv': 'period,indicator,text',
			'caseloads.csv': 'period,team,service,worker,fte,caseload',
			'rebases.csv': 'period,indicator,reason',
		};
		assert.deepEqual(Object.keys(files).sort(), Object.keys(headers).sort());
		for (const [name, text] of Object.entries(files)) {
			assert.ok(text.startsWith(headers[name]! + '\n'), name);
			assert.ok(!text.includes('\r') && text.endsWith('\n'), name);
		}
	});
});

describe('shape', () => {
	it('has the five teams, never ALL', () => {
		// The report's three area teams with their population, then the two citywide teams.
		assert.deepEqual(
			teams.map((t) => [t.code, t.population]),
			[...Object.entries(SEED.population).map(([code, people]) => [code, String(people)]), ['DCSC', ''], ['OTHER', '']],
		);
	});

	it('has 24 months x 14 indicators x their teams, an ALL row for each', () => {
		assert.deepEqual(MONTHS.slice(0, 1).concat(MONTHS.slice(-1)), ['2016-01', SEED.period]);
		assert.equal(indicators.length, SEED.indicators);
		assert.deepEqual(indicators.map((i) => Number(i.number)), Array.from({length: SEED.indicators}, (_, i) => i + 1));
		const expected: Record<string, string[]> = {
			UNALLOC7: ['ALL', 'EAST', 'NWC', 'SOUTH', 'DCSC', 'OTHER'],
			REREF12: ['ALL'],
			FA45: ['ALL', 'EAST', 'NWC', 'SOUTH', 'DCSC', 'OTHER'],
			CASELOAD: ['ALL', 'EAST', 'NWC', 'SOUTH', 'OTHER'],
			CPP: ['ALL', 'EAST', 'NWC', 'SOUTH'],
			CPVISIT: ['ALL'],
			CIC: ['ALL', 'EAST', 'NWC', 'SOUTH'],
			CLEET: ['ALL'],
			ADOPTA2: ['ALL'],
			ADOPTA1: ['ALL'],
			CINFAM: ['ALL', 'EAST', 'NWC', 'SOUTH', 'DCSC'],
			SEENASS: ['ALL'],
			SUPERV: ['ALL'],
			AGENCY: ['ALL'],
		};
		assert.deepEqual(indicators.map((i) => i.code), Object.keys(expected));
		for (const period of MONTHS) {
			for (const [code, want] of Object.entries(expected)) {
				const got = measures.filter((r) => r.period === period && r.indicator === code).map((r) => r.team);
				assert.deepEqual(got, want, `${period} ${code}`);
			}
		}
		const perMonth = Object.values(expected).reduce((s, t) => s + t.length, 0);
		assert.equal(measures.length, 24 * perMonth);
	});

	it('gives numerator and denominator (count: numerator only), value only where it agrees', () => {
		for (const r of measures) {
			const unit = unitOf[r.indicator]!;
			assert.match(r.numerator!, /^\d+$/);
			if (unit === 'count') assert.equal(r.denominator, '');
			else assert.match(r.denominator!, /^\d+(\.\d)?$/);
			if (r.value !== '') {
				const p = point(r.indicator!, r.team!, r.period!);
				assert.equal(Number(r.value).toFixed(1), p.value.toFixed(1), `${r.period} ${r.indicator} ${r.team}`);
			}
		}
		assert.ok(measures.filter((r) => r.value !== '').length >= 3);
	});

	it('makes the city the sum of its teams (except CPP, whose citywide plans have no population)', () => {
		for (const code of Object.keys(unitOf).filter((c) => c !== 'CPP')) {
			for (const period of MONTHS) {
				const rows = measures.filter((r) => r.period === period && r.indicator === code);
				const parts = rows.filter((r) => r.team !== 'ALL');
				if (parts.length === 0) continue;
				const all = rows.find((r) => r.team === 'ALL')!;
				const total = (k: 'numerator' | 'denominator'): number => parts.reduce((s, r) => s + Number(r[k] || 0), 0);
				assert.equal(total('numerator'), Number(all.numerator), `${period} ${code} numerator`);
				assert.ok(Math.abs(total('denominator') - Number(all.denominator || 0)) < 1e-6, `${period} ${code} denominator`);
			}
		}
	});
});

describe('December 2017 and the six months before', () => {
	it('UNALLOC7: 1 (0/1/0/0/0), Jun-Nov average 3', () => {
		assert.equal(at('UNALLOC7', DEC17).n, SEED.UNALLOC7.city);
		assert.deepEqual(Object.keys(SEED.UNALLOC7.teams).map((t) => at('UNALLOC7', DEC17, t).n), Object.values(SEED.UNALLOC7.teams));
		assert.equal(pooled('UNALLOC7').n / 6, SEED.UNALLOC7.previous6Average);
	});

	it('REREF12: 268 of 1,234; Jun-Nov 1,596 of 6,671', () => {
		assertSeedPair('REREF12', 'ALL', SEED.REREF12.city);
		assert.deepEqual(pooled('REREF12'), pairOf(SEED.REREF12.previous6));
	});

	it('FA45: 923 of 1,001 and the team breakdown; Jun-Nov 6,618 of 7,332', () => {
		assertSeedPair('FA45', 'ALL', SEED.FA45.city);
		for (const [team, pair] of Object.entries(SEED.FA45.teams)) assertSeedPair('FA45', team, pair);
		assert.deepEqual(pooled('FA45'), pairOf(SEED.FA45.previous6));
		assert.equal(Math.round(pct(pooled('FA45'))), SEED.FA45.previous6Percent);
	});

	it('FA45 OTHER: October and December near the lower limit (2 of 3), inside it', () => {
		const other = series('FA45', 'OTHER');
		const limits = xmr(other);
		for (const m of [21, DEC17]) {
			assert.ok(other[m]! < limits.nearLower && other[m]! > limits.lower, `${MONTHS[m]} ${other[m]} vs ${JSON.stringify(limits)}`);
		}
		assert.ok(other[22]! > limits.nearLower);
		assert.ok(Math.abs(limits.mean - 80) < 2);
	});

	it('CASELOAD: what caseloads.csv gives; about 15 in December, up on November', () => {
		const services = new Set(['assessment', 'safeguarding', 'children_in_care']);
		for (const period of MONTHS) {
			for (const r of measures.filter((x) => x.period === period && x.indicator === 'CASELOAD')) {
				const mine = caseloads.filter(
					(w) => w.period === period && services.has(w.service!) && (r.team === 'ALL' || w.team === r.team),
				);
				assert.equal(Number(r.numerator), mine.reduce((s, w) => s + Number(w.caseload), 0), `${period} ${r.team}`);
				const fte = mine.reduce((s, w) => s + Math.round(Number(w.fte) * 10), 0) / 10;
				assert.ok(Math.abs(Number(r.denominator) - fte) < 1e-9, `${period} ${r.team}`);
			}
		}
		const values = series('CASELOAD');
		assert.equal(Math.round(values[DEC17]!), SEED.CASELOAD.about);
		assert.ok(values[DEC17]! > values[22]!);
		for (const v of values.slice(12)) assert.ok(v >= 13.5 && v < 15.5, String(v));
	});

	it('CPP: 972 (34 per 10K); 282/312/344 (26/28/50); Mar-17 988; in the 900s throughout', () => {
		const people = SEED.population;
		assertPair('CPP', 'ALL', SEED.CPP.city, people.EAST + people.NWC + people.SOUTH);
		for (const [team, t] of Object.entries(SEED.CPP.teams)) assertPair('CPP', team, t.plans, people[team as keyof typeof people]);
		assert.deepEqual(
			['ALL', ...Object.keys(SEED.CPP.teams)].map((t) => Math.round(at('CPP', DEC17, t).value)),
			[SEED.CPP.per10k, ...Object.values(SEED.CPP.teams).map((t) => t.per10k)],
		);
		const march = MONTHS.indexOf(SEED.CPP.march.period);
		assert.equal(at('CPP', march).n, SEED.CPP.march.plans);
		assert.equal(Math.round(at('CPP', march).value), SEED.CPP.march.per10k);
		for (const m of MONTHS.keys()) assert.ok(at('CPP', m).n >= 900 && at('CPP', m).n < 1000);
	});

	it('CPVISIT: 770 of 879; Jun-Nov 801 of 855 a month; December below the 2016 lower limit', () => {
		assertSeedPair('CPVISIT', 'ALL', SEED.CPVISIT.city);
		assert.deepEqual(pooled('CPVISIT'), pairOf(SEED.CPVISIT.previous6));
		const values = series('CPVISIT');
		assert.ok(values[DEC17]! < xmr(values).lower, `${values[DEC17]} vs ${xmr(values).lower}`);
		for (const v of values.slice(12, DEC17)) assert.ok(v >= 92.5 && v <= 95.5, String(v));
	});

	it('CIC: 62-66 per 10K, easing; the target 55 lies below the lower limit (consistently failing)', () => {
		const values = series('CIC');
		for (const v of values) assert.ok(v >= 62 && v <= 66, String(v));
		assert.ok(values[DEC17]! < values[0]!);
		assert.ok(xmr(values).lower > 55);
	});

	it('CLEET about 50%; adoption figures in range and improving', () => {
		for (const v of series('CLEET')) assert.ok(v > 45 && v < 55);
		const a2 = series('ADOPTA2');
		for (const v of a2.slice(0, 22)) assert.ok(v >= 180 && v <= 220, String(v));
		assert.ok(a2[22]! < a2[21]! && a2[DEC17]! < a2[22]! && a2[DEC17]! > 121);
		const a1 = series('ADOPTA1');
		for (const v of a1) assert.ok(v >= 515 && v <= 565, String(v));
		assert.ok(a1[DEC17]! < a1[0]!);
		for (const m of MONTHS.keys()) {
			assert.ok(at('ADOPTA2', m).d >= 25 && at('ADOPTA2', m).d <= 35);
			assert.ok(at('ADOPTA1', m).d >= 90 && at('ADOPTA1', m).d <= 110);
		}
	});

	it('CINFAM: 87% (areas 77/89/85); Jun-Nov 82%', () => {
		assert.deepEqual(
			['ALL', ...Object.keys(SEED.CINFAM.teams)].map((t) => Math.round(at('CINFAM', DEC17, t).value)),
			[SEED.CINFAM.percent, ...Object.values(SEED.CINFAM.teams)],
		);
		assert.equal(Math.round(pct(pooled('CINFAM'))), SEED.CINFAM.previous6Percent);
	});

	it('SEENASS: 906 of 964; Jun-Nov 1,101 of 1,169 a month; a shift up from mid-2016', () => {
		assertSeedPair('SEENASS', 'ALL', SEED.SEENASS.city);
		assert.deepEqual(pooled('SEENASS'), pairOf(SEED.SEENASS.previous6));
		const values = series('SEENASS');
		for (const v of values.slice(0, 6)) assert.ok(v >= 83.5 && v <= 88, String(v));
		for (const v of values.slice(6)) assert.ok(v >= 91.5 && v <= 95.5, String(v));
		const {mean} = xmr(values);
		let run = 0;
		for (const v of values) run = v > mean ? run + 1 : 0;
		assert.ok(run >= 7, `run of ${run} above ${mean}`);
	});

	it('SUPERV: 747 of 839 (89%); Jun-Nov 82%', () => {
		assertPair('SUPERV', 'ALL', 747, SEED.SUPERV.staff);
		assert.equal(Math.round(at('SUPERV', DEC17).value), SEED.SUPERV.percent);
		assert.equal(Math.round(pct(pooled('SUPERV'))), SEED.SUPERV.previous6Percent);
		for (const m of MONTHS.keys()) assert.ok(at('SUPERV', m).d >= 815 && at('SUPERV', m).d <= 845);
	});

	it('AGENCY: 127 of 907 (14.0%); Jun-Nov 19%; falling 7+ months to December', () => {
		assertPair('AGENCY', 'ALL', 127, 907);
		assert.equal(at('AGENCY', DEC17).value.toFixed(1), SEED.AGENCY.percent.toFixed(1));
		assert.equal(Math.round(pct(pooled('AGENCY'))), SEED.AGENCY.previous6Percent);
		const values = series('AGENCY');
		let run = 1;
		for (let m = DEC17; m > 0 && values[m]! < values[m - 1]!; m--) run++;
		assert.ok(run >= 7, `falling run of ${run}`);
	});
});

describe('caseloads, benchmarks, commentary, rebases', () => {
	it('caseloads: unique keys, valid fte and caseloads, ~280-320 workers, stable refs', () => {
		const keys = new Set(caseloads.map((w) => `${w.period}|${w.team}|${w.service}|${w.worker}`));
		assert.equal(keys.size, caseloads.length);
		const home = new Map<string, string>();
		for (const w of caseloads) {
			const fte = Number(w.fte);
			assert.ok(fte > 0 && fte <= 1);
			assert.match(w.caseload!, /^\d+$/);
			assert.ok(Number(w.caseload) <= 30);
			assert.match(w.worker!, /^W\d{5}$/);
			const where = `${w.team}|${w.service}|${w.fte}`;
			assert.equal(home.get(w.worker!) ?? where, where, `${w.worker} moved`);
			home.set(w.worker!, where);
		}
		for (const period of MONTHS) {
			const count = caseloads.filter((w) => w.period === period).length;
			assert.ok(count >= 280 && count <= 320, `${period}: ${count}`);
		}
		const over20 = (p: string): number => caseloads.filter((w) => w.period === p && Number(w.caseload) > 20).length;
		assert.ok(over20('2017-12') > over20('2017-11'));
		assert.ok(new Set(caseloads.map((w) => w.worker)).size > 300, 'some joiners and leavers');
	});

	it('benchmarks: a value every month for each benchmarked indicator, none for SEENASS', () => {
		for (const code of ['REREF12', 'FA45', 'CASELOAD', 'CPP', 'CIC', 'CLEET', 'ADOPTA1']) {
			for (const period of MONTHS) {
				const got = benchmarks.filter((b) => b.indicator === code && b.period === period).map((b) => b.benchmark);
				assert.deepEqual(got, ['national', 'statistical_neighbours'], `${period} ${code}`);
			}
		}
		const dec = (code: string, b: string): number =>
			Number(benchmarks.find((x) => x.period === '2017-12' && x.indicator === code && x.benchmark === b)!.value);
		assert.deepEqual([dec('REREF12', 'national'), dec('REREF12', 'statistical_neighbours')], [SEED.REREF12.national, SEED.REREF12.neighbours]);
		assert.deepEqual([dec('CASELOAD', 'national'), dec('CASELOAD', 'statistical_neighbours')], [SEED.CASELOAD.national, SEED.CASELOAD.neighbours]);
		assert.ok(!benchmarks.some((b) => b.indicator === 'SEENASS'));
	});

	it('commentary: every indicator in December 2017, some multi-paragraph, some earlier months', () => {
		const dec = commentary.filter((c) => c.period === '2017-12');
		assert.deepEqual(dec.map((c) => c.indicator).sort(), Object.keys(unitOf).sort());
		assert.ok(dec.some((c) => c.text!.includes('\n')));
		assert.ok(dec.find((c) => c.indicator === 'CPVISIT')!.text!.includes(SEED.CPVISIT.commentary));
		assert.ok(commentary.some((c) => c.period === '2017-11') && commentary.some((c) => c.period === '2017-10'));
	});

	it('rebases: REREF12 from April 2017 only (SEENASS keeps its shift)', () => {
		assert.equal(files['rebases.csv'], 'period,indicator,reason\n2017-04,REREF12,New front-door model embedded\n');
	});
});
