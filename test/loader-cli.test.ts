import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, test} from 'node:test';
import {storeContent, tempDir, writeCsv} from './helpers/temp-store.js';

// The command as a person runs it: exit codes, one-line messages, never a stack trace.
const ROOT = fileURLToPath(new URL('..', import.meta.url));

type Run = {code: number | null; stdout: string; stderr: string};

function load(args: string[], env: Record<string, string> = {}): Promise<Run> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/load.ts', ...args], {cwd: ROOT, env: {...process.env, ...env}});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', chunk => (stdout += chunk));
		child.stderr.on('data', chunk => (stderr += chunk));
		child.on('error', reject);
		child.on('close', code => resolve({code, stdout, stderr}));
	});
}

const noStack = (run: Run) => {
	assert.doesNotMatch(run.stderr, /\n\s+at /, `a stack trace:\n${run.stderr}`);
	assert.doesNotMatch(run.stdout, /\n\s+at /);
};

const TEAMS = 'code,name,population\nEAST,East,107112\n';
const INDICATORS = 'code,number,title,unit,polarity,target,amber,measure,definition\nFA45,3,Family assessments,percent,higher,85,5,monthly,x\n';
const MEASURES = 'period,indicator,team,numerator,denominator,value\n2017-12,FA45,EAST,340,359,\n';

describe('npm run load', () => {
	test('loads, prints a summary and exits 0', async () => {
		const dir = tempDir();
		const db = path.join(dir, 'x.db');
		const files = [writeCsv(dir, 'm.csv', MEASURES), writeCsv(dir, 't.csv', TEAMS), writeCsv(dir, 'i.csv', INDICATORS)];
		const run = await load(['--db', db, ...files]);
		assert.equal(run.code, 0, run.stderr);
		assert.equal(run.stderr, '');
		assert.match(run.stdout, new RegExp(`^store: ${db}\nmonths: Dec 2017\n`));
		assert.match(run.stdout, /measures +1 added, 0 changed, 0 unchanged/);
		// And again: nothing new, still 0.
		const again = await load(['--db', db, ...files]);
		assert.equal(again.code, 0);
		assert.match(again.stdout, /nothing new/);
	});

	test('validation errors: one line each with file:line:column, the trailer, exit 1, store untouched', async () => {
		const dir = tempDir();
		const db = path.join(dir, 'x.db');
		assert.equal((await load(['--db', db, writeCsv(dir, 't.csv', TEAMS), writeCsv(dir, 'i.csv', INDICATORS)])).code, 0);
		const before = await storeContent(db);
		const bad = writeCsv(dir, 'bad.csv', 'period,indicator,team,numerator,denominator,value\n2017-12,FA45,EAST,abc,359,\n2017-12,FA45,WEST,1,2,\n');
		const run = await load(['--db', db, bad, path.join(dir, 'missing.csv')]);
		assert.equal(run.code, 1);
		noStack(run);
		assert.equal(run.stdout, '');
		assert.deepEqual(run.stderr.trimEnd().split('\n'), [
			`${bad}:2:4: numerator "abc" is not a number`,
			`${bad}:3:3: team "WEST" is not in the store or in this load's teams files (teams: ALL, EAST)`,
			`${path.join(dir, 'missing.csv')}:1:1: cannot read the file (no such file)`,
			`nothing was loaded into ${db} (3 errors)`,
		]);
		assert.deepEqual(await storeContent(db), before);
	});

	test('usage errors exit 2 with one line', async () => {
		const dir = tempDir();
		const db = path.join(dir, 'x.db');
		const [unknown, none] = await Promise.all([load(['--db', db, '--frobnicate', writeCsv(dir, 't.csv', TEAMS)]), load(['--db', db])]);
		for (const run of [unknown, none]) {
			assert.equal(run.code, 2);
			assert.equal(run.stderr.trimEnd().split('\n').length, 1, run.stderr);
			noStack(run);
		}
		assert.match(unknown.stderr, /^load: unknown flag --frobnicate \(usage: /);
		assert.match(none.stderr, /^load: no files to load \(usage: /);
		assert.equal(fs.existsSync(db), false);
	});

	test('a store that is not a store: one line, exit 1, untouched', async () => {
		const dir = tempDir();
		const db = writeCsv(dir, 'notes.txt', 'not a database\n');
		const run = await load(['--db', db, writeCsv(dir, 't.csv', TEAMS)]);
		assert.equal(run.code, 1);
		noStack(run);
		assert.equal(run.stderr, `${db}: not a scorecard store (not a SQLite database)\n`);
		assert.equal(fs.readFileSync(db, 'utf8'), 'not a database\n');
	});

	test('--dry-run reports, writes nothing and exits 0; the store comes from $SCORECARD_DB without --db', async () => {
		const dir = tempDir();
		const db = path.join(dir, 'env.db');
		const files = [writeCsv(dir, 't.csv', TEAMS), writeCsv(dir, 'i.csv', INDICATORS), writeCsv(dir, 'm.csv', MEASURES)];
		const dry = await load(['--dry-run', ...files], {SCORECARD_DB: db});
		assert.equal(dry.code, 0, dry.stderr);
		assert.match(dry.stdout, new RegExp(`^dry run: nothing written\nstore: ${db}\n`));
		assert.equal(fs.existsSync(db), false);
		const real = await load(files, {SCORECARD_DB: db});
		assert.equal(real.code, 0, real.stderr);
		assert.equal(fs.existsSync(db), true);
	});
});
