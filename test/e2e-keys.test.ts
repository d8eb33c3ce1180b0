// Keys as they arrive over SSH, end to end: the decoder's cases are table-tested on fake time
// (key-decoder.test.ts); here the built console at 80x24, raw bytes through node-pty, shows the one
// input path carries them (a split arrow, a lone Esc, key repeat) and what a key costs on the wire.
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {DEFAULT_CONSOLE_CONFIG} from '../source/config.js';
import {assertNoScreenClears, delay, e2eSetup, keys, plain, type PtyConsole} from './helpers/pty.js';
import {escapeRegExp as re, rowStart, SAMPLE} from './helpers/sample.js';

const COLUMNS = 80;
const ROWS = 24;
/** What a stray "[" (the month before) or Enter (a detail) would have drawn. */
const previousOrDetail = new RegExp(`${SAMPLE.previousMonth}|indicator detail`);

/** The number of the selected row in the last frame drawn (▶ marks it). */
function lastSelected(output: string): number | undefined {
	const all = [...plain(output).matchAll(/▶\s+(\d+) /g)];
	return all.length ? Number(all.at(-1)![1]) : undefined;
}

async function waitForSelected(cli: PtyConsole, row: number, from = 0): Promise<void> {
	await cli.waitForOutput((_, raw) => lastSelected(raw) === row, {from, what: `the selection on row ${row}`});
	// Waiting for quiet, not a frame: proving the selection did not move on takes a pause.
	await cli.settle(120);
	assert.equal(lastSelected(cli.output.slice(from)), row, `the selection moved on from row ${row}`);
}

describe('keys over a slow link', () => {
	const e2e = e2eSetup({checkConsole: cli => assertNoScreenClears(cli.output, 'keys')});

	async function start(): Promise<PtyConsole> {
		const cli = e2e.spawn({args: ['--db', e2e.db], columns: COLUMNS, rows: ROWS});
		await cli.waitForText(SAMPLE.lastTitle);
		// The first frame can reach the pty in several writes: quiet before the bytes of a key are counted.
		await cli.settle(150);
		return cli;
	}

	it('writes only the two changed rows and the selected title for Down: under 1.5x the floor', async t => {
		const cli = await start();
		const from = cli.output.length;
		cli.press(keys.down);
		await waitForSelected(cli, 2, from);
		const chunk = cli.output.slice(from);
		const bytes = Buffer.byteLength(chunk);

		// Ink's incremental mode redraws a changed line as ESC[1G <line> ESC[K and a newline (the
		// terminal's CR LF; no ESC[K after a full-width line, which real terminals would let erase
		// its last cell), steps over an unchanged one with ESC[E, starts with ESC[{n}A to the top
		// and brackets the lot in synchronized-output marks. The floor is that, for a frame of
		// rows-1 lines in which exactly two full-width rows change, with the rows' text unstyled.
		const changed = [...chunk.matchAll(/\u001B\[1G(.*?)(\u001B\[K)?\r?\n/g)].map(match => plain(match[1]!));
		// The two rows, then the lines under the grid that name the selected indicator (title, definition).
		assert.ok(changed.length >= 2 && changed.length <= 5, `only the old and new selected rows and the title lines are redrawn; got:\n${changed.join('\n')}`);
		assert.match(changed[0]!, new RegExp(`^\\s+${re(rowStart(1))}`));
		assert.match(changed[1]!, new RegExp(`^▶\\s+${re(rowStart(2))}`));
		assert.ok(changed[2]!.startsWith(`2 ${SAMPLE.indicators[1]!.title}`), changed[2]);
		const frame = ROWS - 1;
		const sync = chunk.includes('\u001B[?2026h') ? Buffer.byteLength('\u001B[?2026h\u001B[?2026l') : 0;
		const floor =
			sync +
			Buffer.byteLength(`\u001B[${frame}A`) +
			(frame - changed.length) * Buffer.byteLength('\u001B[E') +
			changed.reduce((sum, row) => sum + Buffer.byteLength(`\u001B[1G${row}${[...row].length < COLUMNS ? '\u001B[K' : ''}\r\n`), 0);
		t.diagnostic(`Down at ${COLUMNS}x${ROWS}: ${bytes} bytes; floor ${floor} bytes (ratio ${(bytes / floor).toFixed(2)})`);
		for (const row of changed) assert.ok([...row].length <= COLUMNS, `a row wider than the terminal: ${row}`);
		assert.ok(bytes < 1.5 * floor, `Down wrote ${bytes} bytes; the floor is ${floor} (limit ${Math.floor(1.5 * floor)})`);

		cli.press('q');
		assert.equal((await cli.exitCode()).exitCode, 0);
	});

	/**
	 * Writes `parts` 5 ms apart to a fresh console and reports whether the selection moved to
	 * row 2, and the longest gap the test machine actually managed between two writes.
	 */
	async function splitArrow(parts: string[]): Promise<{moved: boolean; gap: number; text: string}> {
		const cli = await start();
		const from = cli.output.length;
		let gap = 0;
		for (const [i, part] of parts.entries()) {
			if (i > 0) {
				const before = performance.now();
				await delay(5);
				gap = Math.max(gap, performance.now() - before);
			}
			cli.press(part);
		}
		const moved = await cli
			.waitForOutput((text, raw) => lastSelected(raw) === 2 || previousOrDetail.test(text), {from, timeout: 5000})
			.then(() => lastSelected(cli.output.slice(from)) === 2)
			.catch(() => false);
		// Quiet: a wrong reading (Esc, then [ and B) would show after the right one.
		await cli.settle(150);
		const text = plain(cli.output.slice(from));
		const ok = moved && lastSelected(cli.output.slice(from)) === 2 && !previousOrDetail.test(text);
		cli.press('q');
		assert.equal((await cli.exitCode()).exitCode, 0);
		assertNoScreenClears(cli.output, 'split arrow');
		cli.close();
		return {moved: ok, gap, text};
	}

	// The other ways a link splits a sequence are the decoder's table tests.
	for (const parts of [[keys.escape, '[', 'B']]) {
		const shown = parts.map(part => JSON.stringify(part).replace('\\u001b', 'ESC')).join(' | ');
		it(`takes an arrow split by the link (${shown}, 5 ms apart) as Down, not Esc and keys`, async t => {
			// The console waits escapeDelay (DEFAULT_CONSOLE_CONFIG, 100 ms) for the rest; a test machine too
			// busy to keep a 5 ms gap well under that has not tested the split, so it tries again.
			for (let attempt = 1; ; attempt++) {
				const result = await splitArrow(parts);
				if (result.moved) return;
				if (result.gap < DEFAULT_CONSOLE_CONFIG.escapeDelay / 2 || attempt === 5) {
					assert.fail(`the split arrow was not taken as Down (longest gap between writes ${result.gap.toFixed(1)} ms); the console wrote:\n${result.text}`);
				}
				t.diagnostic(`attempt ${attempt}: the machine kept a ${result.gap.toFixed(1)} ms gap, not 5 ms; again`);
			}
		});
	}

	it('does not quit or move on a lone Esc at the top', async () => {
		const cli = await start();
		cli.press(keys.escape);
		// Proving nothing happens takes a wait: four times the escapeDelay the console holds an Esc.
		await delay(4 * DEFAULT_CONSOLE_CONFIG.escapeDelay);
		assert.equal(await Promise.race([cli.exited.then(() => 'exited'), delay(1).then(() => 'running')]), 'running', 'a lone Esc quit the console');
		const from = cli.output.length;
		cli.press(keys.down);
		await waitForSelected(cli, 2, from);
		assert.doesNotMatch(plain(cli.output.slice(from)), previousOrDetail);
		cli.press('q');
		assert.equal((await cli.exitCode()).exitCode, 0);
	});

	it('keeps every key of a repeat: 30 Downs 20 ms apart end on the last row, and jjjjj in one read moves 5', async () => {
		const cli = await start();
		let from = cli.output.length;
		for (let i = 0; i < 30; i++) {
			cli.press(keys.down);
			// A held key repeats about every 20-30 ms: the gaps are the case under test.
			await delay(20);
		}
		await waitForSelected(cli, SAMPLE.lastIndicator.number, from);

		from = cli.output.length;
		cli.press('g');
		await waitForSelected(cli, 1, from);
		from = cli.output.length;
		cli.press('jjjjj');
		await waitForSelected(cli, 6, from);

		cli.press('q');
		assert.equal((await cli.exitCode()).exitCode, 0);
	});
});
