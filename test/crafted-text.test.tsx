// Escape sequences written into every text column of a store (titles, definitions, team codes and
// names, commentary, rebase reasons, the loader's user) are shown, never executed: through the
// grid, the team matrix, the detail, the agenda, --print, --standup --print and the messages of
// both commands (paths, months, flags, file names, a stranger in the schema). Each shows the text
// visibly (`?]52;c;...`) and sends a terminal no escape but its own styling.
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {before, describe, test} from 'node:test';
import {CLI, LOADER, REPO, assertBuilt, cleanEnv, plain as plainPty, spawnConsole} from './helpers/pty.js';
import {craft, craftedCopy, HOSTILE, HOSTILE_SQL, unsafeSequences} from './helpers/craft.js';
import {renderConsole} from './helpers/console.tsx';
import {plain, waitForFrame} from './helpers/ink.ts';
import {sampleStore, tempDir, writeCsv} from './helpers/temp-store.js';

type Result = {code: number; stdout: string; stderr: string};

function run(file: string, args: string[]): Promise<Result> {
	return new Promise(resolve => {
		execFile(process.execPath, [file, ...args], {cwd: REPO, env: cleanEnv()}, (error, stdout, stderr) => {
			resolve({code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr});
		});
	});
}

const VISIBLE = '?]52;c;ZWNob';

let db: string;

before(async () => {
	assertBuilt();
	const sample = await sampleStore();
	db = path.join(tempDir(), 'crafted.db');
	await craftedCopy(
		sample,
		db,
		`UPDATE indicators SET title = ${HOSTILE_SQL} || ' ' || title, definition = ${HOSTILE_SQL};
		UPDATE teams SET name = ${HOSTILE_SQL} || name;
		UPDATE teams SET code = 'E' || ${HOSTILE_SQL} WHERE code = 'EAST';
		UPDATE measures SET team = 'E' || ${HOSTILE_SQL} WHERE team = 'EAST';
		UPDATE commentary SET text = ${HOSTILE_SQL} || char(10) || text;
		UPDATE rebases SET reason = ${HOSTILE_SQL};
		UPDATE loads SET os_user = ${HOSTILE_SQL}`,
	);
});

type Console = Awaited<ReturnType<typeof renderConsole>>;

/** Waits for a frame; its raw form (colours and all) must hold no escape but styling, and show the crafted text visibly. */
async function safeFrame(r: Console, ok: (frame: string) => boolean, context: string): Promise<string> {
	const frame = await waitForFrame(r, ok);
	const raw = r.lastFrame() ?? '';
	assert.deepEqual(unsafeSequences(raw), [], `${context}: an escape sequence reached the frame`);
	return frame;
}

describe('the console', () => {
	test('grid, team matrix, detail and agenda: the crafted text visible, inert', async () => {
		const r = await renderConsole(db, {columns: 120, rows: 40});
		try {
			const grid = await safeFrame(r, frame => /all indicators/.test(frame) && frame.includes('?]52;c;'), 'grid');
			assert.ok(grid.includes('?]52;c;'), 'a title shown visibly in the grid');
			r.press('t');
			const matrix = await safeFrame(r, frame => /team matrix/.test(frame) && frame.includes('NWC'), 'matrix');
			assert.match(matrix, /E\?\]52/, "the crafted team code in the matrix's heading");
			r.press('\u001B');
			await waitForFrame(r, frame => /all indicators/.test(frame));
			r.press('\r');
			const detail = await safeFrame(r, frame => /indicator detail/.test(frame) && frame.includes('Whole service'), 'detail');
			assert.ok(detail.includes('?]52;c;'), 'the title and team names in the detail');
			for (let i = 0; i < 12; i++) r.press('j');
			await safeFrame(r, frame => /indicator detail/.test(frame), 'detail, scrolled to the commentary and definition');
			r.press('\u001B');
			await waitForFrame(r, frame => /all indicators/.test(frame));
			r.press('a');
			const agenda = await safeFrame(r, frame => /stand-up agenda/.test(frame) && /to raise/.test(frame), 'agenda');
			assert.ok(agenda.includes('?]52;c;'), 'a title in the agenda');
			r.press(' ');
			await safeFrame(r, frame => /stand-up agenda|presenting|\d+ of \d+/.test(frame), 'agenda, presenting');
		} finally {
			await r.close();
		}
	});

	test('a stranger slipped into the schema while the console is open: its crafted name in the status line is inert', async () => {
		const copy = path.join(tempDir(), 'later.db');
		fs.copyFileSync(db, copy);
		const r = await renderConsole(copy, {columns: 100, rows: 30});
		try {
			await waitForFrame(r, frame => /all indicators/.test(frame));
			await craft(copy, `CREATE VIEW "v${HOSTILE}" AS SELECT 1`);
			r.press('r');
			const frame = await safeFrame(r, f => /refused: the store has a view/.test(f), 'status line');
			assert.match(frame, /view v\?\]52;c;/);
		} finally {
			await r.close();
		}
	});
});

describe('--print, --standup --print and --json', () => {
	for (const args of [['--print'], ['--standup', '--print'], ['--json'], ['--standup', '--json']]) {
		test(`${args.join(' ')}: inert`, async () => {
			const result = await run(CLI, ['--db', db, ...args]);
			assert.equal(result.code, 0, result.stderr);
			assert.deepEqual(unsafeSequences(result.stdout), []);
			assert.ok(result.stdout.includes(VISIBLE), 'the crafted text is shown visibly');
		});
	}
});

describe('messages', () => {
	/** Refused, nothing a terminal acts on, the crafted text visible; the console's messages are one line. */
	const one = (result: Result, context: string, lines = 1) => {
		assert.notEqual(result.code, 0, context);
		assert.deepEqual(unsafeSequences(result.stderr), [], `${context}: ${JSON.stringify(result.stderr)}`);
		assert.equal(result.stderr.trimEnd().split('\n').length, lines, `${context}: ${lines} line(s): ${result.stderr}`);
		assert.ok(result.stderr.includes('?]52;c;'), `${context}: the crafted text shown visibly: ${result.stderr}`);
	};

	test('of the console command: a store path, a month, an argument, --color', async () => {
		const dir = tempDir();
		one(await run(CLI, ['--db', path.join(dir, `missing${HOSTILE}.db`), '--json']), '--db');
		one(await run(CLI, ['--db', db, '--month', `2017${HOSTILE}`, '--print']), '--month');
		one(await run(CLI, ['--db', db, `extra${HOSTILE}`]), 'an argument');
		one(await run(CLI, ['--db', db, '--color', `x${HOSTILE}`, '--print']), '--color');
	});

	test('--open in a terminal: the message before the screen is touched is inert', async () => {
		const cli = spawnConsole({args: ['--db', db, '--open', `FA45${HOSTILE}`]});
		try {
			assert.equal((await cli.exitCode()).exitCode, 2);
			assert.deepEqual(unsafeSequences(cli.output), []);
			assert.match(plainPty(cli.output), /--open: no indicator "FA45\?\]52;c;/);
		} finally {
			cli.close();
		}
	});

	test('of the loader: a file name, a header, a value, a store path, its flags', async () => {
		const dir = tempDir();
		const store = path.join(dir, 'store.db');
		const named = writeCsv(dir, `teams${HOSTILE}.csv`, 'code,name,population\nEAST,East,\n');
		fs.writeFileSync(path.join(dir, 'missing-teams.csv'), 'code,name,population\n');
		// A file's problem, then what happened to the store: two lines.
		one(await run(LOADER, ['--db', store, path.join(dir, `nope${HOSTILE}.csv`)]), 'a missing file', 2);
		one(await run(LOADER, ['--db', store, writeCsv(dir, 'h.csv', `code,name,${HOSTILE}\n1,2,3\n`)]), 'a header', 2);
		one(await run(LOADER, ['--db', store, writeCsv(dir, 'v.csv', `code,name,population\nEAST,East,"${HOSTILE}"\n`)]), 'a value', 2);
		one(await run(LOADER, ['--db', path.join(dir, `no-folder${HOSTILE}`, 'x.db'), named]), 'a store path');
		const templates = path.join(dir, `t${HOSTILE}`);
		fs.mkdirSync(templates);
		fs.writeFileSync(path.join(templates, 'teams.csv'), '');
		one(await run(LOADER, ['--template', templates]), '--template');
		one(await run(LOADER, ['--annex-a', path.join(dir, `x${HOSTILE}.xlsx`), '--from', '2017-01-01', '--to', `2017${HOSTILE}`]), '--to');
	});

	test("doctor's lines: a crafted store path and the loader's user", async () => {
		const dir = tempDir();
		const crafted = path.join(dir, `store${HOSTILE}.db`);
		fs.copyFileSync(db, crafted);
		const result = await run(CLI, ['doctor', '--db', crafted]);
		assert.equal(result.code, 0, result.stdout + result.stderr);
		assert.deepEqual(unsafeSequences(result.stdout), []);
		assert.match(result.stdout, /^last load .* by \?\]52;c;/m);
	});
});
