import assert from 'node:assert/strict';
import {execFileSync, spawn} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {after, test} from 'node:test';
import {tempDir, writeCsv} from './helpers/temp-store.js';

// A disk too small for the load: one clear line, exit 1, no store. A real full disk: a 1 MiB tmpfs
// (so the test needs root, as the second-user tests do; it fails, never skips, without it).
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const mounted: string[] = [];
after(() => {
	for (const dir of mounted) execFileSync('umount', [dir]);
});

test('a store whose disk fills during a load is one clear line, and no store is left', async () => {
	assert.equal(process.getuid?.(), 0, 'this test mounts a small tmpfs: run the tests as root (as .ci/run does)');
	const dir = tempDir();
	const small = path.join(dir, 'small');
	fs.mkdirSync(small);
	execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', small]);
	mounted.push(small);
	const lines = ['period,indicator,team,numerator,denominator,value'];
	for (let m = 0; m < 600; m++) for (let t = 0; t < 40; t++) lines.push(`${1960 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')},FA45,T${t},${t + 1},100,`);
	const files = [
		writeCsv(dir, 't.csv', `code,name,population\n${Array.from({length: 40}, (_, t) => `T${t},Team ${t},1000`).join('\n')}\n`),
		writeCsv(dir, 'i.csv', 'code,number,title,unit,polarity,target,amber,measure,definition\nFA45,3,Family assessments,percent,higher,85,5,monthly,x\n'),
		writeCsv(dir, 'm.csv', `${lines.join('\n')}\n`),
	];
	const db = path.join(small, 'store.db');
	const run = await new Promise<{code: number | null; stdout: string; stderr: string}>((resolve, reject) => {
		const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/load.ts', '--db', db, ...files], {cwd: ROOT});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', chunk => (stdout += chunk));
		child.stderr.on('data', chunk => (stderr += chunk));
		child.on('error', reject);
		child.on('close', code => resolve({code, stdout, stderr}));
	});
	assert.equal(run.code, 1);
	assert.equal(run.stdout, '');
	assert.equal(run.stderr, `${db}: the disk is full (the store's or the temporary files' disk): nothing was loaded\n`);
	assert.deepEqual(fs.readdirSync(small).filter(name => name.startsWith('store.db') && !name.endsWith('.key')), []);
});
