// The built console at 80x24 in tmux, on a store the loader builds here: what a person sees
// when they drill down, travel in time, and when the monthly load lands while they watch.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {describe, it} from 'node:test';
import {assertNoScreenClears, e2eSetup, indicatorRows, runBuiltLoader, sampleStore, tempDir} from './helpers/pty.js';
import {SAMPLE} from './helpers/sample.js';

const header = (lines: string[]) => lines[0] ?? '';
const selected = (lines: string[]) => lines.find(line => line.startsWith('▶')) ?? '';

// January 2018 for a few indicators, whole service only: the shape of an early partial load.
const JANUARY = [
	'period,indicator,team,numerator,denominator,value',
	'2018-01,UNALLOC7,ALL,4,,',
	'2018-01,REREF12,ALL,210,900,',
	'2018-01,FA45,ALL,880,1000,',
	'',
].join('\n');

// January 2018 for every indicator: a whole month, which the console moves to by itself.
const CODES = ['UNALLOC7', 'REREF12', 'FA45', 'CASELOAD', 'CPP', 'CPVISIT', 'CIC', 'CLEET', 'ADOPTA2', 'ADOPTA1', 'CINFAM', 'SEENASS', 'SUPERV', 'AGENCY'];
const WHOLE_JANUARY = ['period,indicator,team,numerator,denominator,value', ...CODES.map(code => `2018-01,${code},ALL,,,50`), ''].join('\n');

describe('console end to end at 80x24', () => {
	// Each test loads into its own store (sampleStore), so none sees another's load.
	const e2e = e2eSetup({store: false, checkSession: session => assertNoScreenClears(session.raw(), 'console')});

	it('shows the sample special cause, shift, stale limits and consistently failing target in the grid, the detail and the agenda', async () => {
		const db = await sampleStore();
		const session = await e2e.tmux({columns: 80, rows: 24});
		await session.runConsole(['--db', db]);
		const row = (l: string[], title: string) => indicatorRows(l).find(line => line.includes(title)) ?? '';
		const grid = await session.waitForScreen(l => indicatorRows(l).length === SAMPLE.indicators.length, {what: 'the grid'});
		// SPC column: CPVISIT a concern low with the target passing; SEENASS an improvement high
		// (its shift); CIC common cause, consistently failing its target; AGENCY's limits stale (S).
		assert.match(row(grid, 'Child protection plans'), /L!P/);
		assert.match(row(grid, 'Children seen at'), /H\+\?/);
		assert.match(row(grid, 'Children in care'), /~ F/);
		assert.match(row(grid, SAMPLE.lastTitle), /L\+S/);

		// The detail chart of children seen: mean and limits drawn, the shift named.
		await session.type('G');
		await session.type('k');
		await session.type('k');
		await session.waitForScreen(l => /^▶\s+12 Children seen/.test(selected(l)), {what: 'indicator 12 selected'});
		await session.keys('Enter');
		let lines = await session.waitForScreen(l => header(l).includes('indicator detail') && l.join('\n').includes('mean'), {what: 'the detail chart with its mean'});
		assert.match(lines.join('\n'), /limit/);
		// December is itself a special cause: the assurance is said to describe the months before it.
		assert.ok(lines.some(line => /^SPC: Special cause improvement.* · Hit and miss before this month$/.test(line)), lines.join('\n'));
		await session.keys('PageDown');
		lines = await session.waitForScreen(l => /\d+ months in a row above the average/.test(l.join('\n')), {what: 'the shift named under the chart'});

		// The agenda: the red figures first (CIC among them), then the new amber concern.
		await session.keys('Escape');
		await session.waitForScreen(l => header(l).includes('all indicators'), {what: 'the grid again'});
		await session.type('a');
		lines = await session.waitForScreen(l => header(l).includes('stand-up agenda') && l.join('\n').includes('Child protection plans visited'), {what: 'the agenda'});
		// Items wrap onto a second line: read them as one run of words.
		const text = lines.join(' ').replace(/\s+/g, ' ');
		assert.match(text, /6 Child protection plans visited in the month, whole service: 88%, amber; new special cause concern: beyond the lower limit/);
		assert.match(text, /7 Children in care \(UASC excluded\), whole service: 62\.8 \/10k, red; red against the 55\.0 \/10k target/);
		assert.ok(text.indexOf('7 Children in care') < text.indexOf('6 Child protection plans'), 'every red figure comes before the amber concern');
		await session.type('q');
		await session.type('q');
		assert.equal(await session.exitStatus(), 0);
	});

	it('shows all 14 indicators, drills down and back, travels in time, opens caseloads and help, and q quits with 0', async () => {
		const db = await sampleStore();
		const session = await e2e.tmux({columns: 80, rows: 24});
		await session.runConsole(['--db', db]);

		let lines = await session.waitForScreen(l => header(l).startsWith(SAMPLE.header) && indicatorRows(l).length === SAMPLE.indicators.length, {what: 'the grid of 14 indicators for Dec 2017'});
		const rows = indicatorRows(lines);
		assert.deepEqual(rows.map(row => Number(/\d+/.exec(row)![0])), Array.from({length: 14}, (_, i) => i + 1));
		assert.match(selected(lines), /^▶\s+1 Unallocated/);

		await session.keys('Down');
		await session.waitForScreen(l => /^▶\s+2 Re-referrals/.test(selected(l)), {what: 'the selection on indicator 2'});
		await session.keys('Enter');
		lines = await session.waitForScreen(l => header(l).includes('indicator detail') && l.slice(1).join('\n').includes('Re-referrals within 12 months'), {
			what: "indicator 2's detail with its title",
		});

		await session.keys('Escape');
		lines = await session.waitForScreen(l => header(l).includes('all indicators') && indicatorRows(l).length === SAMPLE.indicators.length, {what: 'the grid again after Esc'});
		assert.match(selected(lines), /^▶\s+2 Re-referrals/, 'the grid keeps its selection');

		await session.type('[');
		await session.waitForScreen(l => header(l).startsWith('Scorecard Nov 2017'), {what: 'Nov 2017 in the header'});
		await session.type(']');
		await session.waitForScreen(l => header(l).startsWith(SAMPLE.header), {what: 'Dec 2017 in the header again'});

		await session.type('c');
		await session.waitForScreen(l => header(l).includes('caseload distribution'), {what: 'the caseload view'});
		await session.keys('Escape');
		await session.waitForScreen(l => header(l).includes('all indicators'), {what: 'the grid after leaving caseloads'});

		await session.type('?');
		lines = await session.waitForScreen(l => header(l).includes('help') && /Keys/.test(l.join('\n')), {what: 'the help'});
		await session.type('?');
		await session.waitForScreen(l => header(l).includes('all indicators'), {what: 'the grid after closing help'});

		await session.type('q');
		assert.equal(await session.exitStatus(), 0);
	});

	it('stays on the month shown when a partial month loads, says so, and shows it on →', async () => {
		const db = await sampleStore();
		const csv = path.join(tempDir(), 'newmonth.csv');
		fs.writeFileSync(csv, JANUARY);
		const session = await e2e.tmux({columns: 80, rows: 24});
		await session.runConsole(['--db', db]);
		await session.waitForScreen(l => header(l).startsWith(SAMPLE.header) && indicatorRows(l).length === SAMPLE.indicators.length, {what: 'the grid for Dec 2017'});

		const load = await runBuiltLoader(['--db', db, csv]);
		assert.equal(load.code, 0, `the loader failed:\n${load.stdout}${load.stderr}`);
		let lines = await session.waitForScreen(l => /newer: Jan 2018 partial: 3 of 14 indicators/.test(header(l)), {what: 'word of the partial month', timeout: 10_000});
		assert.match(header(lines), /^Scorecard Dec 2017/, 'the console does not move to a partial month on its own');
		await session.type(']');
		lines = await session.waitForScreen(l => header(l).startsWith('Scorecard Jan 2018 partial: 3 of 14 indicators'), {what: 'the partial month, named partial'});

		await session.type('q');
		assert.equal(await session.exitStatus(), 0);
	});

	it('shows a whole month loaded by another process within 2 seconds, without a key press', async () => {
		const db = await sampleStore();
		const csv = path.join(tempDir(), 'newmonth.csv');
		fs.writeFileSync(csv, WHOLE_JANUARY);
		const session = await e2e.tmux({columns: 80, rows: 24});
		await session.runConsole(['--db', db]);
		await session.waitForScreen(l => header(l).startsWith(SAMPLE.header) && indicatorRows(l).length === SAMPLE.indicators.length, {what: 'the grid for Dec 2017'});

		const load = await runBuiltLoader(['--db', db, csv]);
		assert.equal(load.code, 0, `the loader failed:\n${load.stdout}${load.stderr}`);
		const loaded = Date.now();
		await session.waitForScreen(l => header(l).startsWith('Scorecard Jan 2018'), {what: 'Jan 2018 in the header', timeout: 10_000});
		const took = Date.now() - loaded;
		assert.ok(took <= 2000, `Jan 2018 appeared ${took} ms after the load finished (limit 2000 ms)`);

		await session.type('q');
		assert.equal(await session.exitStatus(), 0);
	});

	it('stays on a month the user chose when a newer one loads, and says a newer month exists', async () => {
		const db = await sampleStore();
		const csv = path.join(tempDir(), 'newmonth.csv');
		fs.writeFileSync(csv, JANUARY);
		const session = await e2e.tmux({columns: 80, rows: 24});
		await session.runConsole(['--db', db]);
		await session.waitForScreen(l => header(l).startsWith(SAMPLE.header) && indicatorRows(l).length === SAMPLE.indicators.length, {what: 'the grid for Dec 2017'});
		await session.type('[');
		await session.waitForScreen(l => header(l).startsWith('Scorecard Nov 2017'), {what: 'Nov 2017 in the header'});

		const load = await runBuiltLoader(['--db', db, csv]);
		assert.equal(load.code, 0, `the loader failed:\n${load.stdout}${load.stderr}`);
		const lines = await session.waitForScreen(l => l.join('\n').includes('Jan 2018'), {what: 'word of Jan 2018', timeout: 10_000});
		assert.match(header(lines), /^Scorecard Nov 2017/, 'the console stays on the month the user chose');
		assert.match(lines.join('\n'), /newer[^\n]*Jan 2018/, 'the header or status line says a newer month exists');
		assert.equal(indicatorRows(lines).length, SAMPLE.indicators.length);

		await session.type('q');
		assert.equal(await session.exitStatus(), 0);
	});
});
