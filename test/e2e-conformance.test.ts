// The conformance corpus end to end: each Making Data Count series (and the peers' series and
// assurance cases) written as the team's CSV files, loaded by the built loader into a real store
// with a settings file and typed rebases, then read back from the built console's --json. The
// references are the oracle: the point colours, the assurance verdicts, no verdict at 12 points or
// fewer (spc-conformance.test.ts runs the same cases through the engine directly).
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import path from 'node:path';
import {before, describe, it} from 'node:test';
import {colourOf, LAST_MONTH, readMdcCorpus, type Colour} from './helpers/conformance.js';
import {assertBuilt, cleanEnv} from './helpers/pty.js';
import {months, peerValues, readPeers, seriesWithLimits} from './helpers/peers.js';
import {tempDir, writeCsv} from './helpers/temp-store.js';
import {addMonths} from '../source/domain/periods.js';
import type {Polarity} from '../source/domain/types.js';

const ROOT = path.resolve(import.meta.dirname, '..');

function run(script: string, args: string[]): Promise<string> {
	return new Promise((resolve, reject) => {
		execFile(process.execPath, [path.join(ROOT, 'dist', script), ...args], {env: cleanEnv(), maxBuffer: 64 * 1024 * 1024}, (error, stdout, stderr) =>
			error ? reject(new Error(`${script} ${args.join(' ')}: ${error.message}\n${stderr}\n${stdout}`)) : resolve(stdout),
		);
	});
}

type SpcJson = {
	mean: number;
	upper: number | null;
	lower: number | null;
	method: string;
	variation: string | null;
	assurance: string | null;
	too_few: {points: number; needed: number} | null;
	signals: Array<{period: string; rule: string; side: 'high' | 'low'; variation: 'improvement' | 'concern' | 'neutral'}>;
};
type IndicatorJson = {code: string; title: string; spc: SpcJson | null};

/** A CSV field, quoted when it must be. */
const field = (value: string | number | null): string => {
	const text = value === null ? '' : String(value);
	return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

type Series = {code: string; title: string; polarity: Polarity; target: number | null; periods: string[]; values: number[]; rebases?: Array<{period: string; type: string}>};

/** Loads the series into a new store (with a settings file), and returns --json's indicators by code. */
async function loadAndRead(series: Series[], settings: Record<string, number>): Promise<Map<string, IndicatorJson>> {
	const dir = tempDir('scorecard-conformance-');
	const db = path.join(dir, 'conformance.db');
	const files = [
		writeCsv(dir, 'teams.csv', 'code,name,population\nEAST,East,1000\n'),
		writeCsv(
			dir,
			'indicators.csv',
			['code,number,title,unit,polarity,target,amber,measure,definition', ...series.map((s, i) => [s.code, i + 1, s.title, 'average', s.polarity, s.target, null, 'monthly', 'A conformance case'].map(field).join(','))].join('\n') + '\n',
		),
		writeCsv(
			dir,
			'measures.csv',
			['period,indicator,team,numerator,denominator,value', ...series.flatMap(s => s.values.map((value, i) => [s.periods[i]!, s.code, 'ALL', null, null, value].map(field).join(',')))].join('\n') + '\n',
		),
		writeCsv(dir, 'rebases.csv', ['period,indicator,reason,type', ...series.flatMap(s => (s.rebases ?? []).map(r => [r.period, s.code, 'from the reference', r.type].map(field).join(',')))].join('\n') + '\n'),
		writeCsv(dir, 'settings.csv', ['setting,value', ...Object.entries(settings).map(([name, value]) => `${name},${value}`)].join('\n') + '\n'),
	];
	await run('load.js', ['--db', db, ...files]);
	const json = JSON.parse(await run('cli.js', ['--db', db, '--json', '--month', LAST_MONTH])) as {settings: Record<string, unknown>; indicators: IndicatorJson[]};
	for (const [name, value] of Object.entries(settings)) assert.equal(json.settings[name], value, `the store's ${name}`);
	return new Map(json.indicators.map(indicator => [indicator.code, indicator]));
}

/** Each point's colour from --json's signals (a month with no signal is grey). */
function colours(spc: SpcJson, periods: string[]): Colour[] {
	const byPeriod = new Map(spc.signals.map(signal => [signal.period, signal.variation]));
	return periods.map(period => colourOf(byPeriod.get(period) ?? null));
}

describe('Making Data Count v5.0 conformance, through the loader and --json', () => {
	const {settings, cases} = readMdcCorpus();
	let read = new Map<string, IndicatorJson>();

	before(async () => {
		assertBuilt();
		read = await loadAndRead(
			cases.map(c => ({code: c.code, title: c.name, polarity: c.polarity, target: c.target, periods: c.periods, values: c.values, rebases: c.rebases})),
			settings,
		);
	});

	it('at least 99% of the point colours agree (764 of 765: the one known difference, see spc-conformance.test.ts)', () => {
		let agree = 0;
		let total = 0;
		const differ: string[] = [];
		for (const c of cases.filter(each => each.primary)) {
			const spc = read.get(c.code)!.spc!;
			colours(spc, c.periods).forEach((colour, i) => {
				total++;
				if (colour === c.colours[i]) agree++;
				else differ.push(`${c.name}#${i + 1}`);
			});
		}
		assert.equal(total, 765);
		assert.deepEqual(differ, ['Special cause conflict - High is good#15']);
		assert.ok(agree / total >= 0.99);
	});

	it('signals carry side and variation: blue is improvement, orange concern, purple neither', () => {
		for (const c of cases) {
			for (const signal of read.get(c.code)!.spc!.signals) {
				assert.ok(signal.side === 'high' || signal.side === 'low', `${c.name} ${signal.period}`);
				const expected = c.polarity === 'none' ? 'neutral' : (signal.side === 'high') === (c.polarity === 'higher') ? 'improvement' : 'concern';
				// A conflict point shows improvement whichever side won.
				if (signal.variation !== 'improvement') assert.equal(signal.variation, expected, `${c.name} ${signal.period}`);
			}
		}
	});

	it('every assurance case', () => {
		const assured = cases.filter(c => c.assurance !== undefined);
		assert.equal(assured.length, 12);
		for (const c of assured) assert.equal(read.get(c.code)!.spc!.assurance, c.assurance, c.name);
	});

	it('no verdict at 12 points or fewer: the mean, too_few, variation and assurance null, no signals', () => {
		const few = cases.filter(c => c.expect.tooFew);
		assert.equal(few.length, 4);
		for (const c of few) {
			const spc = read.get(c.code)!.spc!;
			assert.deepEqual(spc.too_few, c.expect.tooFew, c.name);
			assert.deepEqual([spc.upper, spc.lower, spc.variation, spc.assurance, spc.signals], [null, null, null, null, []], c.name);
			if (c.expect.mean !== undefined) assert.ok(Math.abs(spc.mean - c.expect.mean) < 1e-4, c.name);
		}
		// And 13 points is enough.
		assert.equal(read.get(cases.find(c => c.name === 'Number of points - 13')!.code)!.spc!.too_few, null);
	});

	it('the published limits, and the variation icons', () => {
		for (const c of cases) {
			const spc = read.get(c.code)!.spc!;
			for (const key of ['mean', 'upper', 'lower'] as const) {
				const expected = c.expect[key];
				if (expected !== undefined) assert.ok(Math.abs(spc[key]! - expected) < 0.005, `${c.name} ${key} ${spc[key]}`);
			}
			if (c.expect.variation) assert.equal(spc.variation, c.expect.variation, c.name);
		}
	});
});

describe('the peers\' literal cases, through the loader and --json', () => {
	const peers = readPeers();
	let read = new Map<string, IndicatorJson>();
	const series: Series[] = [];

	before(async () => {
		assertBuilt();
		for (const [i, s] of peers.series.entries()) {
			const values = peerValues(s).map(value => value + (s.offset ?? 0));
			series.push({code: `PEER${i + 1}`, title: s.id, polarity: s.polarity, target: null, periods: [], values});
		}
		for (const [i, c] of peers.assurance.entries()) {
			// Loaded figures are never negative: the case's limits and target moved up together by 10.
			const values = seriesWithLimits(c.lower + 10, c.upper + 10);
			series.push({code: `ASSURE${i + 1}`, title: c.source, polarity: c.polarity, target: c.target + 10, periods: [], values});
		}
		// Every series ends in the same month, so one --month shows them all.
		for (const s of series) s.periods = months(s.values.length, addMonths(LAST_MONTH, 1 - s.values.length));
		read = await loadAndRead(series, {spc_run_length: 7});
	});

	it('series: their limits (offset where a loaded figure cannot be negative) and points', () => {
		for (const [i, s] of peers.series.entries()) {
			const spc = read.get(`PEER${i + 1}`)!.spc!;
			// --json rounds to 4 decimals.
			const tolerance = Math.max(s.expect.tolerance ?? 0, 0.00005);
			for (const key of ['mean', 'upper', 'lower'] as const) {
				const expected = s.expect[key];
				if (expected !== undefined) assert.ok(Math.abs(spc[key]! - (expected + (s.offset ?? 0))) <= tolerance, `${s.id} ${key} ${spc[key]}`);
			}
			if (s.expect.lastColours) {
				const periods = series[i]!.periods;
				assert.deepEqual(colours(spc, periods).slice(-s.expect.lastColours.length), s.expect.lastColours, s.id);
			}
		}
	});

	it('assurance: the target against their limits', () => {
		for (const [i, c] of peers.assurance.entries()) assert.equal(read.get(`ASSURE${i + 1}`)!.spc!.assurance, c.assurance, c.source);
	});
});
