// stdout closed (`| head -c 10`, a reader that went away) or full (`>/dev/full`) for every
// command: never a stack trace; a closed pipe ends quietly (exit 0); a full disk is one line
// (exit 1), except after a committed load, which exits 0 and says on stderr that it committed.
import assert from 'node:assert/strict';
import {execFile, spawn} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {before, describe, test} from 'node:test';
import {CLI, LOADER, REPO, assertBuilt, cleanEnv, sampleFiles, tempDir} from './helpers/pty.js';
import {storeContent, writeCsv} from './helpers/temp-store.js';
import {SAMPLE} from './helpers/sample.js';

type Result = {code: number; stdout: string; stderr: string};

const q = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/** `node FILE ARGS` with its stdout sent where `redirect` says (`| head -c 10`, `>/dev/full`), its exit code kept (pipefail). */
function shell(file: string, args: string[], redirect: string): Promise<Result> {
	const command = `set -o pipefail; ${q(process.execPath)} ${q(file)} ${args.map(q).join(' ')} ${redirect}`;
	return new Promise(resolve => {
		execFile('/bin/bash', ['-c', command], {cwd: REPO, env: cleanEnv()}, (error, stdout, stderr) => {
			resolve({code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr});
		});
	});
}

/** The command's stdout a pipe whose reader is gone before anything is written: EPIPE for certain. */
function closedPipe(file: string, args: string[]): Promise<Result> {
	return new Promise(resolve => {
		const child = spawn(process.execPath, [file, ...args], {cwd: REPO, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe']});
		child.stdout.destroy();
		let stderr = '';
		child.stderr.on('data', chunk => (stderr += String(chunk)));
		child.on('close', code => resolve({code: code ?? 1, stdout: '', stderr}));
	});
}

function assertNoTrace(result: Result, context: string): void {
	assert.doesNotMatch(result.stderr, /^\s+at |node:events|Unhandled|Error:|EPIPE|ENOSPC/m, `${context}: a stack trace or raw error:\n${result.stderr}`);
}

let store: string;
let dir: string;

before(async () => {
	assertBuilt();
	dir = tempDir('sc-out-');
	store = path.join(dir, 'scorecard.db');
	const made = await new Promise<Result>(resolve =>
		execFile(process.execPath, [LOADER, '--db', store, ...sampleFiles()], {env: cleanEnv()}, (error, stdout, stderr) => resolve({code: error ? 1 : 0, stdout, stderr})),
	);
	assert.equal(made.code, 0, made.stderr);
});

const CONSOLE_COMMANDS: string[][] = [['--print'], ['--json'], ['--standup', '--print'], ['--standup', '--json'], ['doctor'], ['--help']];

describe('scorecard', () => {
	for (const args of CONSOLE_COMMANDS) {
		const name = `scorecard ${args.join(' ')}`;
		test(`${name} | head -c 10: the first bytes, exit 0, nothing on stderr`, async () => {
			const result = await shell(CLI, ['--db', store, ...args], '| head -c 10');
			assert.equal(result.code, 0, result.stderr);
			assert.equal(result.stdout.length, 10);
			assert.equal(result.stderr, '');
		});
		test(`${name} with its reader gone: exit 0, nothing on stderr`, async () => {
			const result = await closedPipe(CLI, ['--db', store, ...args]);
			assert.equal(result.code, 0, result.stderr);
			assert.equal(result.stderr, '');
		});
		test(`${name} >/dev/full: one line, exit 1`, async () => {
			const result = await shell(CLI, ['--db', store, ...args], '>/dev/full');
			assertNoTrace(result, name);
			assert.equal(result.code, 1);
			assert.equal(result.stderr, 'scorecard: could not write the output (stdout: no space left on the device)\n');
		});
	}
});

describe('scorecard-load', () => {
	const measure = (value: number) => writeCsv(tempDir('sc-out-m-'), 'm.csv', `period,indicator,team,numerator,denominator,value\n${SAMPLE.latest},UNALLOC7,EAST,${value},,\n`);

	test('a committed load >/dev/full: exit 0, stderr says it committed, the store has it', async () => {
		const db = path.join(tempDir('sc-out-l-'), 'store.db');
		const result = await shell(LOADER, ['--db', db, ...sampleFiles()], '>/dev/full');
		assertNoTrace(result, 'load >/dev/full');
		assert.equal(result.code, 0, result.stderr);
		assert.equal(result.stderr, `load: the load was committed to ${db}; its summary could not be written to stdout (no space left on the device)\n`);
		assert.equal(((await storeContent(db))['indicators'] as unknown[]).length, SAMPLE.indicators.length);
	});

	test('a committed load | head -c 10 and with its reader gone: exit 0, the store has it', async () => {
		const db = path.join(tempDir('sc-out-l-'), 'store.db');
		const piped = await shell(LOADER, ['--db', db, ...sampleFiles()], '| head -c 10');
		assertNoTrace(piped, 'load | head');
		assert.equal(piped.code, 0, piped.stderr);
		assert.equal(piped.stdout.length, 10);
		const gone = await closedPipe(LOADER, ['--db', db, '--replace', measure(7)]);
		assertNoTrace(gone, 'load, reader gone');
		assert.equal(gone.code, 0, gone.stderr);
		assert.equal(gone.stderr, `load: the load was committed to ${db}; its summary could not be written to stdout (the reader closed it)\n`);
		const rows = (await storeContent(db))['measures'] as Array<{team: string; indicator: string; period: string; value: number}>;
		assert.equal(rows.find(row => row.team === 'EAST' && row.indicator === 'UNALLOC7' && row.period === SAMPLE.latest)!.value, 7);
	});

	const others: Array<[string, () => string[], number]> = [
		['--help', () => ['--help'], 1],
		['--dry-run', () => ['--db', store, '--dry-run', '--replace', measure(9)], 1],
		['--template', () => ['--template', path.join(tempDir('sc-out-t-'), 'templates')], 0],
	];
	for (const [name, args, fullCode] of others) {
		test(`scorecard-load ${name} | head -c 10, with its reader gone, and >/dev/full`, async () => {
			const piped = await shell(LOADER, args(), '| head -c 10');
			assertNoTrace(piped, `${name} | head`);
			assert.equal(piped.code, 0, piped.stderr);
			const gone = await closedPipe(LOADER, args());
			assertNoTrace(gone, `${name}, reader gone`);
			assert.equal(gone.code, 0, gone.stderr);
			const full = await shell(LOADER, args(), '>/dev/full');
			assertNoTrace(full, `${name} >/dev/full`);
			assert.equal(full.code, fullCode, full.stderr);
			assert.equal(full.stderr.split('\n').filter(Boolean).length, 1, full.stderr);
			assert.match(full.stderr, fullCode === 0 ? /^load: the templates were written in .*no space left on the device\)$/m : /^load: could not write the output \(stdout: no space left on the device\)$/m);
		});
	}

	test('a refused load writes only to stderr: unaffected by stdout', async () => {
		const bad = writeCsv(tempDir('sc-out-b-'), 'bad.csv', 'period,indicator,team,numerator,denominator,value\n2017-12,NOPE,EAST,1,,\n');
		const result = await shell(LOADER, ['--db', store, bad], '>/dev/full');
		assertNoTrace(result, 'refused >/dev/full');
		assert.equal(result.code, 1);
		assert.match(result.stderr, /bad\.csv:2:2: /);
		assert.equal(fs.existsSync(store), true);
	});
});
