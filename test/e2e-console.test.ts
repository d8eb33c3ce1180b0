// The built console at 80x24 in tmux, on a store the loader builds here: what a person sees
// when they drill down, travel in time, and when the monthly load lands while they watch.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {describe, it} from 'node:test';
import {assertNoScreenClears, e2eSetup, indicatorRows, runBuiltLoader, sampleStore, tempDir} from './helpers/pty.js';
import type {AgendaItem} from '../source/domain/agenda.js';
import {agendaWhy} from '../source/domain/agenda-line.js';
import {addMonths, formatPeriod} from '../source/domain/periods.js';
import {escapeRegExp as re, rowStart, SAMPLE, sampleAgenda, sampleIndicator, sampleSpc, sampleStretches, spcLine, titleWords} from './helpers/sample.js';

const header = (lines: string[]) => lines[0] ?? '';
const selected = (lines: string[]) => lines.find(line => line.startsWith('▶')) ?? '';

// The month after the sample's newest, loaded while the console watches.
const NEXT = addMonths(SAMPLE.latest, 1);
const NEXT_MONTH = formatPeriod(NEXT);
const COUNT = SAMPLE.indicators.length;

// The next month for a few indicators, whole service only: the shape of an early partial load.
const PARTIAL = [
	'period,indicator,team,numerator,denominator,value',
	`${NEXT},UNALLOC7,ALL,4,,`,
	`${NEXT},REREF12,ALL,210,900,`,
	`${NEXT},FA45,ALL,880,1000,`,
	'',
].join('\n');

// The next month for every indicator: a whole month, which the console moves to by itself.
const WHOLE_MONTH = ['period,indicator,team,numerator,denominator,value', ...SAMPLE.indicators.map(indicator => `${NEXT},${indicator.code},ALL,,,50`), ''].join('\n');

/** The grid's SPC column for an indicator of the sample: variation and side, then the assurance (S: limits stale). */
function spcMark(code: string): string | null {
	const spc = sampleSpc(code);
	if (!spc || spc.withheld || spc.variation === null) return null;
	const side = spc.latest?.side === 'low' ? 'L' : 'H';
	const variation = {common: '~ ', improvement: `${side}+`, concern: `${side}!`, neutral_high: 'H?', neutral_low: 'L?'}[spc.variation];
	const assurance = spc.rebaseSuggested ? 'S' : spc.assurance ? {pass: 'P', fail: 'F', hit_and_miss: '?'}[spc.assurance] : ' ';
	return `${variation}${assurance}`;
}

describe('console end to end at 80x24', () => {
	// Each test loads into its own store (sampleStore), so none sees another's load.
	const e2e = e2eSetup({store: false, checkSession: session => assertNoScreenClears(session.raw(), 'console')});

	it('shows the sample\'s special causes, shifts, stale limits and failing targets in the grid, the detail and the agenda', async () => {
		const db = await sampleStore();
		const session = await e2e.tmux({columns: 80, rows: 24});
		await session.runConsole(['--db', db]);
		const row = (l: string[], number: number) => indicatorRows(l).find(line => line.replace(/^▶/, '').trimStart().startsWith(rowStart(number))) ?? '';
		const grid = await session.waitForScreen(l => indicatorRows(l).length === COUNT, {what: 'the grid'});
		// SPC column, every indicator SPC judges: the variation and its side, then the assurance
		// (P passing, F failing, ? hit and miss; S: the limits are stale), as the sample's months make them.
		const judged = SAMPLE.indicators.filter(indicator => spcMark(indicator.code) !== null);
		assert.ok(new Set(judged.map(indicator => spcMark(indicator.code))).size >= 3, 'the sample\'s verdicts differ');
		for (const indicator of judged) assert.ok(row(grid, indicator.number).includes(spcMark(indicator.code)!), `${indicator.code}: ${spcMark(indicator.code)} in ${row(grid, indicator.number)}`);

		// The detail chart of the last indicator with a shift (a run above or below the average): mean and limits drawn, the shift named.
		const shifted = [...SAMPLE.indicators].reverse().find(indicator => sampleStretches(indicator.code).some(stretch => stretch.rule === 'shift'))!;
		assert.ok(shifted, 'the sample has a shift');
		const shift = sampleStretches(shifted.code).filter(stretch => stretch.rule === 'shift').at(-1)!;
		await session.type('G');
		for (let number = SAMPLE.lastIndicator.number; number > shifted.number; number--) await session.type('k');
		await session.waitForScreen(l => selected(l).startsWith(`▶ `) && selected(l).includes(rowStart(shifted, 2)), {what: `indicator ${shifted.number} selected`});
		await session.keys('Enter');
		let lines = await session.waitForScreen(l => header(l).includes('indicator detail') && l.join('\n').includes('mean'), {what: 'the detail chart with its mean'});
		assert.match(lines.join('\n'), /limit/);
		// Both verdicts in words (when the month is itself a special cause, the assurance describes the months before it).
		assert.ok(lines.some(line => line === spcLine(shifted.code)), `${spcLine(shifted.code)}\n${lines.join('\n')}`);
		await session.keys('PageDown');
		lines = await session.waitForScreen(l => l.join('\n').includes(shift.text.split(': ')[1]!), {what: 'the shift named under the chart'});

		// The agenda: its items in its order, the red figures first.
		const items: AgendaItem[] = await sampleAgenda(db);
		await session.keys('Escape');
		await session.waitForScreen(l => header(l).includes('all indicators'), {what: 'the grid again'});
		await session.type('a');
		lines = await session.waitForScreen(l => header(l).includes('stand-up agenda') && l.join('\n').includes('to raise'), {what: 'the agenda'});
		// Items wrap onto a second line: read them as one run of words.
		const text = lines.join(' ').replace(/\s+/g, ' ');
		const shown = /\(1-(\d+) of \d+\)/.exec(text);
		let from = 0;
		for (const item of items.slice(0, shown ? Number(shown[1]) : items.length)) {
			const why = agendaWhy(item).slice(0, 40);
			const at = text.indexOf(why, text.indexOf(`${item.number} ${item.title.split(' ')[0]}`, from));
			assert.ok(at >= from, `${item.line}\nnot in order in:\n${text}`);
			from = at + why.length;
		}
		const red = items.map(item => item.rag === 'red');
		assert.ok(red.some(Boolean) && red.lastIndexOf(true) < red.indexOf(false), `every red figure comes first: ${items.map(item => item.rag).join(', ')}`);
		await session.type('q');
		await session.type('q');
		assert.equal(await session.exitStatus(), 0);
	});

	it('shows every indicator, drills down and back, travels in time, opens caseloads and help, and q quits with 0', async () => {
		const db = await sampleStore();
		const session = await e2e.tmux({columns: 80, rows: 24});
		await session.runConsole(['--db', db]);

		let lines = await session.waitForScreen(l => header(l).startsWith(SAMPLE.header) && indicatorRows(l).length === COUNT, {what: `the grid of ${COUNT} indicators for ${SAMPLE.latestMonth}`});
		const rows = indicatorRows(lines);
		assert.deepEqual(rows.map(row => Number(/\d+/.exec(row)![0])), SAMPLE.indicators.map(indicator => indicator.number));
		const on = (number: number) => new RegExp(`^▶\\s+${re(rowStart(number))}`);
		assert.match(selected(lines), on(1));

		await session.keys('Down');
		await session.waitForScreen(l => on(2).test(selected(l)), {what: 'the selection on indicator 2'});
		await session.keys('Enter');
		lines = await session.waitForScreen(l => header(l).includes('indicator detail') && l.slice(1).join('\n').includes(titleWords(2, 4)), {
			what: "indicator 2's detail with its title",
		});

		await session.keys('Escape');
		lines = await session.waitForScreen(l => header(l).includes('all indicators') && indicatorRows(l).length === COUNT, {what: 'the grid again after Esc'});
		assert.match(selected(lines), on(2), 'the grid keeps its selection');

		await session.type('[');
		await session.waitForScreen(l => header(l).startsWith(`Scorecard ${SAMPLE.previousMonth}`), {what: `${SAMPLE.previousMonth} in the header`});
		await session.type(']');
		await session.waitForScreen(l => header(l).startsWith(SAMPLE.header), {what: `${SAMPLE.latestMonth} in the header again`});

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
		fs.writeFileSync(csv, PARTIAL);
		const session = await e2e.tmux({columns: 80, rows: 24});
		await session.runConsole(['--db', db]);
		await session.waitForScreen(l => header(l).startsWith(SAMPLE.header) && indicatorRows(l).length === COUNT, {what: `the grid for ${SAMPLE.latestMonth}`});

		const load = await runBuiltLoader(['--db', db, csv]);
		assert.equal(load.code, 0, `the loader failed:\n${load.stdout}${load.stderr}`);
		const partial = `${NEXT_MONTH} partial: 3 of ${COUNT} indicators`;
		let lines = await session.waitForScreen(l => header(l).includes(`newer: ${partial}`), {what: 'word of the partial month', timeout: 10_000});
		assert.ok(header(lines).startsWith(SAMPLE.header), 'the console does not move to a partial month on its own');
		await session.type(']');
		lines = await session.waitForScreen(l => header(l).startsWith(`Scorecard ${partial}`), {what: 'the partial month, named partial'});

		await session.type('q');
		assert.equal(await session.exitStatus(), 0);
	});

	it('shows a whole month loaded by another process within 2 seconds, without a key press', async () => {
		const db = await sampleStore();
		const csv = path.join(tempDir(), 'newmonth.csv');
		fs.writeFileSync(csv, WHOLE_MONTH);
		const session = await e2e.tmux({columns: 80, rows: 24});
		await session.runConsole(['--db', db]);
		await session.waitForScreen(l => header(l).startsWith(SAMPLE.header) && indicatorRows(l).length === COUNT, {what: `the grid for ${SAMPLE.latestMonth}`});

		const load = await runBuiltLoader(['--db', db, csv]);
		assert.equal(load.code, 0, `the loader failed:\n${load.stdout}${load.stderr}`);
		const loaded = Date.now();
		await session.waitForScreen(l => header(l).startsWith(`Scorecard ${NEXT_MONTH}`), {what: `${NEXT_MONTH} in the header`, timeout: 10_000});
		const took = Date.now() - loaded;
		assert.ok(took <= 2000, `${NEXT_MONTH} appeared ${took} ms after the load finished (limit 2000 ms)`);

		await session.type('q');
		assert.equal(await session.exitStatus(), 0);
	});

	it('stays on a month the user chose when a newer one loads, and says a newer month exists', async () => {
		const db = await sampleStore();
		const csv = path.join(tempDir(), 'newmonth.csv');
		fs.writeFileSync(csv, PARTIAL);
		const session = await e2e.tmux({columns: 80, rows: 24});
		await session.runConsole(['--db', db]);
		await session.waitForScreen(l => header(l).startsWith(SAMPLE.header) && indicatorRows(l).length === COUNT, {what: `the grid for ${SAMPLE.latestMonth}`});
		await session.type('[');
		await session.waitForScreen(l => header(l).startsWith(`Scorecard ${SAMPLE.previousMonth}`), {what: `${SAMPLE.previousMonth} in the header`});

		const load = await runBuiltLoader(['--db', db, csv]);
		assert.equal(load.code, 0, `the loader failed:\n${load.stdout}${load.stderr}`);
		const lines = await session.waitForScreen(l => l.join('\n').includes(NEXT_MONTH), {what: `word of ${NEXT_MONTH}`, timeout: 10_000});
		assert.ok(header(lines).startsWith(`Scorecard ${SAMPLE.previousMonth}`), 'the console stays on the month the user chose');
		assert.match(lines.join('\n'), new RegExp(`newer[^\\n]*${NEXT_MONTH}`), 'the header or status line says a newer month exists');
		assert.equal(indicatorRows(lines).length, COUNT);

		await session.type('q');
		assert.equal(await session.exitStatus(), 0);
	});
});
