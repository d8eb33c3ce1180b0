import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {afterEach, before, describe, it} from 'node:test';
import {runLoad} from '../source/loader/load.js';
import {renderConsole, sampleStore} from './helpers/console.tsx';
import {keys, selectedLine, waitForFrame} from './helpers/ink.ts';
import {tempDir, writeCsv} from './helpers/temp-store.ts';

// The stand-up agenda on the sample store, as the console draws it at 80x24.

type Console = Awaited<ReturnType<typeof renderConsole>>;

/** Waits for the frame and checks it fits the terminal: at most rows - 1 lines, at most 80 columns. */
async function frame(r: Console, ok: (frame: string) => boolean): Promise<string> {
	const text = await waitForFrame(r, ok);
	const lines = text.split('\n');
	assert.ok(lines.length <= 23, `frame has ${lines.length} lines:\n${text}`);
	for (const line of lines) assert.ok(line.length <= 80, `line wider than 80 columns (${line.length}): ${line}`);
	return text;
}

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

// A failed assertion skips a test's own close: close what is still open, or the runner hangs.
const open = new Set<Console>();
async function start(store: string, options: Parameters<typeof renderConsole>[1] = {}): Promise<Console> {
	const r = await renderConsole(store, {columns: 80, rows: 24, ...options});
	const close = r.close;
	const tracked = {
		...r,
		close: async () => {
			if (!open.delete(tracked)) return;
			await close();
		},
	};
	open.add(tracked);
	return tracked;
}
afterEach(async () => {
	for (const r of [...open]) await r.close();
});

describe('agenda view', () => {
	it('opens with a from the overview and ranks the December 2017 items, saying why', async () => {
		const r = await start(db);
		await frame(r, text => text.includes('all indicators'));
		r.press('a');
		const text = await frame(r, onAgenda);
		const words = flat(text);
		assert.match(words, /Scorecard Dec 2017 .* 14 to raise \(1-9 of 14\):/);
		assert.match(words, /3 Family assessments completed in timescale · Other citywide teams 63%, red: special cause concern: 2 of 3 points near the lower limit/);
		assert.match(words, /6 Child protection plans visited in the month · whole service 88%, amber: special cause concern: beyond the lower limit; worse/);
		// What carries on is raised too: the consistently failing target, and (further down) the shift.
		assert.match(words, /7 Children in care \(UASC excluded\) · whole service 62\.8 \/10k, red: consistently failing the target/);
		// Concerns first (by indicator number), then amber, then what carries on, then improvements.
		const order = ['3 Family assessments completed in timescale · Other citywide', '6 Child protection', '1 Unallocated cases open more than 7 days · North West', '7 Children in care', '3 Family assessments completed in timescale · South', '11 Children in need supported to live with their family · whole service'].map(t => words.indexOf(t));
		assert.ok(order.every(i => i >= 0), `missing items: ${order}`);
		assert.deepEqual([...order].sort((a, b) => a - b), order);
		assert.match(selectedLine(text), /^▶ !! 3 Family assessments completed in timescale · Other citywide teams$/);
		// Numbers and titles, as the grid names indicators: never the codes.
		assert.doesNotMatch(text, /FA45|CPVISIT|UNALLOC7|CINFAM/);
		await r.close();
	});

	it('moves with j k G g and opens the detail with Enter; Esc comes back to the same item', async () => {
		const r = await start(db, {route: {view: 'agenda'}});
		await frame(r, onAgenda);
		r.press('j');
		await frame(r, text => selectedLine(text).includes('6 Child protection'));
		r.press('G');
		await frame(r, text => selectedLine(text).includes('14 Agency social workers'));
		r.press('k');
		const shift = await frame(r, text => selectedLine(text).includes('12 Children seen at assessment · whole service'));
		assert.match(flat(shift), /12 Children seen at assessment · whole service 94%, green: improvement sustained: 7\+ points above the mean/);
		r.press('g');
		await frame(r, text => selectedLine(text).includes('3 Family assessments completed in timescale · Other'));
		r.press(keys.down);
		await frame(r, text => selectedLine(text).includes('6 Child protection'));
		r.press(keys.enter);
		const detail = await frame(r, text => text.includes('indicator detail'));
		assert.doesNotMatch(detail, /to raise/);
		r.press(keys.escape);
		const back = await frame(r, onAgenda);
		assert.match(selectedLine(back), /6 Child protection/);
		await r.close();
	});

	it('presents one item at a time with Space, large, and Esc leaves presenting without leaving the agenda', async () => {
		const r = await start(db, {route: {view: 'agenda'}});
		await frame(r, onAgenda);
		r.press(' ');
		// The team's previous 6 months come a moment later, with its history.
		const first = await frame(r, text => text.includes('Item 1 of 14') && / 77%$/m.test(text));
		assert.match(first, /^ {2}3 Family assessments completed in timescale$/m);
		assert.match(first, /Other citywide teams \(UASC, NRPF, Homeless\)/);
		assert.match(first, /63% {3}target 85% or more {3}●R red {3}Nov 2017: 78%/);
		assert.match(first, /• special cause concern: 2 of 3 points near the lower limit/);
		assert.match(first, /J {2}F {2}M {2}A {2}M {2}J {2}J {2}A {2}S {2}O {2}N {2}D/);
		assert.doesNotMatch(first, /Child protection/);
		// The item's team row and the whole service's, as the detail's table shows them, and the commentary's first lines.
		assert.match(first, /▶\s+Other citywide teams\s+31 \/ 49\s+63%\s+●R\s+-15 pts\s+77%/);
		assert.match(first, /Whole service\s+923 \/ 1,001\s+92%/);
		assert.match(first, /Commentary, Dec 2017: 92% of family assessments/);
		r.press(' ');
		const second = await frame(r, text => text.includes('Item 2 of 14'));
		assert.match(second, /6 Child protection plans visited in the month/);
		assert.match(second, /probably because of holiday period/);
		assert.match(second, /• special cause concern: beyond the lower limit\n.*• worse than last month \(was green\)/);
		// Enter opens the presented item's detail; Esc comes back to presenting it.
		r.press(keys.enter);
		await frame(r, text => text.includes('indicator detail'));
		r.press(keys.escape);
		await frame(r, text => text.includes('Item 2 of 14'));
		r.press(keys.escape);
		const list = await frame(r, onAgenda);
		assert.match(selectedLine(list), /6 Child protection/);
		assert.match(list, /stand-up agenda/);
		await r.close();
	});

	it('says when presenting has reached the end, and Space starts again from the top', async () => {
		const r = await start(db, {route: {view: 'agenda'}});
		await frame(r, onAgenda);
		r.press(' ');
		await frame(r, text => text.includes('Item 1 of 14'));
		r.press('G');
		await frame(r, text => text.includes('Item 14 of 14') && text.includes('14 Agency social workers'));
		r.press(' ');
		await frame(r, text => text.includes('End of agenda: 14 items for Dec 2017'));
		r.press(' ');
		await frame(r, text => text.includes('Item 1 of 14') && text.includes('3 Family assessments'));
		await r.close();
	});

	it('starts on the agenda for --standup and re-reads it when the month changes', async () => {
		const r = await start(db, {route: {view: 'agenda'}});
		const dec = await frame(r, onAgenda);
		assert.match(dec, /Scorecard Dec 2017/);
		r.press('[');
		const nov = await frame(r, text => text.includes('Scorecard Nov 2017') && onAgenda(text));
		assert.match(flat(nov), /1 Unallocated cases open more than 7 days · whole service 3, red: worse than last month \(was amber\)/);
		assert.doesNotMatch(nov, /6 Child protection/);
		await r.close();
	});

	it('says there is nothing to raise for a month with nothing new', async () => {
		const r = await start(db, {route: {view: 'agenda'}, period: '2016-01'});
		const text = await frame(r, t => t.includes('Nothing to raise'));
		assert.match(text, /Nothing to raise for Jan 2016/);
		await r.close();
	});

	it('marks the selection and severity with characters when there is no colour and no Unicode', async () => {
		const r = await start(db, {route: {view: 'agenda'}, color: false, ascii: true});
		const text = await frame(r, onAgenda);
		assert.match(selectedLine(text, '>'), /^> !! 3 Family assessments completed in timescale \. Other citywide teams/);
		assert.match(text, /^ {2}\+ {2}3 Family assessments completed in timescale \. South/m);
		assert.match(text, /^ {2}! {2}1 Unallocated cases open more than 7 days \. North West/m);
		await r.close();
	});

	it('shows a figure revised by a new load, live', async () => {
		const dir = tempDir();
		const copy = path.join(dir, 'scorecard.db');
		fs.copyFileSync(db, copy);
		if (fs.existsSync(`${db}-wal`)) fs.copyFileSync(`${db}-wal`, `${copy}-wal`);
		const r = await start(copy, {route: {view: 'agenda'}});
		const before = await frame(r, onAgenda);
		assert.doesNotMatch(before, /revised/);
		// December's East figure was 340/359 (95%).
		const file = writeCsv(dir, 'measures.csv', 'period,indicator,team,numerator,denominator,value\n2017-12,FA45,EAST,345,359,\n');
		const result = await runLoad({db: copy, files: [file], replace: true});
		assert.ok(result.ok, result.ok ? '' : result.errors.join('\n'));
		const after = await frame(r, text => text.includes('revised'));
		assert.match(flat(after), /i {2}3 Family assessments completed in timescale · East 96%, green: revised: Dec 2017 was 95% now 96%/);
		// The summary counts the new kind and still fits on its line.
		assert.match(after, /^15 to raise \(1-\d+ of 15\): {2}!! 2 concerns {2}! 4 watch {2}i 1 note {2}\+ 8 improvements$/m);
		await r.close();
	});
});
