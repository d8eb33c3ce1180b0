import assert from 'node:assert/strict';
import {spawn, type ChildProcess} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {test} from 'node:test';
import {storeContent, tempDir, writeCsv} from './helpers/temp-store.js';

// First loads as real processes: two at once, and one killed part way.
const ROOT = fileURLToPath(new URL('..', import.meta.url));

type Run = {code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string};

function start(args: string[]): {child: ChildProcess; done: Promise<Run>} {
	const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/load.ts', ...args], {cwd: ROOT});
	let stdout = '';
	let stderr = '';
	child.stdout!.on('data', chunk => (stdout += chunk));
	child.stderr!.on('data', chunk => (stderr += chunk));
	const done = new Promise<Run>((resolve, reject) => {
		child.on('error', reject);
		child.on('close', (code, signal) => resolve({code, signal, stdout, stderr}));
	});
	return {child, done};
}

const TEAMS = 'code,name,population\nEAST,East,107112\nWEST,West,95000\n';
const INDICATORS = 'code,number,title,unit,polarity,target,amber,measure,definition\nFA45,3,Family assessments,percent,higher,85,5,monthly,x\n';

function files(dir: string, months: number): string[] {
	const lines = ['period,indicator,team,numerator,denominator,value'];
	for (let m = 0; m < months; m++) {
		const period = `${1950 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
		for (const team of ['EAST', 'WEST', 'ALL']) lines.push(`${period},FA45,${team},${(m % 50) + 1},100,`);
	}
	return [writeCsv(dir, 't.csv', TEAMS), writeCsv(dir, 'i.csv', INDICATORS), writeCsv(dir, 'm.csv', `${lines.join('\n')}\n`)];
}

test('two first loads into a new store at once both succeed, and the store holds the rows once', async () => {
	const dir = tempDir();
	const db = path.join(dir, 'store.db');
	const inputs = files(dir, 120);
	const runs = await Promise.all([start(['--db', db, ...inputs]).done, start(['--db', db, ...inputs]).done]);
	for (const run of runs) {
		assert.equal(run.code, 0, run.stderr);
		assert.equal(run.stderr, '');
	}
	// One made the store; the other either made it first or then found nothing new.
	assert.ok(runs.some(run => /measures +360 added/.test(run.stdout)), runs.map(run => run.stdout).join('\n'));
	assert.ok(runs.every(run => /measures +360 added/.test(run.stdout) || /nothing new/.test(run.stdout)));
	const content = await storeContent(db);
	assert.equal(content['measures']!.length, 360);
	assert.equal(content['loads']!.length, 1);
	assert.deepEqual(
		fs.readdirSync(dir).filter(name => name.includes('.new-')),
		[],
	);
});

test('a first load killed part way leaves no store (or a complete one), and the next load completes it', async () => {
	const dir = tempDir();
	const db = path.join(dir, 'store.db');
	const inputs = files(dir, 12 * 70);
	const {child, done} = start(['--db', db, ...inputs]);
	// Killed once it is building the store beside its place.
	const deadline = Date.now() + 60_000;
	while (!fs.readdirSync(dir).some(name => name.startsWith('.store.db.new-'))) {
		if (Date.now() > deadline) throw new Error('the load never started building the store');
		await new Promise(resolve => setTimeout(resolve, 5));
	}
	child.kill('SIGKILL');
	const run = await done;
	assert.equal(run.signal, 'SIGKILL');
	if (fs.existsSync(db)) assert.equal((await storeContent(db))['measures']!.length, 3 * 12 * 70);
	else assert.deepEqual(await storeContent(db), {});

	const next = await start(['--db', db, ...inputs]).done;
	assert.equal(next.code, 0, next.stderr);
	assert.equal((await storeContent(db))['measures']!.length, 3 * 12 * 70);
	// What the killed load was building is cleared away.
	assert.deepEqual(
		fs.readdirSync(dir).filter(name => name.includes('.new-')),
		[],
	);
});
