// The loader in a folder others write: the key file saved or the load refused, a key file from
// another store refused before anything is written, nothing followed that another user planted,
// build files it did not make named (never fatal), no unkeyed fingerprint of personal data, text
// fields within their documented limits. (Two real loaders in a setgid folder: trust-boundaries.test.ts.)
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {describe, test} from 'node:test';
import {TEXT_LIMITS} from '../source/domain/limits.js';
import {runLoad, type LoadResult} from '../source/loader/load.js';
import {writeTemplates} from '../source/loader/template.js';
import {craft} from './helpers/craft.js';
import {FIXED_NOW, storeContent, tempDir, writeCsv} from './helpers/temp-store.js';

const TEAMS = 'code,name,population\nEAST,East,107112\n';
const INDICATORS = 'code,number,title,unit,polarity,target,amber,measure,definition\nFA45,1,Family assessments,percent,higher,85,5,monthly,Within 45 days\n';
const CASELOADS = 'period,team,service,worker,fte,caseload\n2017-12,EAST,assessment,W48213,0.8,17\n';

const errorsOf = (result: LoadResult): string[] => (result.ok ? [] : result.errors);

async function load(db: string, files: Record<string, string>, dir = path.dirname(db)): Promise<LoadResult> {
	return runLoad({db, files: Object.entries(files).map(([name, text]) => writeCsv(dir, name, text)), now: FIXED_NOW});
}

describe('text fields within their documented limits', () => {
	test('a 5 MB commentary cell is refused in one line naming file, line and column, quoting none of it', async () => {
		const dir = tempDir();
		const db = path.join(dir, 'store.db');
		assert.equal((await load(db, {'t.csv': TEAMS, 'i.csv': INDICATORS})).ok, true);
		const before = await storeContent(db);
		const huge = 'w'.repeat(5 * 1024 * 1024);
		const result = await load(db, {'k.csv': `period,indicator,text\n2017-12,FA45,"${huge}"\n`});
		assert.deepEqual(errorsOf(result), [
			`${path.join(dir, 'k.csv')}:2:3: text is 5,242,880 characters long; at most ${TEXT_LIMITS.commentary.toLocaleString('en-GB')} are allowed`,
			`nothing was loaded into ${db} (1 error)`,
		]);
		assert.deepEqual(await storeContent(db), before);
	});

	test('titles, names, definitions, reasons and aliases have their limits too', async () => {
		const dir = tempDir();
		const db = path.join(dir, 'store.db');
		const long = (n: number) => 'x'.repeat(n + 1);
		const result = await load(db, {
			't.csv': `code,name,population\nEAST,${long(TEXT_LIMITS.name)},5\n`,
			'i.csv': `code,number,title,unit,polarity,target,amber,measure,definition\nFA45,1,${long(TEXT_LIMITS.title)},percent,higher,85,5,monthly,${long(TEXT_LIMITS.definition)}\n`,
		});
		const errors = errorsOf(result).join('\n');
		assert.match(errors, /t\.csv:2:2: name is 201 characters long; at most 200 are allowed/);
		assert.match(errors, /i\.csv:2:3: title is 301 characters long; at most 300 are allowed/);
		assert.match(errors, /i\.csv:2:9: definition is 2,001 characters long; at most 2,000 are allowed/);
		assert.equal(fs.existsSync(db), false);
	});

	test('a row longer than any field may be is refused by the CSV reader, without reading it whole', async () => {
		const dir = tempDir();
		const db = path.join(dir, 'store.db');
		const result = await load(db, {'k.csv': `period,indicator,text\n2017-12,FA45,"${'z'.repeat(9 * 1024 * 1024)}"\n`});
		assert.match(errorsOf(result)[0] ?? '', /k\.csv:2:\d+: this row is longer than 8,388,608 characters/);
	});

	test('an error never quotes more than a short excerpt: a 1 MB header line gives a short line', async () => {
		const dir = tempDir();
		const result = await load(path.join(dir, 'store.db'), {'h.csv': `${'q'.repeat(1024 * 1024)},name\n1,2\n`});
		const errors = errorsOf(result);
		assert.equal(errors.length, 2);
		assert.match(errors[0]!, /h\.csv:1:1: the header matches no kind of file: unknown column "q+…"/);
		assert.ok(errors[0]!.length < 400, `${errors[0]!.length} characters`);
	});
});

describe('the worker key file: saved, or the load refused', () => {
	test('a symbolic link leading nowhere at the key file: the first caseload load is refused, nothing made, nothing followed', async () => {
		const dir = tempDir();
		const db = path.join(dir, 'store.db');
		const elsewhere = path.join(tempDir(), 'nowhere', 'key');
		fs.symlinkSync(elsewhere, `${db}.key`);
		const result = await load(db, {'t.csv': TEAMS, 'c.csv': CASELOADS});
		assert.match(errorsOf(result).join('\n'), /store\.db\.key: refused: the worker key file is a symbolic link that leads nowhere/);
		assert.equal(fs.existsSync(db), false, 'no store without its key');
		assert.equal(fs.existsSync(path.dirname(elsewhere)), false);
		assert.deepEqual(fs.readdirSync(dir).sort(), ['c.csv', 'store.db.key', 't.csv']);
	});

	test('a folder (or anything not a file) at the key file is refused', async () => {
		const dir = tempDir();
		const db = path.join(dir, 'store.db');
		fs.mkdirSync(`${db}.key`);
		const result = await load(db, {'t.csv': TEAMS, 'c.csv': CASELOADS});
		assert.match(errorsOf(result).join('\n'), /store\.db\.key: refused: the worker key file is not a file \(a folder\)/);
		assert.equal(fs.existsSync(db), false);
	});

	test("another store's key file is refused before anything is written; the store keeps only a keyed fingerprint", async () => {
		const dir = tempDir();
		const db = path.join(dir, 'store.db');
		assert.equal((await load(db, {'t.csv': TEAMS, 'c.csv': CASELOADS})).ok, true);
		const key = fs.readFileSync(`${db}.key`, 'utf8').trim();
		const meta = (await storeContent(db))['meta'] as Array<{key: string; value: string}>;
		const check = meta.find(row => row.key === 'key_check')!.value;
		assert.notEqual(check, key);
		assert.equal(check, crypto.createHmac('sha256', key).update('scorecard worker key check').digest('hex'), 'keyed: needs the key to make');
		const before = await storeContent(db);

		fs.writeFileSync(`${db}.key`, `${crypto.randomBytes(32).toString('hex')}\n`);
		const result = await load(db, {'c2.csv': CASELOADS.replace('W48213,0.8', 'W48214,0.5')});
		assert.match(errorsOf(result).join('\n'), /store\.db\.key: refused: this worker key file is not \S+store\.db's \(the store keeps its key's fingerprint, and this key's differs\): nothing was loaded/);
		assert.deepEqual(await storeContent(db), before);
		// A load that needs no key is not stopped by it, and does not use it.
		const teams = await load(db, {'t2.csv': 'code,name,population\nWEST,West,5\n'});
		assert.equal(teams.ok, true, errorsOf(teams).join('\n'));
		assert.equal(((await storeContent(db))['meta'] as Array<{key: string; value: string}>).find(row => row.key === 'key_check')!.value, check);
	});

	test('a store whose key file was lost takes no new key for its caseloads', async () => {
		const dir = tempDir();
		const db = path.join(dir, 'store.db');
		// A store with a key recorded but no caseloads yet: a new key file would not be its key.
		assert.equal((await load(db, {'t.csv': TEAMS})).ok, true);
		fs.rmSync(`${db}.key`);
		const result = await load(db, {'c.csv': CASELOADS});
		assert.match(errorsOf(result).join('\n'), /the worker key file is missing/);
		assert.equal(fs.existsSync(`${db}.key`), false);
	});
});

describe('no unkeyed fingerprint of personal data in the load log', () => {
	test("a caseloads file's SHA-256 is nowhere in the store: the log keeps a keyed one", async () => {
		const dir = tempDir();
		const db = path.join(dir, 'store.db');
		assert.equal((await load(db, {'t.csv': TEAMS, 'c.csv': CASELOADS, 'i.csv': INDICATORS})).ok, true);
		const plain = crypto.createHash('sha256').update(CASELOADS).digest('hex');
		const files = (await storeContent(db))['load_files'] as Array<{kind: string; sha256: string}>;
		const caseloads = files.find(file => file.kind === 'caseloads')!;
		assert.match(caseloads.sha256, /^hmac-sha256:[0-9a-f]{64}$/);
		assert.equal(fs.readFileSync(db).includes(plain), false, 'the plain digest is in the store file');
		// Files without personal data keep their plain SHA-256: anyone can check them with sha256sum.
		assert.equal(files.find(file => file.kind === 'teams')!.sha256, crypto.createHash('sha256').update(TEAMS).digest('hex'));
	});

	test('a plain digest logged by an older version is keyed by the next load, its bytes overwritten', async () => {
		const dir = tempDir();
		const db = path.join(dir, 'store.db');
		assert.equal((await load(db, {'t.csv': TEAMS, 'c.csv': CASELOADS})).ok, true);
		const plain = crypto.createHash('sha256').update(CASELOADS).digest('hex');
		await craft(db, `UPDATE load_files SET sha256 = '${plain}' WHERE kind = 'caseloads'`);
		assert.equal(fs.readFileSync(db).includes(plain), true);
		assert.equal((await load(db, {'t2.csv': 'code,name,population\nWEST,West,5\n'})).ok, true);
		assert.equal(fs.readFileSync(db).includes(plain), false);
		const files = (await storeContent(db))['load_files'] as Array<{kind: string; sha256: string}>;
		assert.match(files.find(file => file.kind === 'caseloads')!.sha256, /^hmac-sha256:/);
	});
});

describe("the store's folder: nothing planted is followed, nothing unknown is fatal", () => {
	test('a folder at a dead build name is named in a warning; the first load still makes the store', async () => {
		const dir = tempDir();
		const db = path.join(dir, 'store.db');
		const planted = path.join(dir, '.store.db.new-999999-deadbeef');
		fs.mkdirSync(planted);
		fs.writeFileSync(path.join(dir, '.store.db.new-999998-cafe'), 'left by a killed load');
		const result = await load(db, {'t.csv': TEAMS});
		assert.equal(result.ok, true, errorsOf(result).join('\n'));
		assert.deepEqual(result.warnings, [`left alone: ${planted} is a folder (owner root) where a loader keeps its build files; no loader made it: ask its owner to remove it`]);
		assert.equal(fs.existsSync(path.join(dir, '.store.db.new-999998-cafe')), false, "a dead load's build file is removed");
		assert.equal(fs.statSync(planted).isDirectory(), true);
	});

	test('an empty store file made beforehand (640) keeps its mode after the first load', async () => {
		const dir = tempDir();
		const db = path.join(dir, 'store.db');
		fs.writeFileSync(db, '');
		fs.chmodSync(db, 0o640);
		assert.equal((await load(db, {'t.csv': TEAMS})).ok, true);
		assert.equal(fs.statSync(db).mode & 0o777, 0o640);
		assert.ok(fs.statSync(db).size > 0);
	});

	test('a store made under umask 022 in a setgid folder is warned about', async () => {
		const dir = tempDir();
		fs.chmodSync(dir, 0o2775);
		const db = path.join(dir, 'store.db');
		const previous = process.umask(0o022);
		let result: LoadResult;
		try {
			result = await load(db, {'t.csv': TEAMS});
		} finally {
			process.umask(previous);
		}
		assert.equal(result.ok, true);
		assert.equal(fs.statSync(db).mode & 0o777, 0o644);
		assert.equal(result.warnings?.length, 1);
		assert.match(result.warnings![0]!, /store\.db: made with mode 644 \(this user's umask is 022\) in a folder the group \S+ shares: other loaders cannot load into it: run chmod g\+w/);
		// Under umask 002 the store is group-writable and nothing is said.
		const other = path.join(dir, 'other.db');
		process.umask(0o002);
		try {
			const fine = await load(other, {'t3.csv': TEAMS});
			assert.equal(fine.warnings, undefined);
			assert.equal(fs.statSync(other).mode & 0o777, 0o664);
		} finally {
			process.umask(previous);
		}
	});

	test('a new store in a folder that does not exist names the folder, not a temporary file', async () => {
		const dir = tempDir();
		const db = path.join(dir, 'missing', 'store.db');
		const result = await runLoad({db, files: [writeCsv(dir, 't.csv', TEAMS)], now: FIXED_NOW});
		assert.deepEqual(errorsOf(result), [`${db}: cannot make the store: the folder ${path.dirname(db)} does not exist; nothing was loaded`]);
	});

	test('--template never follows a link leading nowhere: the name is refused, its target not made', async () => {
		const dir = tempDir();
		const target = path.join(tempDir(), 'made-by-template.csv');
		fs.symlinkSync(target, path.join(dir, 'teams.csv'));
		const written = await writeTemplates(dir);
		assert.deepEqual(written, {existing: ['teams.csv']});
		assert.equal(fs.existsSync(target), false);
	});
});

test('a store on a read-only file system: the loader says so in one line (SQLITE_READONLY as its cause)', async () => {
	// As root every permission check passes: a read-only file system gives SQLITE_READONLY to anyone.
	// (A store or folder others may not write, with the mode and owner found: trust-boundaries.test.ts.)
	const dir = tempDir();
	const db = path.join(dir, 'store.db');
	assert.equal((await load(db, {'t.csv': TEAMS})).ok, true);
	const mount = tempDir();
	execFileSync('mount', ['--bind', dir, mount]);
	try {
		execFileSync('mount', ['-o', 'remount,bind,ro', mount]);
		const result = await runLoad({db: path.join(mount, 'store.db'), files: [writeCsv(tempDir(), 'w.csv', 'code,name,population\nWEST,West,5\n')], now: FIXED_NOW});
		const errors = errorsOf(result);
		assert.equal(errors.length, 1);
		assert.match(errors[0]!, /store\.db: cannot load: the store is on a read-only file system \(read-only media or mount\); nothing was loaded$/);
		assert.doesNotMatch(errors[0]!, /SQLITE_|failed unexpectedly/);
	} finally {
		execFileSync('umount', [mount]);
	}
});
