// The console in a real terminal emulator: xterm under Xvfb, against tmux. After a character in
// the last column xterm (like VTE and the Linux console) holds a pending wrap, and an erase there
// takes that last cell; tmux keeps it, so a tmux-only suite never sees a lost column. Each screen
// here is xterm's own dump of what it shows (Media Copy), compared row by row with tmux's capture
// after the same keys.
import assert from 'node:assert/strict';
import {after, afterEach, before, describe, it} from 'node:test';
import {TmuxSession, assertBuilt, indicatorRows, sampleStore} from './helpers/pty.js';
import {cellContrast, hex, type Rgb} from './helpers/colours.js';
import {parseCells, type Cell} from './helpers/xterm.js';
import {XtermSession} from './helpers/xterm.js';
import {SAMPLE} from './helpers/sample.js';

const SPARK = /[▁▂▃▄▅▆▇█]$/;

/** The rows that differ, as `row N: xterm | tmux`, for a failure message. */
function differences(xterm: string[], tmux: string[]): string[] {
	const out: string[] = [];
	for (let i = 0; i < Math.max(xterm.length, tmux.length); i++) {
		const x = (xterm[i] ?? '').trimEnd();
		const t = (tmux[i] ?? '').trimEnd();
		if (x !== t) out.push(`row ${i + 1}:\n  xterm ${JSON.stringify(x)}\n  tmux  ${JSON.stringify(t)}`);
	}
	return out;
}

const same = (xterm: string[], tmux: string[]) => differences(xterm, tmux).length === 0;

describe('a real terminal (xterm) draws what tmux draws', () => {
	let db: string;
	let xterm: XtermSession | undefined;
	let tmux: TmuxSession | undefined;
	before(async () => {
		assertBuilt();
		db = await sampleStore();
	});
	afterEach(async () => {
		await xterm?.close();
		await tmux?.close();
		xterm = undefined;
		tmux = undefined;
	});
	after(async () => {
		await xterm?.close();
		await tmux?.close();
	});

	/**
	 * One step of the same walk in both terminals: the keys (X names for xterm, tmux names for
	 * tmux), tmux's screen once `ok`, then xterm's once it shows the same; fails with the rows that
	 * differ when xterm never does.
	 */
	async function step(what: string, xkeys: string[], tkeys: string[], ok: (lines: string[]) => boolean): Promise<string[]> {
		await tmux!.keys(...tkeys);
		const expected = await tmux!.waitForScreen(ok, {what: `tmux: ${what}`});
		await xterm!.keys(...xkeys);
		let last: string[] = [];
		try {
			await xterm!.waitForScreen(lines => {
				last = lines;
				return same(lines, expected);
			}, {what: `xterm: ${what}`, timeout: 10_000});
		} catch {
			assert.fail(`${what}: xterm's screen differs from tmux's in ${differences(last, expected).length} rows\n${differences(last, expected).join('\n')}`);
		}
		return last;
	}

	it('80x24: the grid after arrow keys (its last sparkline column: the current month), a detail and the agenda', async () => {
		tmux = await TmuxSession.start({columns: 80, rows: 24});
		await tmux.runConsole(['--db', db]);
		xterm = await XtermSession.start({columns: 80, rows: 24, args: ['--db', db]});
		const grid = (lines: string[]) => indicatorRows(lines).length === SAMPLE.indicators.length;
		await tmux.waitForScreen(grid, {what: 'the grid in tmux'});
		await xterm.waitForScreen(grid, {what: 'the grid in xterm'});

		let lines: string[] = [];
		for (const row of [2, 3, 4]) {
			lines = await step(`the selection on row ${row}`, ['Down'], ['Down'], l => new RegExp(`^▶\\s+${row} `).test(l.find(line => line.startsWith('▶')) ?? ''));
		}
		// Every indicator row fills the 80 columns and ends with this month's bar, redrawn or not.
		const rows = indicatorRows(lines);
		assert.equal(rows.length, SAMPLE.indicators.length);
		for (const row of rows) {
			assert.equal([...row].length, 80, `a full row: ${JSON.stringify(row)}`);
			assert.match(row, SPARK, `the current month's bar in the last column: ${JSON.stringify(row)}`);
		}

		lines = await step('the detail of indicator 4', ['Return'], ['Enter'], l => (l[0] ?? '').includes('indicator detail') && l.some(line => line.startsWith('Team')));
		assert.match(lines[1] ?? '', /^4 /);
		lines = await step('the detail scrolled a page', ['Next'], ['NPage'], l => (l[0] ?? '').includes('indicator detail') && !l.some(line => line.startsWith('Team ')));
		lines = await step('the grid again', ['q'], ['q'], grid);
		lines = await step('the agenda', ['a'], ['a'], l => (l[0] ?? '').includes('stand-up agenda') && l.some(line => line.startsWith('▶')));
		lines = await step('the agenda, second item', ['Down'], ['Down'], l => (l[0] ?? '').includes('stand-up agenda') && l.filter(line => /^[▶ ] (!!|\+ |i )/.test(line)).length > 1 && !/^▶/.test(l[2] ?? ''));
		lines = await step('the agenda presenting', ['space'], ['Space'], l => /Item \d+ of \d+/.test(l.join('\n')));
		await xterm.keys('q', 'q', 'q');
		await tmux.keys('q', 'q', 'q');
		assert.equal(await xterm.exitStatus(), 0);
	});

	const WHITE: {foreground: Rgb; background: Rgb} = {foreground: hex('#000000'), background: hex('#ffffff')};

	/** Every RAG mark (●R ●A ●G) outside the selected row, with its two cells. */
	function ragMarks(screen: Cell[][]): Array<{rag: string; cells: Cell[]}> {
		const found: Array<{rag: string; cells: Cell[]}> = [];
		for (const row of screen) {
			if (row.some(cell => cell.inverse)) continue;
			row.forEach((cell, i) => {
				const letter = row[i + 1];
				if (cell.char === '●' && letter && /[RAG]/.test(letter.char)) found.push({rag: letter.char, cells: [cell, letter]});
			});
		}
		return found;
	}

	function assertReadable(marks: Array<{rag: string; cells: Cell[]}>, what: string): void {
		assert.deepEqual([...new Set(marks.map(mark => mark.rag))].sort(), ['A', 'G', 'R'], `${what}: marks of every RAG on screen`);
		for (const {rag, cells} of marks) {
			for (const cell of cells) {
				const ratio = cellContrast(cell, WHITE);
				assert.ok(ratio >= 3, `${what}: ${rag} drawn ${JSON.stringify(cell)} is ${ratio.toFixed(2)}:1 on white`);
			}
		}
	}

	for (const [what, args] of [
		['--theme auto (xterm answers OSC 11: white), 16 colours', ['--theme', 'auto']],
		['--theme light, 256 colours', ['--theme', 'light', '--color', '256']],
	] as const) {
		it(`the light theme's RAG marks on white, in xterm: every one at least 3:1 (${what})`, async () => {
			xterm = await XtermSession.start({columns: 80, rows: 24, args: ['--db', db, ...args], background: 'white', foreground: 'black'});
			await xterm.waitForScreen(lines => indicatorRows(lines).length === SAMPLE.indicators.length, {what: 'the grid'});
			const screen = await xterm.cells();
			const marks = ragMarks(screen);
			assertReadable(marks, what);
			// Amber is never the ANSI yellow on white (1.6:1 in xterm): a badge, or the cube's dark amber.
			for (const {cells} of marks.filter(mark => mark.rag === 'A')) {
				assert.ok(!(cells[0]!.fg.kind === 'index' && [3, 11].includes(cells[0]!.fg.index)), JSON.stringify(cells[0]));
			}
			await xterm.keys('q');
			assert.equal(await xterm.exitStatus(), 0);
		});
	}

	it("the light theme's RAG marks on white, in tmux (its own screen, colours included): every one at least 3:1", async () => {
		for (const args of [['--theme', 'light'], ['--theme', 'light', '--color', '256']]) {
			tmux = await TmuxSession.start({columns: 80, rows: 24});
			await tmux.runConsole(['--db', db, ...args]);
			await tmux.waitForScreen(lines => indicatorRows(lines).length === SAMPLE.indicators.length, {what: 'the grid'});
			const screen = (await tmux.tmux('capture-pane', '-e', '-p', '-t', 'main')).split('\n').map(line => parseCells(line, {xtermPrinter: false}));
			assertReadable(ragMarks(screen), `tmux ${args.join(' ')}`);
			await tmux.close();
		}
	});
});
