import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {before, describe, it} from 'node:test';
import {promisify} from 'node:util';
import {addMonths, formatPeriodShort} from '../source/domain/periods.js';
import {runLoad} from '../source/loader/load.js';
import {openStoreReadOnly, readIndicators} from '../source/store/queries.js';
import {readScorecard} from '../source/store/read-scorecard.js';
import {sampleStore} from './helpers/console.js';
import {tempDir} from './helpers/temp-store.js';
import {seededRandom} from '../scripts/seeded-random.js';
import {SEED, type Pair} from './fixtures/seed-2017-12.js';
import {escapeRegExp as re, SAMPLE, sampleFigure, sampleIndicator, sampleSpc, titleWords} from './helpers/sample.js';

// The scorecard computed from the sample store reproduces the December 2017 report.

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '..');

async function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
	try {
		const {stdout, stderr} = await run(process.execPath, ['--import', 'tsx', 'source/cli.tsx', ...args], {
			cwd: ROOT,
			env: {...process.env, ...env},
		});
		return {code: 0, stdout, stderr};
	} catch (error) {
		const failed = error as {code: number; stdout: string; stderr: string};
		return {code: failed.code, stdout: failed.stdout, stderr: failed.stderr};
	}
}

type JsonTeam = {team: string; value: number; numerator: number; denominator: number; rag: string};
type JsonIndicator = {
	code: string;
	number: number;
	value: number;
	numerator: number | null;
	denominator: number | null;
	target: number | null;
	rag: string;
	trend: string | null;
	previous6: number | null;
	benchmarks: Record<string, number>;
	commentary: string | null;
	teams: JsonTeam[];
	spc: null | {variation: string | null; assurance: string | null; too_few: {points: number; needed: number} | null; signals: Array<{period: string; rule: string; side: string; variation: string}>};
};

let db: string;
let json: {period: string; indicators: JsonIndicator[]};
const byCode = (code: string) => json.indicators.find(i => i.code === code)!;
const team = (code: string, t: string) => byCode(code).teams.find(x => x.team === t)!;
const percent = (pair: Pair) => (100 * pair.numerator) / pair.denominator;

before(async () => {
	db = await sampleStore();
	// The report's month, whatever months the sample holds after it.
	const result = await cli(['--db', db, '--json', '--month', SEED.period]);
	assert.equal(result.code, 0, result.stderr);
	json = JSON.parse(result.stdout) as typeof json;
});

// The oracle here is the December 2017 report itself (test/fixtures/seed-2017-12.ts): the sample
// reproduces its figures on purpose, and the console must compute them from the sample's rows.
describe('the December 2017 scorecard from the sample store', () => {
	it('is for the report\'s month and has all its indicators sorted by number', () => {
		assert.equal(json.period, SEED.period);
		assert.deepEqual(
			json.indicators.map(i => i.number),
			Array.from({length: SEED.indicators}, (_, i) => i + 1),
		);
	});

	it('reproduces family assessments: the city, each team, the six months before', () => {
		const fa = byCode('FA45');
		const seed = SEED.FA45;
		assert.equal(fa.numerator, seed.city.numerator);
		assert.equal(fa.denominator, seed.city.denominator);
		assert.equal(Math.round(fa.value), seed.percent);
		assert.equal(fa.value, Number(percent(seed.city).toFixed(2)));
		// 92% against 85%, higher is better.
		assert.equal(fa.rag, 'green');
		assert.equal(fa.target, seed.target);
		assert.equal(Math.round(fa.previous6!), seed.previous6Percent);
		assert.deepEqual(
			fa.teams.map(t => [t.team, t.numerator, t.denominator, Math.round(t.value)]),
			Object.entries(seed.teams).map(([code, t]) => [code, t.numerator, t.denominator, t.percent]),
		);
		// 63% is more than the 5-point amber band below 85%; 95% is above it.
		assert.equal(team('FA45', 'OTHER').rag, 'red');
		assert.equal(team('FA45', 'EAST').rag, 'green');
	});

	it('reproduces re-referrals against their target (lower is better) with the national benchmark', () => {
		const re = byCode('REREF12');
		const seed = SEED.REREF12;
		assert.equal(re.numerator, seed.city.numerator);
		assert.equal(re.denominator, seed.city.denominator);
		assert.equal(Math.round(re.value), seed.percent);
		// 22% against 24%, lower is better.
		assert.equal(re.rag, 'green');
		assert.equal(Math.round(re.previous6!), seed.previous6Percent);
		assert.equal(re.benchmarks['national'], seed.national);
	});

	it('reproduces child protection plans as a rate per 10,000 children', () => {
		const cpp = byCode('CPP');
		const seed = SEED.CPP;
		assert.equal(cpp.numerator, seed.city);
		assert.equal(Math.round(cpp.value), seed.per10k);
		// A context figure: no target, not rated.
		assert.equal(cpp.rag, 'none');
		for (const [code, t] of Object.entries(seed.teams)) assert.equal(Math.round(team('CPP', code).value), t.per10k, code);
	});

	it('reproduces visits (amber, worse than the six months before) and children seen', () => {
		const visits = byCode('CPVISIT');
		const seed = SEED.CPVISIT;
		assert.equal(visits.numerator, seed.city.numerator);
		assert.equal(visits.denominator, seed.city.denominator);
		// 88% against 90%: within the 5-point amber band, and down on November.
		assert.equal(visits.rag, 'amber');
		assert.equal(visits.trend, 'worsening');
		assert.equal(Math.round(visits.previous6!), seed.previous6Percent);
		assert.ok((visits.commentary ?? '').includes(seed.commentary), visits.commentary ?? '');
		const seen = byCode('SEENASS');
		assert.equal(seen.numerator, SEED.SEENASS.city.numerator);
		assert.equal(seen.denominator, SEED.SEENASS.city.denominator);
		assert.equal(Math.round(seen.previous6!), SEED.SEENASS.previous6Percent);
	});

	it('reproduces agency staff falling below their target', () => {
		const agency = byCode('AGENCY');
		assert.equal(Math.round(agency.value), SEED.AGENCY.percent);
		assert.equal(Math.round(agency.previous6!), SEED.AGENCY.previous6Percent);
		// 14% against 15%, lower is better, down from November.
		assert.equal(agency.rag, 'green');
		assert.equal(agency.trend, 'improving');
	});

	it('carries SPC per indicator and team, null where it does not apply', () => {
		// The report has no SPC: the verdicts are those of the sample's months by the domain's own rules.
		const verdicts = (spc: JsonIndicator['spc'] | undefined) => spc && {variation: spc.variation, assurance: spc.assurance, signals: spc.signals.map(s => [s.period, s.rule, s.side])};
		const expected = (code: string, teamCode?: string) => {
			const spc = sampleSpc(code, {team: teamCode, period: SEED.period});
			return spc && {variation: spc.variation, assurance: spc.assurance, signals: spc.signals.map(s => [s.period, s.rule, s.side])};
		};
		for (const indicator of json.indicators) {
			assert.deepEqual(verdicts(indicator.spc), expected(indicator.code), indicator.code);
			for (const each of indicator.teams as Array<JsonTeam & {spc?: JsonIndicator['spc']}>) assert.deepEqual(verdicts(each.spc), expected(indicator.code, each.team), `${indicator.code} ${each.team}`);
		}
		// Rolling and three-year figures: not applicable.
		for (const indicator of SAMPLE.indicators.filter(i => i.measure === 'rolling_12_months' || i.measure === 'three_year_average')) assert.equal(byCode(indicator.code).spc, null, indicator.code);
		assert.ok(json.indicators.some(i => i.spc?.signals.some(s => s.period === SEED.period)), 'some special cause in the month');
	});

	it('computes an earlier month with the target then in force', async () => {
		const connection = await openStoreReadOnly(db);
		// Six months before the newest.
		const earlier = SAMPLE.months.at(-7)!;
		try {
			const view = await readScorecard(connection, {period: earlier});
			assert.equal(view.scorecard.period, earlier);
			assert.equal(view.latest, SAMPLE.latest);
			const fa = view.scorecard.indicators.find(i => i.code === 'FA45')!;
			assert.equal(fa.series.at(-1)?.period, earlier);
			assert.equal(fa.series.length, SAMPLE.months.indexOf(earlier) + 1);
		} finally {
			await connection.close();
		}
	});
});

describe('scorecard --print and errors', () => {
	it('prints one line per indicator with no escape codes when stdout is not a terminal', async () => {
		const result = await cli(['--db', db, '--print']);
		assert.equal(result.code, 0);
		assert.ok(!result.stdout.includes('\u001B'), 'no escape codes');
		assert.ok(result.stdout.includes(SAMPLE.header), result.stdout);
		const lines = result.stdout.split('\n').filter(line => /^\s*\d+  \S/.test(line));
		assert.equal(lines.length, SAMPLE.indicators.length);
		const fa = sampleFigure('FA45');
		// The title as far as a printed row always has it (a long one is cut), then the figures.
		const fields = [titleWords('FA45'), fa.shown, fa.targetShown, fa.rag, fa.trend!, fa.previous6Shown];
		assert.match(lines[sampleIndicator('FA45').number - 1]!, new RegExp(fields.map(re).join('.*')));
	});

	it('prints the text scorecard when not started from a terminal, without --print', async () => {
		const result = await cli(['--db', db]);
		assert.equal(result.code, 0);
		assert.ok(result.stdout.includes(titleWords('FA45')), result.stdout);
	});

	it('prints a chosen month and refuses a month with no figures', async () => {
		const earlier = await cli(['--db', db, '--print', '--month', formatPeriodShort(SAMPLE.previous)]);
		assert.equal(earlier.code, 0);
		assert.ok(earlier.stdout.includes(`Scorecard ${SAMPLE.previousMonth}`), earlier.stdout);
		const before = addMonths(SAMPLE.first, -12);
		const none = await cli(['--db', db, '--print', '--month', before]);
		assert.equal(none.code, 1);
		assert.ok(none.stderr.includes(`no figures for ${before}`), none.stderr);
		assert.equal(none.stderr.trim().split('\n').length, 1);
		const bad = await cli(['--db', db, '--print', '--month', '2017-13']);
		assert.equal(bad.code, 2);
		assert.match(bad.stderr, /--month/);
	});

	it('refuses a missing store in one line, without creating it', async () => {
		const missing = path.join(tempDir(), 'nothing.db');
		const result = await cli(['--db', missing, '--print']);
		assert.equal(result.code, 1);
		assert.equal(result.stderr.trim().split('\n').length, 1);
		assert.match(result.stderr, /no store here/);
		assert.ok(!result.stderr.includes('    at '), 'no stack trace');
		assert.equal(fs.existsSync(missing), false);
	});

	it('refuses a file that is not a store, leaving it untouched', async () => {
		const file = path.join(tempDir(), 'notes.db');
		fs.writeFileSync(file, 'these are my notes\n');
		const result = await cli(['--db', file, '--print']);
		assert.equal(result.code, 1);
		assert.match(result.stderr, /not a scorecard store/);
		assert.equal(fs.readFileSync(file, 'utf8'), 'these are my notes\n');
	});

	it('finds the store through SCORECARD_DB', async () => {
		const result = await cli(['--print'], {SCORECARD_DB: db});
		assert.equal(result.code, 0);
		assert.ok(result.stdout.includes(SAMPLE.header), result.stdout);
	});
});

describe('the grid reads a window, not the whole history', () => {
	it('computes the same figures, series and SPC for the months it shows as a read of every figure', async () => {
		const dir = tempDir();
		const months = Array.from({length: 80}, (_, i) => addMonths('2011-01', i));
		const write = (name: string, lines: string[]) => {
			const file = path.join(dir, name);
			fs.writeFileSync(file, `${lines.join('\n')}\n`);
			return file;
		};
		const random = seededRandom(11);
		const measures = ['period,indicator,team,numerator,denominator,value'];
		for (const [i, period] of months.entries()) {
			for (const team of ['ALL', 'T1']) {
				const d = 200 + Math.floor(random() * 50);
				measures.push(`${period},P1,${team},${Math.floor(d * (0.8 + (i > 50 ? 0.06 : 0) + (random() - 0.5) * 0.1))},${d},`);
				measures.push(`${period},P2,${team},${Math.floor(10 + random() * 6 + i * 0.05)},,`);
				measures.push(`${period},P3,${team},${Math.floor(d * (0.6 + (i > 59 ? 0.1 : 0) + (random() - 0.5) * 0.08))},${d},`);
			}
		}
		const files = [
			write('teams.csv', ['code,name,population', 'T1,Team one,1000']),
			write('indicators.csv', [
				'code,number,title,unit,polarity,target,amber,measure,definition',
				'P1,1,First,percent,higher,80,5,monthly,A percentage',
				'P2,2,Second,count,lower,12,2,snapshot,A count',
				'P3,3,Third,percent,higher,70,5,monthly,Rebased',
			]),
			write('measures.csv', measures),
			write('rebases.csv', ['period,indicator,reason', `${months[60]},P3,New process`]),
		];
		const db = path.join(dir, 'long.db');
		const loaded = await runLoad({db, files, now: new Date('2018-01-15')});
		assert.ok(loaded.ok, loaded.ok ? '' : loaded.errors.join('\n'));
		const connection = await openStoreReadOnly(db);
		try {
			// Each row carries its definition's every field (the domain names them one by one, for speed).
			const defs = await readIndicators(connection);
			const rows = (await readScorecard(connection)).scorecard.indicators;
			assert.equal(rows.length, defs.length);
			for (const def of defs) {
				const row = rows.find(r => r.code === def.code)!;
				for (const [key, value] of Object.entries(def)) assert.deepEqual(row[key as keyof typeof row], value, `${def.code} ${key}`);
			}
			for (const period of [months.at(-1)!, months[65]!, months[20]!]) {
				const grid = await readScorecard(connection, {period});
				const whole = await readScorecard(connection, {period, full: true});
				for (const shown of grid.scorecard.indicators) {
					const all = whole.scorecard.indicators.find(i => i.code === shown.code)!;
					const from = shown.series[0]!.period;
					assert.ok(shown.series.length <= 36);
					assert.deepEqual(shown.series, all.series.filter(p => p.period >= from), `${period} ${shown.code} series`);
					for (const key of ['value', 'numerator', 'denominator', 'rag', 'trend', 'previous6'] as const) assert.deepEqual(shown[key], all[key], `${period} ${shown.code} ${key}`);
					assert.ok(shown.spc && all.spc);
					const view = (spc: NonNullable<typeof shown.spc>) => ({
						limits: [spc.mean, spc.upper, spc.lower, spc.withheld, spc.variation, spc.assurance, spc.latest],
						points: spc.points.filter(p => p.period >= from).map(p => [p.period, p.rule, p.side, p.upper]),
						signals: spc.signals.filter(p => p.period >= from),
					});
					assert.deepEqual(view(shown.spc), view(all.spc), `${period} ${shown.code} spc`);
				}
			}
		} finally {
			await connection.close();
		}
	});
});
