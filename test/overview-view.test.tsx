import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {before, describe, it} from 'node:test';
import {addMonths, formatPeriod} from '../source/domain/periods.js';
import {matchesFilter} from '../source/domain/red-amber.js';
import {runLoad} from '../source/loader/load.js';
import {overviewLayout} from '../source/views/overview/overview-layout.js';
import {assertFits, openConsoles, sampleStore, type ConsoleOptions} from './helpers/console.js';
import {keys, lineWith, plain, selectedLine, waitForFrame} from './helpers/ink.js';
import {tempDir} from './helpers/temp-store.js';
import {escapeRegExp as re, monthsBack, rowStart, SAMPLE, sampleFigure, titleWords} from './helpers/sample.js';

// The home grid and the keys every view shares, driven as a user would, on a real store.

const last = SAMPLE.lastIndicator;
/** A row of the grid selected: `▶  2 Re-referrals`. */
const selected = (number: number, words = 1, marker = '▶') => new RegExp(`${re(marker)}\\s+${re(rowStart(number, words))}`);
/** The newest month's figures, RAG and all, of every indicator. */
const figures = SAMPLE.indicators.map(indicator => sampleFigure(indicator.code));
const numbersRated = (...rags: string[]) => figures.filter(figure => rags.includes(figure.rag)).map(figure => Number(SAMPLE.indicators.find(i => i.code === figure.indicator)!.number));
/** The indicators the `/adopt` filter keeps, by the console's own rule. */
const adopt = SAMPLE.indicators.filter(indicator => matchesFilter(indicator, 'adopt'));
const filtered = `(${adopt.length} of ${SAMPLE.indicators.length}; Esc clears)`;
const [november, october, september] = monthsBack(3);
/** A grid line: value, target, RAG, then what follows. */
const gridFigure = (code: string) => {
	const figure = sampleFigure(code);
	return `${re(figure.shown)}\\s+${re(figure.targetShown)} ●${figure.mark}`;
};

let db: string;
before(async () => {
	db = await sampleStore();
});

const openConsole = openConsoles();
/** The console on the sample store, once the grid is drawn. */
async function start(options: ConsoleOptions = {}) {
	const r = await openConsole(db, options);
	await waitForFrame(r, f => f.includes(SAMPLE.lastTitle));
	return r;
}

describe('the overview grid', () => {
	it('shows every indicator by number with value, target, RAG and trend for the newest month', async () => {
		const r = await start();
		const frame = plain(r.lastFrame());
		assertFits(frame);
		assert.ok(frame.split('\n')[0]!.includes(SAMPLE.header));
		assert.match(frame.split('\n')[0]!, /latest/);
		const numbers = frame
			.split('\n')
			.map(line => /^..\s*(\d+) /.exec(line)?.[1])
			.filter(Boolean)
			.map(Number);
		assert.deepEqual(numbers, SAMPLE.indicators.map(indicator => indicator.number));
		// Value, target, RAG, the arrow against last month (at display precision: 92.09% then 92.21%
		// is the same 92%, so → and no better or worse) and the six months before.
		for (const [code, words] of [['FA45', 2], ['CPVISIT', 3], ['CIC', 3]] as const) {
			const figure = sampleFigure(code);
			assert.match(lineWith(frame, titleWords(code, words)), new RegExp(`${gridFigure(code)}\\s+${re(figure.arrow.trim())}\\s+${re(figure.previous6Shown)}`), code);
		}
		assert.match(frame, /Enter open/);
	});

	it('moves the selection with arrows, j/k, g/G and pages, and it reads without colour', async () => {
		const r = await start({color: false});
		assert.match(selectedLine(plain(r.lastFrame())), selected(1));
		r.press(keys.down);
		await waitForFrame(r, f => selected(2).test(selectedLine(f)));
		r.press('j');
		await waitForFrame(r, f => selected(3).test(selectedLine(f)));
		r.press('k');
		await waitForFrame(r, f => selected(2).test(selectedLine(f)));
		r.press('G');
		await waitForFrame(r, f => selected(last.number).test(selectedLine(f)));
		r.press('g');
		await waitForFrame(r, f => selected(1).test(selectedLine(f)));
		r.press(keys.pageDown);
		await waitForFrame(r, f => selected(last.number).test(selectedLine(f)));
		r.press(keys.up);
		await waitForFrame(r, f => selected(last.number - 1).test(selectedLine(f)));
	});

	it('takes several keys arriving in one chunk one by one', async () => {
		const r = await start();
		r.press('jjjj');
		await waitForFrame(r, f => selected(5, 2).test(selectedLine(f)));
	});

	it('reads each key of a chunk against what the key before it left: sort, then move in the new order', async () => {
		const r = await start();
		r.press('gsj');
		const frame = await waitForFrame(r, f => f.includes('worst first') && !selected(1).test(selectedLine(f)));
		// The row under the first in the worst-first order: the j moved in the order the s made.
		const rows = frame.split('\n').filter(line => /^[▶ ]\s+\d+ /.test(line));
		const first = rows.findIndex(line => new RegExp(`^\\s+${re(rowStart(1))}`).test(line));
		assert.ok(first >= 0 && first < rows.length - 1, frame);
		assert.ok(rows[first + 1]!.startsWith('▶'), `the row under indicator 1 in the new order is selected:\n${frame}`);
		assert.ok(!selected(2).test(selectedLine(frame)) || first === 0, 'not the row under it in the old order');
	});

	it('jumps to the next and previous red or amber indicator with n and N', async () => {
		const r = await start();
		// From 1 (selected at start), the red and amber rows after it, in number order.
		const [next, after] = numbersRated('red', 'amber').filter(number => number > 1);
		assert.ok(next !== undefined && after !== undefined, 'the sample has two red or amber indicators after the first');
		r.press('n');
		await waitForFrame(r, f => selected(next, 2).test(selectedLine(f)));
		r.press('n');
		await waitForFrame(r, f => selected(after, 2).test(selectedLine(f)));
		r.press('N');
		await waitForFrame(r, f => selected(next, 2).test(selectedLine(f)));
	});

	it('filters by text, keeps the filter on Enter, and Esc clears it before going anywhere', async () => {
		const r = await start();
		r.press('/');
		await waitForFrame(r, f => f.includes('Enter keeps the filter'));
		for (const char of 'adopt') {
			r.press(char);
			await waitForFrame(r, f => f.split('\n').some(line => line.startsWith(`/${'adopt'.slice(0, 'adopt'.indexOf(char) + 1)}`)));
		}
		let frame = await waitForFrame(r, f => !f.includes(titleWords('FA45')));
		const kept = frame.split('\n').filter(line => /^..\s*\d+ /.test(line)).map(line => Number(/^..\s*(\d+) /.exec(line)![1]));
		assert.deepEqual(kept, adopt.map(indicator => indicator.number));
		r.press(keys.enter);
		frame = await waitForFrame(r, f => f.includes(filtered));
		r.press(keys.down);
		await waitForFrame(r, f => selected(adopt[1]!.number).test(selectedLine(f)));
		r.press(keys.escape);
		frame = await waitForFrame(r, f => f.includes(titleWords('FA45')));
		assert.ok(!frame.includes('Esc clears'));
		assert.match(selectedLine(frame), selected(adopt[1]!.number), 'the selection stays on the indicator');
		assert.match(frame.split('\n')[0]!, /all indicators/, 'still on the grid');
	});

	it('opens the detail with Enter and comes back to the same row with Esc', async () => {
		const r = await start();
		r.press(keys.down);
		await waitForFrame(r, f => /▶\s+2 /.test(selectedLine(f)));
		r.press(keys.down);
		await waitForFrame(r, f => /▶\s+3 /.test(selectedLine(f)));
		r.press(keys.enter);
		await waitForFrame(r, f => f.split('\n')[0]!.includes('indicator detail') && f.includes(titleWords(3)));
		r.press(keys.escape);
		const frame = await waitForFrame(r, f => f.split('\n')[0]!.includes('all indicators'));
		assert.match(selectedLine(frame), selected(3));
	});

	it('never quits on Esc, even at the top, and joins an arrow split by a slow link', async () => {
		const r = await start();
		r.press(keys.escape);
		r.press(keys.escape);
		r.press(keys.down);
		await waitForFrame(r, f => /▶\s+2 /.test(selectedLine(f)));
		// ESC alone, then the rest of the arrow: one Down, not Escape then "[B".
		r.press('\u001B');
		await new Promise(resolve => setTimeout(resolve, 5));
		r.press('[B');
		const frame = await waitForFrame(r, f => /▶\s+3 /.test(selectedLine(f)));
		assert.ok(frame.split('\n')[0]!.includes(SAMPLE.latestMonth), '"[" was not taken as previous month');
	});

	it('takes Esc pressed twice in one read as two Escs', async () => {
		const r = await start();
		r.press('t');
		await waitForFrame(r, f => f.split('\n')[0]!.includes('team matrix'));
		r.press(keys.enter);
		await waitForFrame(r, f => f.split('\n')[0]!.includes('indicator detail'));
		r.press('\u001B\u001B');
		await waitForFrame(r, f => f.split('\n')[0]!.includes('all indicators'));
	});

	it('takes Esc and a key typed quickly enough to share a read as Esc, then the key', async () => {
		const r = await start();
		r.press('t');
		await waitForFrame(r, f => f.split('\n')[0]!.includes('team matrix'));
		r.press('\u001Bc');
		await waitForFrame(r, f => f.split('\n')[0]!.includes('caseload distribution'));
		r.press(keys.escape);
		await waitForFrame(r, f => f.split('\n')[0]!.includes('all indicators'));
	});

	it('travels in time with ← → [ ] and follows the newest month again at the end', async () => {
		const r = await start();
		r.press(keys.left);
		let frame = await waitForFrame(r, f => f.split('\n')[0]!.includes(`Scorecard ${november}`));
		assert.ok(frame.split('\n')[0]!.includes(`newer: ${SAMPLE.latestMonth}`));
		r.press('[');
		frame = await waitForFrame(r, f => f.split('\n')[0]!.includes(`Scorecard ${october}`));
		r.press(']');
		await waitForFrame(r, f => f.split('\n')[0]!.includes(`Scorecard ${november}`));
		r.press(keys.right);
		frame = await waitForFrame(r, f => f.split('\n')[0]!.includes(SAMPLE.header));
		assert.match(frame.split('\n')[0]!, /latest/);
		r.press(keys.right);
		r.press('r');
		await waitForFrame(r, f => f.split('\n')[0]!.includes(SAMPLE.header));
	});

	it('shows the help from the key map, keys and marks on one screen, and closes it with Esc', async () => {
		const r = await start();
		r.press('?');
		const frame = await waitForFrame(r, f => f.includes('Keys (all indicators)'));
		assertFits(frame);
		for (const words of ['move up / down', 'team matrix', 'caseloads', 'filter by text', 'next / previous red, amber', 'back to the latest month', 'sort: number']) {
			assert.ok(frame.includes(words), words);
		}
		// Every mark a view draws, the agenda's and the new ones too.
		for (const mark of ['●R ●A ●G', '○ ╳', 'missing', '↑ ↓ →', '▶ ↻', 'revised on screen', '◆', 'common cause', 'H! L!', 'n/a', 'SPC does not apply', '<13 =', 'P F ? S', 'stale limits', '!! ! + i', 'concern, watch, better, note', 'Ctrl-C']) {
			assert.ok(frame.includes(mark), mark);
		}
		assert.ok(!frame.includes('more ('), 'no second page at 80x24');
		r.press(keys.escape);
		await waitForFrame(r, f => f.includes(SAMPLE.lastTitle) && !f.includes('Keys ('));
	});

	it('fits the help on one 80x24 screen in every view', async () => {
		for (const [key, title] of [['t', 'team matrix'], ['c', 'caseload distribution'], ['a', 'stand-up agenda'], [keys.enter, 'indicator detail']] as const) {
			const r = await start();
			r.press(key);
			await waitForFrame(r, f => f.split('\n')[0]!.includes(title));
			r.press('?');
			const frame = await waitForFrame(r, f => f.includes(`Keys (${title})`) && f.includes('Agenda'));
			assertFits(frame);
			assert.ok(!frame.includes('more ('), `one screen for the ${title}'s help:\n${frame}`);
			await r.close();
		}
	});

	it('draws only ASCII in --ascii mode', async () => {
		const r = await start({ascii: true});
		const frame = plain(r.lastFrame());
		assert.ok(/^[\u0020-\u007E\n]*$/.test(frame), `non-ASCII in: ${frame.match(/[^\u0020-\u007E\n]/g)?.join('')}`);
		assert.match(selectedLine(frame, '>'), selected(1, 1, '>'));
		assert.match(lineWith(frame, titleWords('CIC', 3)), new RegExp(`\\*${sampleFigure('CIC').mark}`));
	});

	it('says the terminal is too small below 60x12', async () => {
		const r = await openConsole(db, {columns: 50, rows: 10});
		const frame = await waitForFrame(r, f => f.includes('terminal too small'));
		assert.match(frame, /need 60x12/);
		assert.equal(frame.trim().split('\n').length, 1);
	});
});

describe('the grid layout', () => {
	it('drops the benchmark and sparkline first as the width shrinks, and never overflows', () => {
		const wide = overviewLayout(120);
		assert.ok(wide.columns.has('national') && wide.columns.has('spark'));
		const eighty = overviewLayout(80);
		assert.ok(!eighty.columns.has('national'));
		const narrow = overviewLayout(66);
		assert.ok(!narrow.columns.has('spark') && !narrow.columns.has('national'));
		assert.ok(narrow.columns.has('title') && narrow.title >= 24);
		for (let width = 60; width <= 200; width++) {
			const layout = overviewLayout(width);
			const w = layout.widths;
			let used = w.marker + (w.number + 1) + layout.title + (w.value + 1) + (w.target + 1) + (w.rag + 1) + w.trend;
			if (layout.columns.has('previous6')) used += w.previous6 + 1;
			if (layout.columns.has('spc')) used += w.spc + 1;
			if (layout.columns.has('spark')) used += layout.spark + 1;
			if (layout.columns.has('national')) used += w.national + 1;
			assert.ok(used <= width, `width ${width}: uses ${used}`);
		}
	});
});

describe('live updates', () => {
	const csv = (rows: string[]) => ['period,indicator,team,numerator,denominator,value', ...rows].join('\n') + '\n';
	// A month after the sample's newest, loaded by someone else.
	const next = addMonths(SAMPLE.latest, 1);
	const nextMonth = formatPeriod(next);

	it('moves to a newer month loaded by someone else, and re-reads changed figures', async () => {
		const dir = tempDir();
		const copy = path.join(dir, 'live.db');
		fs.copyFileSync(db, copy);
		// The worker key lives beside the store: a loader of the copy needs it too.
		if (fs.existsSync(`${db}.key`)) fs.copyFileSync(`${db}.key`, `${copy}.key`);
		const r = await openConsole(copy);
		await waitForFrame(r, f => f.includes(SAMPLE.header));
		const file = path.join(dir, 'next.csv');
		// A whole month (every indicator): a partial one would not be followed on its own.
		const others = SAMPLE.indicators.map(indicator => indicator.code).filter(code => code !== 'FA45' && code !== 'CPVISIT');
		fs.writeFileSync(file, csv([`${next},FA45,ALL,700,1000,`, `${next},CPVISIT,ALL,850,900,`, ...others.map(code => `${next},${code},ALL,,,50`)]));
		const loaded = await runLoad({db: copy, files: [file], now: new Date(`${addMonths(next, 1)}-10`)});
		assert.ok(loaded.ok);
		const frame = await waitForFrame(r, f => f.split('\n')[0]!.includes(`Scorecard ${nextMonth}`), 2000);
		// 700 of 1,000 against the sample's target (85%, more than its amber band below it).
		assert.match(lineWith(frame, titleWords('FA45')), new RegExp(`70%\\s+${re(sampleFigure('FA45').targetShown)} ●R`));
	});

	it('stays on a month the user chose and says a newer one exists', async () => {
		const dir = tempDir();
		const copy = path.join(dir, 'pinned.db');
		fs.copyFileSync(db, copy);
		// The worker key lives beside the store: a loader of the copy needs it too.
		if (fs.existsSync(`${db}.key`)) fs.copyFileSync(`${db}.key`, `${copy}.key`);
		const r = await openConsole(copy);
		await waitForFrame(r, f => f.includes(SAMPLE.header));
		r.press('[');
		await waitForFrame(r, f => f.split('\n')[0]!.includes(`Scorecard ${november}`));
		const file = path.join(dir, 'next.csv');
		fs.writeFileSync(file, csv([`${next},FA45,ALL,700,1000,`]));
		assert.ok((await runLoad({db: copy, files: [file], now: new Date(`${addMonths(next, 1)}-10`)})).ok);
		const frame = await waitForFrame(r, f => f.split('\n')[0]!.includes(`newer: ${nextMonth}`), 2000);
		assert.ok(frame.split('\n')[0]!.includes(`Scorecard ${november}`));
		// The month arrived while another was on screen: a banner says what came, when and by whom.
		assert.match(frame, new RegExp(`${nextMonth} \\(partial: 1 of ${SAMPLE.indicators.length}\\) loaded \\d\\d:\\d\\d by \\S+ · L to view`));
	});

	it('keeps the last good figures and says so when the store becomes unreadable', async () => {
		const dir = tempDir();
		const copy = path.join(dir, 'gone.db');
		fs.copyFileSync(db, copy);
		// The worker key lives beside the store: a loader of the copy needs it too.
		if (fs.existsSync(`${db}.key`)) fs.copyFileSync(`${db}.key`, `${copy}.key`);
		const r = await openConsole(copy);
		await waitForFrame(r, f => f.includes(SAMPLE.lastTitle));
		fs.renameSync(copy, path.join(dir, 'moved.db'));
		const frame = await waitForFrame(r, f => f.includes('the store has gone'), 3000);
		assert.ok(frame.includes(SAMPLE.lastTitle), 'the last good frame stays');
		fs.renameSync(path.join(dir, 'moved.db'), copy);
		await waitForFrame(r, f => !f.includes('the store has gone'), 3000);
	});
});

describe('ASCII mode and text from files', () => {
	it('shows titles, team names and commentary written with typographic marks in ASCII, in every view', async () => {
		const dir = tempDir();
		const write = (name: string, text: string) => {
			const file = path.join(dir, name);
			fs.writeFileSync(file, text);
			return file;
		};
		const db = path.join(dir, 'marks.db');
		const loaded = await runLoad({
			db,
			now: new Date('2018-01-15'),
			files: [
				write('teams.csv', 'code,name,population\nEAST,East – the “old” area,1000\n'),
				write('indicators.csv', 'code,number,title,unit,polarity,target,amber,measure,definition\nKIDS,1,Children’s visits – in time…,percent,higher,90,5,monthly,Visits · on time\n'),
				write('measures.csv', 'period,indicator,team,numerator,denominator,value\n2017-11,KIDS,ALL,80,100,\n2017-12,KIDS,ALL,85,100,\n2017-11,KIDS,EAST,80,100,\n2017-12,KIDS,EAST,85,100,\n'),
				write('commentary.csv', 'period,indicator,text\n2017-12,KIDS,“Better” – still short\n'),
			],
		});
		assert.ok(loaded.ok, loaded.ok ? '' : loaded.errors.join('\n'));
		const r = await openConsole(db, {ascii: true});
		const ascii = (frame: string) => assert.ok(/^[\u0020-\u007E\n]*$/.test(frame), `non-ASCII in: ${frame.match(/[^\u0020-\u007E\n]/g)?.join('')}`);
		let frame = await waitForFrame(r, f => f.includes("Children's visits - in time"));
		ascii(frame);
		r.press('t');
		frame = await waitForFrame(r, f => f.includes('team matrix') && f.includes('East - the "old" area'));
		ascii(frame);
		r.press(keys.enter);
		frame = await waitForFrame(r, f => f.includes('indicator detail') && f.includes('KIDS'));
		ascii(frame);
		r.press('G');
		frame = await waitForFrame(r, f => f.includes('"Better" - still short'));
		ascii(frame);
		r.press(keys.escape);
		await waitForFrame(r, f => f.split('\n')[0]!.includes('team matrix'));
		r.press(keys.escape);
		await waitForFrame(r, f => f.split('\n')[0]!.includes('all indicators'));
		r.press('a');
		frame = await waitForFrame(r, f => f.includes('stand-up agenda'));
		ascii(frame);
	});
});

describe('the grid says everything it holds', () => {
	it('shows the selected title in full, the month in counts, and the sort in the heading', async () => {
		const r = await start();
		let frame = plain(r.lastFrame());
		assert.match(frame, new RegExp(`^${re(`1 ${SAMPLE.indicators[0]!.title}`)}$`, 'm'));
		const count = (rag: string) => numbersRated(rag).length;
		const summary = `${count('red')} red · ${count('amber')} amber · ${count('green')} green${count('none') > 0 ? ` · ${count('none')} not rated` : ''}`;
		assert.match(frame, new RegExp(`^${re(summary)}`, 'm'));
		assert.match(frame.split('\n')[1]!, /Indicator · by number/);
		// Two titles that open alike (the adoption pair) read differently on their rows.
		const [first, second] = adopt.map(indicator => lineWith(frame, `${String(indicator.number).padStart(2)} ${titleWords(indicator.number, 1)}`));
		assert.ok(first && second && first !== second.replace(String(adopt[1]!.number), String(adopt[0]!.number).padStart(2)), 'the two adoption rows read differently');
		const ownWords = adopt[0]!.title.split(/\W+/).filter(word => word.length > 3 && !adopt[1]!.title.includes(word));
		assert.ok(ownWords.some(word => first.includes(word)), `row ${adopt[0]!.number} shows a word of its own title (${ownWords.join(', ')}): ${first}`);
		r.press('s');
		frame = await waitForFrame(r, f => f.split('\n')[1]!.includes('worst first'));
		assert.match(selectedLine(frame), selected(1), 'the selection stays on the indicator');
		const order = frame.split('\n').map(line => /^..\s*(\d+) /.exec(line)?.[1]).filter(Boolean).map(Number);
		const reds = numbersRated('red');
		assert.deepEqual(order.slice(0, reds.length).sort((a, b) => a - b), reds, 'the reds first');
		r.press('s');
		await waitForFrame(r, f => f.split('\n')[1]!.includes('most change'));
		r.press('s');
		await waitForFrame(r, f => f.split('\n')[1]!.includes('by number'));
	});

	it('says how many rows are hidden at 80x14, above and below', async () => {
		const r = await openConsole(db, {rows: 14});
		let frame = await waitForFrame(r, f => f.includes('more'));
		assertFits(frame, {columns: 80, rows: 14});
		const shown = frame.split('\n').filter(line => /^..\s*\d+ /.test(line)).length;
		const hidden = SAMPLE.indicators.length - shown;
		assert.ok(hidden > 0, 'rows hidden at 80x14');
		assert.ok(frame.includes(`↓ ${hidden} more`), frame);
		for (let i = 0; i < SAMPLE.indicators.length - 1; i++) {
			r.press('j');
			await waitForFrame(r, f => new RegExp(`▶\\s+${i + 2} `).test(selectedLine(f)));
		}
		frame = plain(r.lastFrame());
		assert.ok(frame.includes(`↑ ${hidden} more`), frame);
		assert.match(selectedLine(frame), selected(last.number));
		assertFits(frame, {columns: 80, rows: 14});
	});

	it('carries the filter into the team matrix and back', async () => {
		const r = await start();
		r.press('/');
		await waitForFrame(r, f => f.includes('Enter keeps the filter'));
		for (const char of 'adopt') {
			r.press(char);
			await waitForFrame(r, f => f.split('\n').some(line => line.startsWith(`/${'adopt'.slice(0, 'adopt'.indexOf(char) + 1)}`)));
		}
		r.press(keys.enter);
		await waitForFrame(r, f => f.includes(filtered));
		r.press('t');
		let frame = await waitForFrame(r, f => f.includes('team matrix') && f.includes(SAMPLE.teams[0]!.code));
		assert.ok(frame.includes(filtered));
		assert.equal(lineWith(frame, titleWords('FA45')), '');
		r.press('q');
		frame = await waitForFrame(r, f => f.includes('all indicators'));
		assert.ok(frame.includes(filtered), 'still filtered on the grid');
	});

	it('returns to the latest month with L', async () => {
		const r = await start();
		for (const month of [november, october, september]) {
			r.press('[');
			await waitForFrame(r, f => f.split('\n')[0]!.includes(`Scorecard ${month}`));
		}
		assert.match(plain(r.lastFrame()), /L for the latest/);
		r.press('L');
		const frame = await waitForFrame(r, f => f.split('\n')[0]!.includes(SAMPLE.header));
		assert.match(frame.split('\n')[0]!, /latest/);
	});
});
