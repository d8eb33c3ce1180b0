// The terminals people reach the console through: sizes, resizing, no colour, no UTF-8, pipes.
// Screens from tmux, bytes from node-pty; always the built console.
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {CLI, ENTER_ALTERNATE_SCREEN, assertNoScreenClears, colourSequences, e2eSetup, indicatorRows, keys, plain, shellQuote, textRuns, widest} from './helpers/pty.js';
import {escapeRegExp as re, rowStart, SAMPLE} from './helpers/sample.js';

const header = (lines: string[]) => lines[0] ?? '';
const FOOTER = /^Enter open/;
/** The grid's second row, as it starts: `2 Re-referrals`. */
const SECOND = re(rowStart(2));

/** The whole grid as it should be at a size: header on row 1, footer on row rows-1, last row empty. */
function gridOk(lines: string[], rows: number): boolean {
	return (
		lines.length === rows &&
		header(lines).startsWith(SAMPLE.header) &&
		indicatorRows(lines).length === SAMPLE.indicators.length &&
		FOOTER.test(lines[rows - 2] ?? '') &&
		(lines[rows - 1] ?? '').trim() === ''
	);
}

/** Any view at any size: header on row 1, a footer on row rows-1, the last row empty. */
function frameOk(lines: string[], rows: number): boolean {
	return (
		lines.length === rows &&
		header(lines).startsWith(SAMPLE.header) &&
		FOOTER.test(lines[rows - 2] ?? '') &&
		(lines[rows - 1] ?? '').trim() === '' &&
		lines.filter(line => line.startsWith('Scorecard')).length === 1 &&
		lines.filter(line => FOOTER.test(line)).length === 1
	);
}

function noDuplicateLines(lines: string[]): void {
	const filled = lines.filter(line => line.trim() !== '');
	const seen = new Set<string>();
	for (const line of filled) {
		assert.ok(!seen.has(line), `line drawn twice: ${JSON.stringify(line)}\n${lines.join('\n')}`);
		seen.add(line);
	}
}

describe('terminal sizes and resizing', () => {
	const e2e = e2eSetup();

	for (const [columns, rows] of [
		[80, 24],
		[120, 40],
	] as const) {
		it(`draws the grid at ${columns}x${rows}: nothing wider than the terminal, the frame at most rows-1 tall`, async () => {
			const session = await e2e.tmux({columns, rows});
			assert.deepEqual(await session.size(), {columns, rows});
			await session.runConsole(['--db', e2e.db]);
			const lines = await session.waitForScreen(l => gridOk(l, rows), {what: `the whole grid at ${columns}x${rows}`});
			noDuplicateLines(lines);
			await session.keys('Down');
			await session.waitForScreen(l => /^▶\s+2 /.test(l.find(line => line.startsWith('▶')) ?? ''), {what: 'the selection on row 2'});
			await session.keys('Enter');
			await session.waitForScreen(l => header(l).includes('indicator detail') && (l[rows - 1] ?? '').trim() === '' && l[rows - 2]!.trim() !== '', {
				what: 'the detail view, footer on rows-1',
			});
			await session.type('q');
			await session.waitForScreen(l => gridOk(l, rows), {what: 'the grid again'});
			await session.type('q');
			assert.equal(await session.exitStatus(), 0);

			const raw = session.raw();
			const console = raw.slice(raw.indexOf(ENTER_ALTERNATE_SCREEN));
			const run = widest(textRuns(console));
			assert.ok(run.width <= columns, `a run of ${run.width} cells was written on one line at ${columns} columns: ${JSON.stringify(run.run)}`);
			assertNoScreenClears(raw, `${columns}x${rows}`);
		});
	}

	it('survives a resize storm: the final screen is whole, too small says so, and enlarging brings the grid back', async () => {
		const session = await e2e.tmux({columns: 80, rows: 24});
		await session.runConsole(['--db', e2e.db]);
		await session.waitForScreen(l => gridOk(l, 24), {what: 'the grid at 80x24'});

		// Smaller and larger, in one burst (tmux applies them back to back), then one by one.
		const sizes: Array<[number, number]> = [
			[70, 20], [100, 30], [60, 12], [90, 22], [50, 10], [120, 40], [75, 23], [65, 18], [110, 35], [62, 14], [81, 25],
		];
		const burst = sizes.flatMap(([c, r], i) => [...(i ? [';'] : []), 'resize-window', '-t', 'main', '-x', String(c), '-y', String(r)]);
		await session.tmux(...burst);
		for (const [c, r] of [...sizes].reverse()) await session.resize(c, r);
		await session.resize(100, 30);
		let lines = await session.waitForScreen(l => gridOk(l, 30), {what: 'the whole grid at 100x30 after the storm'});
		noDuplicateLines(lines);
		assert.ok(lines.every(line => line.length <= 100));

		await session.resize(50, 10);
		lines = await session.waitForScreen(l => /terminal too small: need 60x12/.test(l[0] ?? ''), {what: 'the too-small message at 50x10'});
		assert.deepEqual(
			lines.slice(1).filter(line => line.trim() !== ''),
			[],
			`only the one-line message below the minimum:\n${lines.join('\n')}`,
		);
		assert.ok((lines[0] ?? '').length <= 50);

		await session.resize(80, 24);
		lines = await session.waitForScreen(l => gridOk(l, 24), {what: 'the grid back at 80x24'});
		noDuplicateLines(lines);

		// The console still answers keys after all that.
		await session.keys('Down');
		await session.waitForScreen(l => /^▶\s+2 /.test(l.find(line => line.startsWith('▶')) ?? ''), {what: 'the selection on row 2'});
		await session.type('q');
		assert.equal(await session.exitStatus(), 0);
		assertNoScreenClears(session.raw(), 'resize storm');
	});

	it('redraws whole after each single resize, the height alone included', async () => {
		const session = await e2e.tmux({columns: 80, rows: 24});
		await session.runConsole(['--db', e2e.db]);
		await session.waitForScreen(l => gridOk(l, 24), {what: 'the grid at 80x24'});
		await session.keys('Down');
		await session.waitForScreen(l => /^▶\s+2 /.test(l.find(line => line.startsWith('▶')) ?? ''), {what: 'the selection on row 2'});
		// Shrinking only the height once left the rows the terminal scrolled away doubled up.
		for (const [columns, rows] of [[80, 16], [80, 24], [80, 30], [70, 24], [100, 24], [70, 16], [100, 14], [80, 24]] as const) {
			await session.resize(columns, rows);
			const lines = await session.waitForScreen(l => frameOk(l, rows), {what: `a whole frame at ${columns}x${rows}`});
			noDuplicateLines(lines);
			assert.match(lines.find(line => line.startsWith('▶')) ?? '', new RegExp(`^▶\\s+${SECOND}`), `the selection kept at ${columns}x${rows}`);
		}
		await session.type('q');
		assert.equal(await session.exitStatus(), 0);
		assertNoScreenClears(session.raw(), 'single resizes');
	});

	it('after a resize writes nothing until the whole redraw: no diff against a screen the terminal has reshaped', async () => {
		const cli = e2e.spawn({args: ['--db', e2e.db], columns: 80, rows: 24});
		await cli.waitForText(SAMPLE.lastTitle);
		// Quiet first: the first frame may reach the pty in several writes.
		await cli.settle(200);
		for (const [columns, rows] of [[80, 16], [80, 30], [70, 24]] as const) {
			const from = cli.output.length;
			cli.resize(columns, rows);
			const redraw = '\u001B[H\u001B[J';
			await cli.waitForOutput((_, raw) => raw.includes(redraw), {from, what: `the redraw at ${columns}x${rows}`});
			const before = cli.output.slice(from, cli.output.indexOf(redraw, from));
			// Ink's synchronized-output marks and its erasing of the old frame may come first; no text.
			assert.equal(plain(before).trim(), '', `written at ${columns}x${rows} before the redraw: ${JSON.stringify(before.slice(0, 300))}`);
			await cli.settle(150);
		}
		cli.press('q');
		assert.equal((await cli.exitCode()).exitCode, 0);
	});

	it('survives a resize storm through node-pty without clearing the screen', async () => {
		const cli = e2e.spawn({args: ['--db', e2e.db], columns: 80, rows: 24});
		try {
			await cli.waitForText(SAMPLE.lastTitle);
			for (let i = 0; i < 40; i++) cli.resize(60 + ((i * 7) % 70), 10 + ((i * 5) % 35));
			cli.resize(90, 30);
			const from = cli.output.length;
			cli.press(keys.down);
			await cli.waitForOutput(text => new RegExp(`▶\\s+${SECOND}`).test(text), {from, what: 'the selection on row 2 after the storm'});
			cli.press('q');
			assert.equal((await cli.exitCode()).exitCode, 0);
			assertNoScreenClears(cli.output, 'node-pty resize storm');
		} finally {
			cli.close();
		}
	});
});

describe('colour and character set', () => {
	const e2e = e2eSetup();

	/** Starts the console, moves down one row, quits; returns everything written. */
	async function session(args: string[], env: Record<string, string | undefined>, marker = '▶'): Promise<string> {
		const cli = e2e.spawn({args: ['--db', e2e.db, ...args], env});
		await cli.waitForText(SAMPLE.lastTitle);
		const from = cli.output.length;
		cli.press(keys.down);
		await cli.waitForOutput(text => new RegExp(`\\${marker}\\s+${SECOND}`).test(text), {from, what: `the marker ${marker} on row 2`});
		cli.press('q');
		assert.equal((await cli.exitCode()).exitCode, 0);
		assertNoScreenClears(cli.output, args.join(' ') || JSON.stringify(env));
		return cli.output;
	}

	for (const [name, args, env] of [
		['NO_COLOR=1', [], {NO_COLOR: '1'}],
		['TERM=dumb', [], {TERM: 'dumb'}],
		['FORCE_COLOR=0', [], {FORCE_COLOR: '0'}],
		['--no-color', ['--no-color'], {}],
	] as const) {
		it(`${name}: no colour codes, and the selected row keeps its marker`, async () => {
			const raw = await session([...args], env);
			assert.deepEqual(colourSequences(raw).slice(0, 5), [], 'colour SGR codes in the output');
			assert.match(raw, /\u001B\[7m/, 'the selection is still drawn in reverse video');
		});
	}

	it('--color=16 wins over NO_COLOR (the flag is the more specific choice)', async () => {
		const raw = await session(['--color=16'], {NO_COLOR: '1'});
		assert.ok(colourSequences(raw).length > 0, 'expected colour codes with --color=16');
		assert.deepEqual(
			colourSequences(raw).filter(code => /38;|48;/.test(code)),
			[],
			'16 colours only: no 256 or truecolour codes',
		);
	});

	for (const [name, args, env] of [
		['LANG=C', [], {LANG: 'C'}],
		['--ascii', ['--ascii'], {}],
	] as const) {
		it(`${name}: only ASCII in the output, on the grid, detail and help`, async () => {
			const cli = e2e.spawn({args: ['--db', e2e.db, ...args], env});
			await cli.waitForText(SAMPLE.lastTitle);
			let from = cli.output.length;
			cli.press(keys.down);
			await cli.waitForOutput(text => new RegExp(`>\\s+${SECOND}`).test(text), {from, what: 'the ASCII marker on row 2'});
			from = cli.output.length;
			cli.press(keys.enter);
			await cli.waitForText('indicator detail', {from});
			from = cli.output.length;
			cli.press('?');
			await cli.waitForText('help', {from});
			cli.press('?');
			cli.press('q');
			await cli.waitForText('all indicators', {from});
			cli.press('q');
			assert.equal((await cli.exitCode()).exitCode, 0);
			const wide = [...cli.output].filter(char => char.charCodeAt(0) > 0x7e);
			assert.deepEqual([...new Set(wide)], [], 'characters above 0x7E in the output');
		});
	}
});

describe('not a terminal', () => {
	const e2e = e2eSetup();

	for (const [name, pipeline] of [
		['piped stdin', (command: string) => `echo | ${command}`],
		['stdout not a terminal', (command: string) => `${command} | cat`],
	] as const) {
		it(`${name}: prints the text scorecard and exits 0`, async () => {
			const command = `${shellQuote(process.execPath)} ${shellQuote(CLI)} --db ${shellQuote(e2e.db)}`;
			// The shell holds the pty open until the test has read its last line: a pty whose last
			// writer has gone can drop what node-pty has not yet read (seen on a busy machine).
			const cli = e2e.spawn({file: 'sh', argv: ['-c', `set -e; ${pipeline(command)}; echo "[status $?]"; read done`]});
			await cli.waitForText('[status ');
			cli.press('\r');
			const exit = await cli.exitCode();
			const text = cli.output;
			assert.equal(exit.exitCode, 0, text);
			assert.match(text, /\[status 0\]/);
			// The first and the last indicator's titles, in full.
			assert.ok(text.includes(SAMPLE.indicators[0]!.title), text);
			assert.ok(text.includes(SAMPLE.lastIndicator.title), text);
			assert.doesNotMatch(text, /raw mode|Error/i);
			assert.ok(!text.includes(ENTER_ALTERNATE_SCREEN), 'no alternate screen for a printed scorecard');
		});
	}
});
