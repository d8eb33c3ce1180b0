import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {before, describe, it} from 'node:test';
import type {AgendaItem} from '../source/domain/agenda.js';
import {agendaWhy} from '../source/domain/agenda-line.js';
import {formatPeriod, monthsEnding} from '../source/domain/periods.js';
import {runLoad} from '../source/loader/load.js';
import {expectFrame as frame, openConsoles, sampleStore, type ConsoleOptions} from './helpers/console.tsx';
import {keys, selectedLine} from './helpers/ink.ts';
import {tempDir, writeCsv} from './helpers/temp-store.ts';
import {commentaryOpening, escapeRegExp as re, SAMPLE, sampleAgenda, sampleFigure, sampleIndicator, teamRowPattern} from './helpers/sample.ts';

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

/** The severity marks and count words the list writes. */
const MARK: Record<AgendaItem['severity'], string> = {concern: '!!', watch: '! ', improvement: '+ ', note: 'i '};
const WORDS: Record<AgendaItem['severity'], [string, string]> = {concern: ['concern', 'concerns'], watch: ['watch', 'watch'], improvement: ['improvement', 'improvements'], note: ['note', 'notes']};
/** How an item's row starts: its number and the first words of its title. */
const opening = (item: AgendaItem) => `${item.number} ${item.title.split(' ').slice(0, 2).join(' ')}`;

/**
 * The list shows each item in the agenda's own words (one row, or what and whose then the figure
 * and why): `words` holds, in order from `from`, every shown item's opening and why. Returns where
 * the last one ended.
 */
function assertItemsShown(words: string, items: AgendaItem[], from = 0): number {
	let at = from;
	for (const item of items) {
		const start = words.indexOf(opening(item), at);
		assert.ok(start >= 0, `not shown after ${at}: ${opening(item)}\n${words}`);
		const why = agendaWhy(item).slice(0, 50);
		const end = words.indexOf(why, start);
		assert.ok(end >= 0, `${opening(item)}: why not shown: ${why}\n${words}`);
		at = end + why.length;
	}
	return at;
}

/** The items on the first screen: `(1-k of n)` in the summary says how many. */
function firstScreen(text: string, items: AgendaItem[]): AgendaItem[] {
	const shown = /\(1-(\d+) of \d+\)/.exec(text);
	return items.slice(0, shown ? Number(shown[1]) : items.length);
}

/** The summary line: `10 to raise (1-9 of 10):  !! 6 concerns  + 3 improvements  i 1 note`. */
function summary(items: AgendaItem[]): string {
	const counts = (['concern', 'watch', 'improvement', 'note'] as const).flatMap(severity => {
		const n = items.filter(item => item.severity === severity).length;
		return n === 0 ? [] : [`  ${MARK[severity].trim()} ${n} ${WORDS[severity][n === 1 ? 0 : 1]}`];
	});
	return counts.join('');
}

let items: AgendaItem[] = [];

describe('agenda view', () => {
	before(async () => {
		items = await sampleAgenda(db);
		assert.ok(items.length >= 3, 'the sample raises items');
	});

	it('opens with a from the overview and ranks the newest month\'s items, saying why', async () => {
		const r = await start(db);
		await frame(r, text => text.includes('all indicators'));
		r.press('a');
		const text = await frame(r, onAgenda);
		const words = flat(text);
		assert.match(words, new RegExp(`${re(SAMPLE.header)} .* ${items.length} to raise \\(1-\\d+ of ${items.length}\\):${re(summary(items))}`));
		// Items take at most two rows, in the agenda's order: the rest of the words are in the detail and the presenting view.
		assertItemsShown(words, firstScreen(text, items));
		assert.ok(selectedLine(text).startsWith(`▶ ${MARK[items[0]!.severity]} ${opening(items[0]!)}`), selectedLine(text));
		await r.close();
	});

	it('moves with j k G g and opens the detail with Enter; Esc comes back to the same item', async () => {
		const r = await start(db, {route: {view: 'agenda'}});
		await frame(r, onAgenda);
		const at = (i: number) => (text: string) => selectedLine(text).includes(opening(items.at(i)!)) && selectedLine(text).includes(items.at(i)!.whose);
		r.press('j');
		await frame(r, at(1));
		r.press('G');
		await frame(r, at(-1));
		r.press('k');
		const earlier = await frame(r, at(-2));
		assertItemsShown(flat(earlier), [items.at(-2)!]);
		r.press('g');
		await frame(r, at(0));
		const steps = Math.min(5, items.length - 1);
		for (let i = 0; i < steps; i++) {
			r.press(keys.down);
			await frame(r, text => !at(0)(text));
		}
		await frame(r, at(steps));
		r.press(keys.enter);
		const detail = await frame(r, text => text.includes('indicator detail'));
		assert.doesNotMatch(detail, /to raise/);
		r.press(keys.escape);
		const back = await frame(r, onAgenda);
		assert.ok(at(steps)(back), selectedLine(back));
		await r.close();
	});

	it('presents one item at a time with Space, large, and Esc leaves presenting without leaving the agenda', async () => {
		const r = await start(db, {route: {view: 'agenda'}});
		await frame(r, onAgenda);
		const [item, next] = items as [AgendaItem, AgendaItem];
		const figure = sampleFigure(item.indicator, {team: item.team});
		r.press(' ');
		// The team's previous 6 months come a moment later, with its history.
		const first = await frame(r, text => text.includes(`Item 1 of ${items.length}`) && new RegExp(`${teamRowPattern(figure)}$`, 'm').test(text));
		assert.match(first, new RegExp(`^ {2}${re(`${item.number} ${item.title}`)}$`, 'm'));
		assert.ok(first.includes(item.teamName), item.teamName);
		const target = `target ${figure.targetShown} or ${sampleIndicator(item.indicator).polarity === 'higher' ? 'more' : 'less'}`;
		assert.match(first, new RegExp(`${re(figure.shown)} {3}${re(target)} {3}●${figure.mark} ${figure.rag} {3}${re(SAMPLE.previousMonth)}: ${re(figure.before!.shown)}`));
		assert.ok(first.includes(`• ${item.reasons[0]!.slice(0, 40)}`), `${item.reasons[0]}\n${first}`);
		assert.match(first, new RegExp(monthsEnding(SAMPLE.latest, 12).map(month => formatPeriod(month).charAt(0)).join(' {2}')));
		for (const other of items.filter(each => each.indicator !== item.indicator)) assert.ok(!first.includes(`${other.number} ${other.title}`), `only the item presented: ${other.title}`);
		// The item's team row and the whole service's, as the detail's table shows them, and the commentary's first lines.
		assert.match(first, new RegExp(`▶\\s+${teamRowPattern(figure)}`));
		assert.match(first, new RegExp(teamRowPattern(sampleFigure(item.indicator))));
		assert.ok(first.includes(`Commentary, ${SAMPLE.latestMonth}: ${commentaryOpening(item.indicator, 4)}`), first);
		r.press(' ');
		const second = await frame(r, text => text.includes(`Item 2 of ${items.length}`));
		assert.match(second, new RegExp(`^ {2}${re(`${next.number} ${next.title}`)}$`, 'm'));
		assert.ok(second.includes(`• ${next.reasons[0]!.slice(0, 40)}`), `${next.reasons[0]}\n${second}`);
		// Enter opens the presented item's detail; Esc comes back to presenting it.
		r.press(keys.enter);
		await frame(r, text => text.includes('indicator detail'));
		r.press(keys.escape);
		await frame(r, text => text.includes(`Item 2 of ${items.length}`));
		r.press(keys.escape);
		const list = await frame(r, onAgenda);
		assert.ok(selectedLine(list).includes(opening(next)), selectedLine(list));
		assert.match(list, /stand-up agenda/);
		await r.close();
	});

	it('says when presenting has reached the end, and Space starts again from the top', async () => {
		const r = await start(db, {route: {view: 'agenda'}});
		await frame(r, onAgenda);
		r.press(' ');
		await frame(r, text => text.includes(`Item 1 of ${items.length}`));
		r.press('G');
		await frame(r, text => text.includes(`Item ${items.length} of ${items.length}`) && text.includes(`${items.at(-1)!.number} ${items.at(-1)!.title}`));
		r.press(' ');
		await frame(r, text => text.includes(`End of agenda: ${items.length} items for ${SAMPLE.latestMonth}`));
		r.press(' ');
		await frame(r, text => text.includes(`Item 1 of ${items.length}`) && text.includes(opening(items[0]!)));
		await r.close();
	});

	it('starts on the agenda for --standup and re-reads it when the month changes', async () => {
		const r = await start(db, {route: {view: 'agenda'}});
		const dec = await frame(r, onAgenda);
		assert.ok(dec.includes(SAMPLE.header), dec);
		const earlier = await sampleAgenda(db, SAMPLE.previous);
		r.press('[');
		const nov = await frame(r, text => text.includes(`Scorecard ${SAMPLE.previousMonth}`) && onAgenda(text));
		assert.ok(flat(nov).includes(`${earlier.length} to raise`), flat(nov));
		assertItemsShown(flat(nov), firstScreen(nov, earlier));
		// What only the newest month raises is gone.
		const raisedBefore = new Set(earlier.map(item => item.indicator));
		for (const item of items.filter(each => !raisedBefore.has(each.indicator))) assert.ok(!nov.includes(item.title.slice(0, 30)), item.title);
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
		const [selected, ...rest] = firstScreen(text, items);
		assert.ok(selectedLine(text, '>').startsWith(`> ${MARK[selected!.severity]} ${opening(selected!)}`), selectedLine(text, '>'));
		// Each severity's mark, in characters, before the items after the selected one.
		for (const severity of new Set(rest.map(item => item.severity))) {
			const item = rest.find(each => each.severity === severity)!;
			assert.match(text, new RegExp(`^ {2}${re(MARK[severity])} ${re(opening(item))}`, 'm'), `${severity}: ${opening(item)}`);
		}
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
		// The first team's figure for the newest month, five more in time than the sample has.
		const team = SAMPLE.teams[0]!.code;
		const was = sampleFigure('FA45', {team});
		const file = writeCsv(dir, 'measures.csv', `period,indicator,team,numerator,denominator,value\n${SAMPLE.latest},FA45,${team},${was.numerator + 5},${was.denominator},\n`);
		const result = await runLoad({db: copy, files: [file], replace: true});
		assert.ok(result.ok, result.ok ? '' : result.errors.join('\n'));
		// The agenda the console builds after the load: one item says the figure was revised.
		const revised = await sampleAgenda(copy);
		const item = revised.find(each => each.indicator === 'FA45' && each.team === team && each.reasons.some(reason => reason.startsWith('revised since the last load')));
		assert.ok(item, `a revision item: ${revised.map(each => each.line).join('\n')}`);
		assert.match(item.line, new RegExp(`revised since the last load: ${re(SAMPLE.latestMonth)} was ${re(was.shown)}`));
		// The new load is read within a moment; the item is selected where the agenda ranks it.
		await frame(r, text => text.includes(`${revised.length} to raise`));
		const on = (each: AgendaItem) => (text: string) => selectedLine(text).includes(opening(each)) && selectedLine(text).includes(each.whose);
		for (const each of revised.slice(1, revised.indexOf(item) + 1)) {
			r.press('j');
			await frame(r, on(each));
		}
		const after = await frame(r, text => on(item)(text) && flat(text).includes('revised since the last load'));
		// The status line says a figure of the month on screen was revised, and who loaded it.
		assert.match(after, /1 figure of this month revised \d\d:\d\d by \S+: ↻ marks it/);
		assertItemsShown(flat(after), [item]);
		// The summary counts the new item and still fits on its line.
		assert.match(after, new RegExp(`^${revised.length} to raise \\(\\d+-\\d+ of ${revised.length}\\):${re(summary(revised))}$`, 'm'));
		await r.close();
	});
});
