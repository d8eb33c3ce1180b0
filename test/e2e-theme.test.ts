// Colours chosen for the terminal in front of the room, through a real pty (node-pty): the
// 16-colour terminals (TERM=screen, TERM=linux, --color 16) get only the 16 ANSI colours;
// --theme auto asks the terminal for its background (OSC 11, then Device Attributes so that a
// terminal that does not answer OSC 11 is not waited for) and keeps the keys typed meanwhile.
import assert from 'node:assert/strict';
import {afterEach, before, describe, it} from 'node:test';
import {assertBuilt, colourSequences, keys, sampleStore, spawnConsole, type PtyConsole} from './helpers/pty.js';
import {escapeRegExp as re, rowStart, SAMPLE} from './helpers/sample.js';

const GRID = SAMPLE.lastTitle;
const QUERY = '\u001B]11;?\u001B\\\u001B[c';

describe('colours for the terminal in front of the room', () => {
	let db: string;
	let cli: PtyConsole | undefined;
	before(async () => {
		assertBuilt();
		db = await sampleStore();
	});
	afterEach(() => {
		cli?.close();
		cli = undefined;
	});

	async function grid(args: string[], env: Record<string, string | undefined> = {}): Promise<string> {
		cli = spawnConsole({args: ['--db', db, ...args], env});
		await cli.waitForText(GRID);
		const raw = cli.output;
		cli.press('q');
		assert.equal((await cli.exitCode()).exitCode, 0);
		return raw;
	}

	const deep = (raw: string) => colourSequences(raw).filter(code => /\b[34]8[;:]/.test(code));

	for (const [name, args, env] of [
		['TERM=screen', [], {TERM: 'screen', COLORTERM: 'truecolor'}],
		['TERM=linux', [], {TERM: 'linux'}],
		['--color 16 in a 256-colour terminal', ['--color', '16'], {TERM: 'xterm-256color'}],
	] as const) {
		it(`${name}: only the 16 ANSI colours`, async () => {
			const raw = await grid([...args], env);
			assert.ok(colourSequences(raw).length > 0, 'colours there are');
			assert.deepEqual(deep(raw), [], '16 colours only');
		});
	}

	it('a 256-colour terminal gets the 256-colour palette (so the 16-colour one is a real choice)', async () => {
		const raw = await grid([], {TERM: 'xterm-256color'});
		assert.ok(deep(raw).length > 0);
	});

	it('--theme auto: a white background in the OSC 11 answer gives the light theme; a key typed meanwhile is kept', async () => {
		cli = spawnConsole({args: ['--db', db, '--theme', 'auto'], env: {TERM: 'xterm-256color'}});
		await cli.waitForOutput((_, raw) => raw.includes(QUERY), {what: 'the OSC 11 question'});
		// A key pressed before the answers come back, then the answers, as a terminal sends them.
		cli.press(keys.down);
		cli.press('\u001B]11;rgb:ffff/ffff/ffff\u001B\\\u001B[?62;22c');
		await cli.waitForText(GRID);
		await cli.waitForOutput(text => new RegExp(`▶\\s+${re(rowStart(2))}`).test(text), {what: 'the key typed during the question, applied'});
		// The light 256-colour palette's amber (130), not the dark one's (214).
		assert.match(cli.output, /\u001B\[38;5;130m●A/);
		assert.doesNotMatch(cli.output, /38;5;214m/);
		cli.press('q');
		assert.equal((await cli.exitCode()).exitCode, 0);
	});

	it('--theme auto: a terminal that answers only Device Attributes is not waited for: the dark theme, at once', async () => {
		cli = spawnConsole({args: ['--db', db, '--theme', 'auto'], env: {TERM: 'xterm-256color'}});
		await cli.waitForOutput((_, raw) => raw.includes(QUERY), {what: 'the OSC 11 question'});
		cli.press('\u001B[?62;22c');
		await cli.waitForText(GRID, {timeout: 2000});
		assert.match(cli.output, /\u001B\[1m\u001B\[38;5;214m●A|\u001B\[38;5;214m/);
		cli.press('q');
		assert.equal((await cli.exitCode()).exitCode, 0);
	});

	it('--theme auto: a terminal that answers nothing delays the start by the short timeout only; COLORFGBG needs no question', async () => {
		cli = spawnConsole({args: ['--db', db, '--theme', 'auto'], env: {TERM: 'xterm-256color'}});
		await cli.waitForText(GRID, {timeout: 5000});
		cli.press('q');
		assert.equal((await cli.exitCode()).exitCode, 0);
		cli.close();
		cli = spawnConsole({args: ['--db', db, '--theme', 'auto'], env: {TERM: 'xterm-256color', COLORFGBG: '0;15'}});
		await cli.waitForText(GRID);
		assert.ok(!cli.output.includes(QUERY), 'no question when COLORFGBG says');
		assert.match(cli.output, /38;5;130m/, 'light, from COLORFGBG');
		cli.press('q');
		assert.equal((await cli.exitCode()).exitCode, 0);
	});

	it('a non-UTF-8 locale: ASCII, and the status line says why until the first key; --ascii says nothing', async () => {
		cli = spawnConsole({args: ['--db', db], env: {LANG: 'en_GB.ISO-8859-1', TERM: 'xterm-256color'}});
		await cli.waitForText('ASCII: locale en_GB.ISO-8859-1 is not UTF-8 (set LANG=C.UTF-8, or --no-ascii)');
		const from = cli.output.length;
		cli.press(keys.down);
		await cli.waitForOutput(text => new RegExp(`>\\s+${re(rowStart(2))}`).test(text), {from, what: 'row 2 selected'});
		await cli.settle(200);
		cli.press('?');
		await cli.waitForOutput(text => text.includes('Marks'), {from, what: 'the help'});
		assert.ok(![...cli.output].some(char => char.charCodeAt(0) > 0x7e), 'ASCII only');
		cli.press('q');
		cli.press('q');
		assert.equal((await cli.exitCode()).exitCode, 0);
		cli.close();
		cli = spawnConsole({args: ['--db', db, '--ascii'], env: {TERM: 'xterm-256color'}});
		await cli.waitForText(SAMPLE.lastTitle);
		await cli.settle(200);
		assert.doesNotMatch(cli.output, /ASCII: locale/);
		cli.press('q');
		assert.equal((await cli.exitCode()).exitCode, 0);
	});
});
