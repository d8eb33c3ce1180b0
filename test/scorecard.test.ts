import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {before, describe, it} from 'node:test';
import {promisify} from 'node:util';
import {addMonths} from '../source/domain/periods.js';
import {runLoad} from '../source/loader/load.js';
import {openStoreReadOnly} from '../source/store/queries.js';
import {readScorecard} from '../source/store/read-scorecard.js';
import {sampleStore} from './helpers/console.js';
import {tempDir} from './helpers/temp-store.js';
import {seededRandom} from '../scripts/seeded-random.js';

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

before(async () => {
	db = await sampleStore();
	const result = await cli(['--db', db, '--json']);
	assert.equal(result.code, 0, result.stderr);
	json = JSON.parse(result.stdout) as typeof json;
});

describe('the December 2017 scorecard from the sample store', () => {
	it('is for the newest month and has all 14 indicators sorted by number', () => {
		assert.equal(json.period, '2017-12');
		assert.deepEqual(
			json.indicators.map(i => i.number),
			Array.from({length: 14}, (_, i) => i + 1),
		);
	});

	it('reproduces family assessments: 92% overall, 95% EAST, 63% other citywide', () => {
		const fa = byCode('FA45');
		assert.equal(fa.numerator, 923);
		assert.equal(fa.denominator, 1001);
		assert.equal(Math.round(fa.value), 92);
		assert.equal(fa.value, 92.21);
		assert.equal(fa.rag, 'green');
		assert.equal(fa.target, 85);
		assert.equal(Math.round(fa.previous6!), 90);
		assert.deepEqual(
			fa.teams.map(t => [t.team, t.numerator, t.denominator, Math.round(t.value)]),
			[
				['EAST', 340, 359, 95],
				['NWC', 274, 291, 94],
				['SOUTH', 270, 294, 92],
				['DCSC', 8, 8, 100],
				['OTHER', 31, 49, 63],
			],
		);
		assert.equal(team('FA45', 'OTHER').rag, 'red');
		assert.equal(team('FA45', 'EAST').rag, 'green');
	});

	it('reproduces re-referrals 22% against 24% (lower is better) with the national benchmark', () => {
		const re = byCode('REREF12');
		assert.equal(re.numerator, 268);
		assert.equal(re.denominator, 1234);
		assert.equal(Math.round(re.value), 22);
		assert.equal(re.rag, 'green');
		assert.equal(Math.round(re.previous6!), 24);
		assert.equal(re.benchmarks['national'], 22);
	});

	it('reproduces child protection plans as a rate per 10,000 children', () => {
		const cpp = byCode('CPP');
		assert.equal(cpp.numerator, 972);
		assert.equal(Math.round(cpp.value), 34);
		assert.equal(cpp.rag, 'none');
		assert.equal(Math.round(team('CPP', 'EAST').value), 26);
		assert.equal(Math.round(team('CPP', 'NWC').value), 28);
		assert.equal(Math.round(team('CPP', 'SOUTH').value), 50);
	});

	it('reproduces visits (88%, amber, worse than the 94% average) and children seen (94%)', () => {
		const visits = byCode('CPVISIT');
		assert.equal(visits.numerator, 770);
		assert.equal(visits.denominator, 879);
		assert.equal(visits.rag, 'amber');
		assert.equal(visits.trend, 'worsening');
		assert.equal(Math.round(visits.previous6!), 94);
		assert.match(visits.commentary ?? '', /holiday period/);
		const seen = byCode('SEENASS');
		assert.equal(seen.numerator, 906);
		assert.equal(seen.denominator, 964);
		assert.equal(Math.round(seen.previous6!), 94);
	});

	it('reproduces agency staff falling to 14% against 15%, from 19%', () => {
		const agency = byCode('AGENCY');
		assert.equal(Math.round(agency.value), 14);
		assert.equal(Math.round(agency.previous6!), 19);
		assert.equal(agency.rag, 'green');
		assert.equal(agency.trend, 'improving');
	});

	it('carries SPC per indicator and team, null where it does not apply', () => {
		assert.equal(byCode('CPVISIT').spc?.variation, 'concern');
		assert.ok(byCode('CPVISIT').spc?.signals.some(s => s.period === '2017-12' && s.rule === 'limit'));
		assert.equal(byCode('CIC').spc?.assurance, 'fail');
		assert.ok(byCode('SEENASS').spc?.signals.some(s => s.rule === 'shift'));
		assert.equal(byCode('ADOPTA2').spc, null, 'rolling 12 months: not applicable');
		assert.equal(byCode('ADOPTA1').spc, null, '3-year average: not applicable');
		const other = team('FA45', 'OTHER') as JsonTeam & {spc: {variation: string; signals: Array<{rule: string}>}};
		assert.equal(other.spc.variation, 'concern');
		assert.ok(other.spc.signals.some(s => s.rule === 'two_of_three'));
	});

	it('computes an earlier month with the target then in force', async () => {
		const connection = await openStoreReadOnly(db);
		try {
			const view = await readScorecard(connection, {period: '2017-06'});
			assert.equal(view.scorecard.period, '2017-06');
			assert.equal(view.latest, '2017-12');
			const fa = view.scorecard.indicators.find(i => i.code === 'FA45')!;
			assert.equal(fa.series.at(-1)?.period, '2017-06');
			assert.equal(fa.series.length, 18);
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
		assert.match(result.stdout, /Scorecard Dec 2017/);
		const lines = result.stdout.split('\n').filter(line => /^\s*\d+  \S/.test(line));
		assert.equal(lines.length, 14);
		assert.match(lines[2]!, /Family assessments.*92%.*85%.*green.*same.*90%/);
	});

	it('prints the text scorecard when not started from a terminal, without --print', async () => {
		const result = await cli(['--db', db]);
		assert.equal(result.code, 0);
		assert.match(result.stdout, /Family assessments/);
	});

	it('prints a chosen month and refuses a month with no figures', async () => {
		const earlier = await cli(['--db', db, '--print', '--month', 'Nov-17']);
		assert.equal(earlier.code, 0);
		assert.match(earlier.stdout, /Scorecard Nov 2017/);
		const none = await cli(['--db', db, '--print', '--month', '2015-01']);
		assert.equal(none.code, 1);
		assert.match(none.stderr, /no figures for 2015-01/);
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
		assert.match(result.stdout, /Scorecard Dec 2017/);
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
