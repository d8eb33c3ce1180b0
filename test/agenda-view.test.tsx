import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {before, describe, it} from 'node:test';
import {runLoad} from '../source/loader/load.js';
import {expectFrame as frame, openConsoles, sampleStore, type ConsoleOptions} from './helpers/console.tsx';
import {keys, selectedLine} from './helpers/ink.ts';
import {tempDir, writeCsv} from './helpers/temp-store.ts';

// The stand-up agenda on the sample store, as the console draws it at 80x24.

/** The frame with wrapped item rows joined, so a sentence split over two rows reads whole. */
function flat(text: string): string {
	return text
		.split('\n')
		.map(line => line.trim())
		.join(' ');
}

const onAgenda = (text: string) => text.includes('stand-up agenda') && text.includes('to raise');

let db = '';
before(async () => {
	db = await sampleStore();
});

const openConsole = openConsoles();
const start = (store: string, options: ConsoleOptions = {}) => openConsole(store, {columns: 80, rows: 24, ...options});

const FA45 = '3 Family assessments completed in timescale';
const CPVISIT = '6 Child protection plans visited in the month';
const CINFAM = '11 Children in need supported to live with their family';

describe('agenda view', () => {
	it('opens with a from the overview and ranks the December 2017 items, saying why', async () => {
		const r = await start(db);
		await frame(r, text => text.includes('all indicators'));
		r.press('a');
		const text = await frame(r, onAgenda);
		const words = flat(text);
		assert.match(words, /Scorecard Dec 2017 .* 10 to raise \(1-\d+ of 10\):/);
		// Items take at most two rows: the rest of the words are in the detail and the presenting view.
		assert.match(words, new RegExp(`${FA45}, Other citywide teams: 63%, red; red against the 85% target, also last month; new special cause c`));
		assert.match(words, new RegExp(`${CPVISIT}, whole service: 88%, amber; new special cause concern: beyond the lower limit; amber: wors`));
		// Every red figure is raised, with or without SPC: CIC (consistently failing) and care leavers (cumulative).
		assert.match(words, /7 Children in care \(UASC excluded\), whole service: 62\.8 \/10k, red; red against the 55\.0 \/10k target, also last month/);
		assert.match(words, /8 Care leavers \(17-21\) in education, employment or training, whole service: 50%, red/);
		// Red concerns first, then the amber concern, then improvements.
		const order = [`${FA45}, Other citywide`, '7 Children in care (UASC excluded), whole service', '8 Care leavers', CPVISIT, `${CINFAM}, whole service`].map(t => words.indexOf(t));
		assert.ok(order.every(i => i >= 0), `missing items: ${order}`);
		assert.deepEqual([...order].sort((a, b) => a - b), order);
		assert.match(selectedLine(text), new RegExp(`^▶ !! ${FA45}, Other citywide teams`));
		await r.close();
	});

	it('moves with j k G g and opens the detail with Enter; Esc comes back to the same item', async () => {
		const r = await start(db, {route: {view: 'agenda'}});
		await frame(r, onAgenda);
		r.press('j');
		await frame(r, text => selectedLine(text).includes('7 Children in care'));
		r.press('G');
		await frame(r, text => selectedLine(text).includes('14 Agency social workers'));
		r.press('k');
		const improvement = await frame(r, text => selectedLine(text).includes('11 Children in need supported to live with their family, South'));
		assert.match(flat(improvement), /South: 85%, green; new special cause improvement: beyond the upper limit/);
		r.press('g');
		await frame(r, text => selectedLine(text).includes(`${FA45}, Other`));
		for (let i = 0; i < 5; i++) {
			r.press(keys.down);
			await frame(r, text => !selectedLine(text).includes(`${FA45}, Other`));
		}
		await frame(r, text => selectedLine(text).includes(CPVISIT));
		r.press(keys.enter);
		const detail = await frame(r, text => text.includes('indicator detail'));
		assert.doesNotMatch(detail, /to raise/);
		r.press(keys.escape);
		const back = await frame(r, onAgenda);
		assert.match(selectedLine(back), new RegExp(CPVISIT));
		await r.close();
	});

	it('presents one item at a time with Space, large, and Esc leaves presenting without leaving the agenda', async () => {
		const r = await start(db, {route: {view: 'agenda'}});
		await frame(r, onAgenda);
		r.press(' ');
		// The team's previous 6 months come a moment later, with its history.
		const first = await frame(r, text => text.includes('Item 1 of 10') && / 77%$/m.test(text));
		assert.match(first, /^ {2}3 Family assessments completed in timescale$/m);
		assert.match(first, /Other citywide teams \(UASC, NRPF, Homeless\)/);
		assert.match(first, /63% {3}target 85% or more {3}●R red {3}Nov 2017: 78%/);
		assert.match(first, /• new special cause concern: 2 of 3 months near the lower limit/);
		assert.match(first, /J {2}F {2}M {2}A {2}M {2}J {2}J {2}A {2}S {2}O {2}N {2}D/);
		assert.doesNotMatch(first, /Child protection/);
		// The item's team row and the whole service's, as the detail's table shows them, and the commentary's first lines.
		assert.match(first, /▶\s+Other citywide teams\s+31 \/ 49\s+63%\s+●R\s+-15 pts\s+77%/);
		assert.match(first, /Whole service\s+923 \/ 1,001\s+92%/);
		assert.match(first, /Commentary, Dec 2017: 92% of family assessments/);
		r.press(' ');
		const second = await frame(r, text => text.includes('Item 2 of 10'));
		assert.match(second, /^ {2}7 Children in care \(UASC excluded\)$/m);
		assert.match(second, /• red against the 55\.0 \/10k target, also last month/);
		// Enter opens the presented item's detail; Esc comes back to presenting it.
		r.press(keys.enter);
		await frame(r, text => text.includes('indicator detail'));
		r.press(keys.escape);
		await frame(r, text => text.includes('Item 2 of 10'));
		r.press(keys.escape);
		const list = await frame(r, onAgenda);
		assert.match(selectedLine(list), /7 Children in care/);
		assert.match(list, /stand-up agenda/);
		await r.close();
	});

	it('says when presenting has reached the end, and Space starts again from the top', async () => {
		const r = await start(db, {route: {view: 'agenda'}});
		await frame(r, onAgenda);
		r.press(' ');
		await frame(r, text => text.includes('Item 1 of 10'));
		r.press('G');
		await frame(r, text => text.includes('Item 10 of 10') && text.includes('14 Agency social workers'));
		r.press(' ');
		await frame(r, text => text.includes('End of agenda: 10 items for Dec 2017'));
		r.press(' ');
		await frame(r, text => text.includes('Item 1 of 10') && text.includes('3 Family assessments'));
		await r.close();
	});

	it('starts on the agenda for --standup and re-reads it when the month changes', async () => {
		const r = await start(db, {route: {view: 'agenda'}});
		const dec = await frame(r, onAgenda);
		assert.match(dec, /Scorecard Dec 2017/);
		r.press('[');
		const nov = await frame(r, text => text.includes('Scorecard Nov 2017') && onAgenda(text));
		assert.match(flat(nov), /1 Unallocated cases open more than 7 days, whole service: 3, red; red against the 0 target, worse than last month \(was amber\)/);
		assert.doesNotMatch(nov, /Child protection plans visited/);
		await r.close();
	});

	it('says there is nothing to raise for a month with nothing red, worse, new or missing', async () => {
		const dir = tempDir();
		const store = path.join(dir, 'green.db');
		const files = [
			writeCsv(dir, 'teams.csv', 'code,name,population\nEAST,East,1000\n'),
			writeCsv(dir, 'indicators.csv', 'code,number,title,unit,polarity,target,amber,measure,definition\nFA45,3,Family assessments,percent,higher,85,5,monthly,x\n'),
			writeCsv(dir, 'measures.csv', 'period,indicator,team,numerator,denominator,value\n2016-01,FA45,ALL,90,100,\n2016-01,FA45,EAST,90,100,\n'),
		];
		const result = await runLoad({db: store, files});
		assert.ok(result.ok, result.ok ? '' : result.errors.join('\n'));
		const r = await start(store, {route: {view: 'agenda'}});
		const text = await frame(r, t => t.includes('Nothing to raise'));
		assert.match(text, /Nothing to raise for Jan 2016/);
		await r.close();
	});

	it('marks the selection and severity with characters when there is no colour and no Unicode', async () => {
		const r = await start(db, {route: {view: 'agenda'}, color: false, ascii: true});
		const text = await frame(r, onAgenda);
		assert.match(selectedLine(text, '>'), new RegExp(`^> !! ${FA45}, Other citywide teams`));
		assert.match(text, new RegExp(`^ {2}\\+ {2}${CINFAM}, whole service`, 'm'));
		assert.match(text, /^ {2}!! 6 Child protection plans/m);
		await r.close();
	});

	it('shows a figure revised by a new load, live', async () => {
		const dir = tempDir();
		const copy = path.join(dir, 'scorecard.db');
		fs.copyFileSync(db, copy);
		// The worker key lives beside the store: a loader of the copy needs it too.
		if (fs.existsSync(`${db}.key`)) fs.copyFileSync(`${db}.key`, `${copy}.key`);
		if (fs.existsSync(`${db}-wal`)) fs.copyFileSync(`${db}-wal`, `${copy}-wal`);
		const r = await start(copy, {route: {view: 'agenda'}});
		const before = await frame(r, onAgenda);
		assert.doesNotMatch(before, /revised/);
		// December's East figure was 340/359 (95%).
		const file = writeCsv(dir, 'measures.csv', 'period,indicator,team,numerator,denominator,value\n2017-12,FA45,EAST,345,359,\n');
		const result = await runLoad({db: copy, files: [file], replace: true});
		assert.ok(result.ok, result.ok ? '' : result.errors.join('\n'));
		// The new load is read within a moment: one more item, then G selects it (a note, last).
		await frame(r, text => text.includes('11 to raise'));
		r.press('G');
		const after = await frame(r, text => flat(text).includes('revised since the last load'));
		// The status line says a figure of the month on screen was revised, and who loaded it.
		assert.match(after, /1 figure of this month revised \d\d:\d\d by \S+: ↻ marks it/);
		// 96% is inside East's limits (from all its months): a revision, green, a note.
		assert.match(flat(after), new RegExp(`${FA45}, East: 96%, green; revised since the last load: Dec 2017 was 95%, now 96%`));
		// The summary counts the new item and still fits on its line.
		assert.match(after, /^11 to raise \(\d+-\d+ of 11\): {2}!! 6 concerns {2}\+ 3 improvements {2}i 2 notes$/m);
		await r.close();
	});
});
