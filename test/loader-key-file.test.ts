import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {test} from 'node:test';
import {runLoad} from '../source/loader/load.js';
import {Connection} from '../source/store/connection.js';
import {FIXED_NOW, storeContent, tempDir, writeCsv} from './helpers/temp-store.js';

// Pseudonyms that hold: the worker-hash key is in a file only loaders read, never in the store.

const TEAMS = 'code,name,population\nEAST,East,107112\nWEST,West,95000\n';
const WORKERS = Array.from({length: 40}, (_, i) => `W${String(10_000 + i * 37)}`);
const CASELOADS = `period,team,service,worker,fte,caseload\n${WORKERS.map((worker, i) => `2017-12,${i % 2 ? 'EAST' : 'WEST'},assessment,${worker},1,${i % 20}`).join('\n')}\n`;

const hash = (key: string, worker: string) => crypto.createHmac('sha256', key).update(worker).digest('hex').slice(0, 24);

async function loadStore(dir: string): Promise<{db: string; files: string[]}> {
	const db = path.join(dir, 'store.db');
	const files = [writeCsv(dir, 't.csv', TEAMS), writeCsv(dir, 'c.csv', CASELOADS)];
	const result = await runLoad({db, files, now: FIXED_NOW});
	assert.equal(result.ok, true, result.ok ? '' : result.errors.join('\n'));
	return {db, files};
}

async function execute(db: string, sql: string, params: Array<string | number> = []): Promise<void> {
	const connection = await Connection.open(db, {readonly: false});
	try {
		await connection.run(sql, params);
	} finally {
		await connection.close();
	}
}

test('the first load makes the key file, mode 0600; it makes the stored hashes and no value in the store does', async () => {
	const dir = tempDir();
	const {db} = await loadStore(dir);
	const keyFile = `${db}.key`;
	assert.equal(fs.statSync(keyFile).mode & 0o777, 0o600);
	const key = fs.readFileSync(keyFile, 'utf8').trim();
	const content = await storeContent(db);
	const stored = new Set((content['caseloads'] as Array<{worker: string}>).map(row => row.worker));
	assert.equal(stored.size, WORKERS.length);
	// The key file's key does give the stored hashes: the attack below is a real one.
	assert.ok(WORKERS.every(worker => stored.has(hash(key, worker))));
	// Every value the store keeps, in any table, tried as the key: no worker is recovered.
	const candidates = new Set<string>();
	for (const rows of Object.values(content)) for (const row of rows as Array<Record<string, unknown>>) for (const value of Object.values(row)) candidates.add(String(value));
	assert.ok(candidates.size > 50);
	for (const candidate of candidates) for (const worker of WORKERS) assert.equal(stored.has(hash(candidate, worker)), false, `the store's value ${candidate} is the key`);
	assert.equal(fs.readFileSync(db).includes(key), false);
});

test("in a setgid folder the key file is 0640 (for the team group's loaders); SCORECARD_KEY_FILE names it", async () => {
	const dir = tempDir();
	fs.chmodSync(dir, 0o2770);
	const keyFile = path.join(dir, 'keys', 'scorecard.key');
	fs.mkdirSync(path.dirname(keyFile));
	fs.chmodSync(path.dirname(keyFile), 0o2750);
	process.env['SCORECARD_KEY_FILE'] = keyFile;
	try {
		const {db} = await loadStore(dir);
		assert.equal(fs.statSync(keyFile).mode & 0o777, 0o640);
		assert.equal(fs.existsSync(`${db}.key`), false);
	} finally {
		delete process.env['SCORECARD_KEY_FILE'];
	}
});

test('a store made before the key file: the next load moves its key out and its bytes leave the store file', async () => {
	const dir = tempDir();
	const {db, files} = await loadStore(dir);
	const keyFile = `${db}.key`;
	const key = fs.readFileSync(keyFile, 'utf8').trim();
	// As the previous version left it: the key in meta, no key file.
	await execute(db, 'INSERT INTO meta (key, value) VALUES (?, ?)', ['worker_secret', key]);
	fs.rmSync(keyFile);
	assert.equal(fs.readFileSync(db).includes(key), true);

	const again = await runLoad({db, files, now: FIXED_NOW});
	assert.equal(again.ok, true, again.ok ? '' : again.errors.join('\n'));
	// The same key, so the same workers are found unchanged.
	assert.equal(again.ok && again.changed, false);
	assert.equal(fs.readFileSync(keyFile, 'utf8').trim(), key);
	const meta = (await storeContent(db))['meta'] as Array<{key: string}>;
	assert.equal(meta.some(row => row.key === 'worker_secret'), false);
	for (const file of fs.readdirSync(dir).filter(name => name.startsWith('store.db') && !name.endsWith('.key'))) {
		assert.equal(fs.readFileSync(path.join(dir, file)).includes(key), false, `${file} still holds the old key`);
	}
});

test('a missing key file with caseloads stored is one clear line, and nothing is loaded', async () => {
	const dir = tempDir();
	const {db, files} = await loadStore(dir);
	fs.rmSync(`${db}.key`);
	const before = await storeContent(db);
	const result = await runLoad({db, files: [files[1]!], now: FIXED_NOW, replace: true});
	assert.equal(result.ok, false);
	if (!result.ok) assert.match(result.errors.join('\n'), /^\S+store\.db\.key: the worker key file is missing, and \S+store\.db's caseloads were hashed with it/);
	assert.deepEqual(await storeContent(db), before);
	assert.equal(fs.existsSync(`${db}.key`), false);
});
