// The room: the console in front of a meeting, in tmux and in a real xterm, while a colleague
// loads files. Once someone has pressed a key, a load never changes the month, the view or the
// item on screen: a banner says what arrived, a figure revised while shown says so where it is.
// Then missing figures, the back stack, and --open by number. The same walk in both terminals.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {afterEach, before, describe, it} from 'node:test';
import {TmuxSession, assertBuilt, indicatorRows, runBuiltLoader, sampleStore, tempDir} from './helpers/pty.js';
import {XtermSession} from './helpers/xterm.js';
import {addMonths, formatPeriod} from '../source/domain/periods.js';
import {rateRag} from '../source/domain/rag.js';
import {formatValue} from '../source/domain/units.js';
import {escapeRegExp as re, SAMPLE, sampleAgenda, sampleFigure, sampleIndicator, teamNamePattern, teamShortName} from './helpers/sample.js';

type Key = 'down' | 'up' | 'right' | 'enter' | 'space' | 'escape';

/** What the walk needs of a terminal: keys, text, and its screen once it is as expected. */
type Terminal = {
	name: string;
	press(key: Key): Promise<void>;
	type(text: string): Promise<void>;
	screen(ok: (lines: string[]) => boolean, what: string): Promise<string[]>;
	exitStatus(): Promise<number>;
	close(): Promise<void>;
};

const TMUX_KEYS: Record<Key, string> = {down: 'Down', up: 'Up', right: 'Right', enter: 'Enter', space: 'Space', escape: 'Escape'};
const X_KEYS: Record<Key, string> = {down: 'Down', up: 'Up', right: 'Right', enter: 'Return', space: 'space', escape: 'Escape'};

async function inTmux(args: string[]): Promise<Terminal> {
	const session = await TmuxSession.start({columns: 80, rows: 24});
	await session.runConsole(args);
	return {
		name: 'tmux',
		press: key => session.keys(TMUX_KEYS[key]),
		type: text => session.type(text),
		screen: (ok, what) => session.waitForScreen(ok, {what: `tmux: ${what}`}),
		exitStatus: () => session.exitStatus(),
		close: () => session.close(),
	};
}

async function inXterm(args: string[]): Promise<Terminal> {
	const session = await XtermSession.start({columns: 80, rows: 24, args});
	return {
		name: 'xterm',
		press: key => session.keys(X_KEYS[key]),
		type: async text => {
			for (const char of text) await session.keys(char === ' ' ? 'space' : char);
		},
		screen: (ok, what) => session.waitForScreen(ok, {what: `xterm: ${what}`}),
		exitStatus: () => session.exitStatus(),
		close: () => session.close(),
	};
}

const header = (lines: string[]) => lines[0] ?? '';
const text = (lines: string[]) => lines.join('\n');
/** Presenting's first line: `Item 2 of 10  !! concern`. */
const position = (lines: string[]) => /Item (\d+) of (\d+)/.exec(text(lines));
/** The item's title and team, as presenting shows them under its position. */
function presented(lines: string[]): string {
	const at = lines.findIndex(line => /^Item \d+ of \d+/.test(line));
	return lines.slice(at + 1, at + 6).filter(line => line.trim() !== '').slice(0, 2).join(' | ');
}

// The month after the sample's newest: its first figures, loaded mid-meeting.
const NEXT = addMonths(SAMPLE.latest, 1);
const NEXT_MONTH = formatPeriod(NEXT);
const COUNT = SAMPLE.indicators.length;
const FIRST_FIGURES = `period,indicator,team,numerator,denominator,value\n${NEXT},UNALLOC7,ALL,2,,\n${NEXT},FA45,ALL,300,330,\n`;
const FA45 = sampleIndicator('FA45');

function write(dir: string, name: string, body: string): string {
	const file = path.join(dir, name);
	fs.writeFileSync(file, body);
	return file;
}

const OPENERS: Array<[string, (args: string[]) => Promise<Terminal>]> = [
	['tmux', inTmux],
	['xterm', inXterm],
];

describe('the room: presenting holds still through a load and a revision', () => {
	let terminal: Terminal | undefined;
	before(() => assertBuilt());
	afterEach(async () => {
		await terminal?.close();
		terminal = undefined;
	});

	for (const [name, open] of OPENERS) {
		it(`in ${name}: a month loaded mid-meeting is a banner, a revision of the item shown is marked on it; L then shows the new month`, async () => {
			const db = await sampleStore();
			const dir = tempDir();
			// The agenda's first item, as the console builds it for the sample: a team's percentage.
			const item = (await sampleAgenda(db))[0]!;
			const def = sampleIndicator(item.indicator);
			assert.ok(item.team !== 'ALL' && def.unit === 'percent' && def.polarity !== 'none', `the sample's first item is a team's rated percentage: ${item.line}`);
			const was = sampleFigure(item.indicator, {team: item.team});
			terminal = await open(['--db', db, '--standup']);
			let lines = await terminal.screen(l => header(l).includes('stand-up agenda') && l.some(line => line.startsWith('▶')), 'the agenda');
			await terminal.press('space');
			lines = await terminal.screen(l => position(l)?.[1] === '1', 'presenting item 1');
			const count = position(lines)![2];
			const first = presented(lines);
			assert.match(first, new RegExp(`${re(item.title)}.*\\|.*${re(item.teamName)}`));
			await terminal.press('down');
			lines = await terminal.screen(l => position(l)?.[1] === '2', 'presenting item 2');
			const second = presented(lines);

			// A colleague loads the next month's first figures: the room stays on item 2.
			const january = write(dir, 'next.csv', FIRST_FIGURES);
			const loaded = await runBuiltLoader(['--db', db, january]);
			assert.equal(loaded.code, 0, loaded.stderr);
			lines = await terminal.screen(l => new RegExp(`${NEXT_MONTH} \\(partial: 2 of ${COUNT}\\) loaded \\d\\d:\\d\\d by \\S+ · L to view`).test(text(l)), 'the banner for the next month');
			assert.ok(header(lines).startsWith(SAMPLE.header), header(lines));
			assert.equal(position(lines)?.[1], '2', 'still item 2');
			assert.equal(position(lines)?.[2], count, 'of as many items');
			assert.equal(presented(lines), second);

			// Back to item 1, then its figure is replaced by one that meets the target (all, or none,
			// of its cases by polarity): green, no longer raised.
			await terminal.press('up');
			lines = await terminal.screen(l => position(l)?.[1] === '1', 'item 1 again');
			const numerator = def.polarity === 'higher' ? was.denominator! : 0;
			const now = formatValue('percent', (100 * numerator) / was.denominator!);
			const revision = write(dir, 'team.csv', `period,indicator,team,numerator,denominator,value\n${SAMPLE.latest},${item.indicator},${item.team},${numerator},${was.denominator},\n`);
			const replaced = await runBuiltLoader(['--db', db, '--replace', revision]);
			assert.equal(replaced.code, 0, replaced.stderr);
			lines = await terminal.screen(l => text(l).includes(`: was ${was.shown}, now ${now}`) && /↻ revised \d\d:\d\d: was/.test(text(l)), 'the revision marked on the item');
			// Its figure updated in place (the agenda now raises it for the revision itself).
			assert.match(text(lines), new RegExp(`^\\s+${re(now)}\\s+target ${re(was.targetShown)} or ${def.polarity === 'higher' ? 'more' : 'less'}\\s+●G green`, 'm'));
			assert.equal(position(lines)?.[1], '1', 'the item stays on screen');
			assert.equal(position(lines)?.[2], count);
			assert.equal(presented(lines), first);
			assert.ok(header(lines).startsWith(SAMPLE.header), header(lines));
			// The item's team row, updated in place.
			assert.match(text(lines), new RegExp(`${teamNamePattern(item.team)}\\s+${numerator} / ${was.denominator}\\s+${re(now)}\\s+●G`));

			// Out of presenting, the list keeps the item where it was, marked.
			await terminal.press('escape');
			const opening = `${item.number} ${item.title.split(' ').slice(0, 2).join(' ')}`;
			lines = await terminal.screen(l => l.some(line => /^▶↻(!!|! ) /.test(line) && line.includes(opening)), 'the list, item 1 marked revised');

			// L: the month that arrived.
			await terminal.type('L');
			lines = await terminal.screen(l => header(l).startsWith(`Scorecard ${NEXT_MONTH} partial: 2 of ${COUNT}`), 'the next month');
			await terminal.type('q');
			await terminal.type('q');
			assert.equal(await terminal.exitStatus(), 0);
		});

		it(`in ${name}: a missing figure is "missing" and ${'╳'}, never a dash or "not rated"; the summary counts it apart`, async () => {
			const db = await sampleStore();
			const january = write(tempDir(), 'next.csv', FIRST_FIGURES);
			assert.equal((await runBuiltLoader(['--db', db, january])).code, 0);
			terminal = await open(['--db', db, '--month', NEXT]);
			const lines = await terminal.screen(l => indicatorRows(l).length === COUNT, 'the next month\'s grid');
			const rows = indicatorRows(lines);
			const missing = rows.filter(row => /\bmissing\b/.test(row));
			assert.equal(missing.length, COUNT - 2, rows.join('\n'));
			for (const row of missing) {
				assert.match(row, /missing\s+(\S+( \S+)?)\s+╳/, row);
				assert.doesNotMatch(row, /○|\s-\s/, row);
			}
			// The two figures rated against the sample's targets, the rest missing.
			const rated = (code: string, value: number) => {
				const each = sampleIndicator(code);
				return rateRag(value, each.target, each.amber, each.polarity as 'higher' | 'lower' | 'none');
			};
			const rags = [rated('UNALLOC7', 2), rated('FA45', (100 * 300) / 330)];
			const counted = (rag: string) => rags.filter(each => each === rag).length;
			const notRated = counted('none') > 0 ? ` · ${counted('none')} not rated` : '';
			assert.ok(text(lines).includes(`${counted('red')} red · ${counted('amber')} amber · ${counted('green')} green${notRated} · ${COUNT - 2} missing`), text(lines));
			await terminal.type('q');
			assert.equal(await terminal.exitStatus(), 0);
		});

		it(`in ${name}: the back stack is bounded (q reaches the grid in at most two presses), a matrix cell opens its own team, --open 3 opens indicator 3`, async () => {
			const db = await sampleStore();
			terminal = await open(['--db', db]);
			const grid = (l: string[]) => header(l).includes('all indicators') && indicatorRows(l).length === COUNT;
			const other = `FA45 ${teamShortName('OTHER')}`;
			await terminal.screen(grid, 'the grid');
			// Views reached from anywhere replace each other: t a t a c t is still one q from the grid.
			for (const key of ['t', 'a', 't', 'a', 'c', 't']) {
				await terminal.type(key);
				const title = {t: 'team matrix', a: 'stand-up agenda', c: 'caseload distribution'}[key]!;
				await terminal.screen(l => header(l).includes(title), title);
			}
			await terminal.type('q');
			await terminal.screen(grid, 'the grid after one q');

			// A cell's detail, the whole service with w, back, the same cell: the team's detail again.
			for (let row = 1; row < FA45.number; row++) await terminal.press('down');
			await terminal.type('t');
			await terminal.screen(l => header(l).includes('team matrix') && new RegExp(`^▶\\s+${FA45.number} `).test(l.find(line => line.startsWith('▶')) ?? ''), `the matrix on indicator ${FA45.number}`);
			for (let i = 0; i < 6; i++) {
				const before = text(await terminal.screen(l => header(l).includes('team matrix'), 'the matrix'));
				if (before.includes(other)) break;
				await terminal.press('right');
				await terminal.screen(l => text(l) !== before, 'the next cell');
			}
			await terminal.screen(l => text(l).includes(other), 'the Other citywide cell');
			await terminal.press('enter');
			await terminal.screen(l => header(l).includes('indicator detail') && (l[1] ?? '').endsWith(` ${teamShortName('OTHER')}`), "OTHER's detail");
			await terminal.type('w');
			await terminal.screen(l => /whole service$/.test(l[1] ?? ''), 'the whole service');
			await terminal.type('q');
			await terminal.screen(l => header(l).includes('team matrix'), 'back on the matrix');
			await terminal.press('enter');
			await terminal.screen(l => header(l).includes('indicator detail') && (l[1] ?? '').endsWith(` ${teamShortName('OTHER')}`), "OTHER's detail again, not the whole service");
			// Two q's to the grid, the third quits.
			await terminal.type('q');
			await terminal.screen(l => header(l).includes('team matrix'), 'the matrix');
			await terminal.type('q');
			await terminal.screen(grid, 'the grid');
			await terminal.type('q');
			assert.equal(await terminal.exitStatus(), 0);
			await terminal.close();

			terminal = await open(['--db', db, '--open', String(FA45.number)]);
			await terminal.screen(l => header(l).includes('indicator detail') && new RegExp(`^${FA45.number} FA45\\s+${re(FA45.title)}`).test(l[1] ?? ''), `indicator ${FA45.number} by its number`);
			await terminal.type('q');
			await terminal.screen(grid, 'the grid');
			await terminal.type('q');
			assert.equal(await terminal.exitStatus(), 0);
		});
	}
});
