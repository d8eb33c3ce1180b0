// A store is untrusted input: anyone in the loaders' group can write it. Its schema must be the
// migrations' own (a stranger is named and refused), reads are bounded in time and in the length
// of any value, every text is cut to its field's limit and made safe to show, and a loader never
// writes through a trigger it did not make. (As real second Unix users: trust-boundaries.test.ts.)
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {before, describe, test} from 'node:test';
import {TEXT_LIMITS} from '../source/domain/limits.js';
import {displayLine, displayText, excerpt} from '../source/domain/text.js';
import {runLoad} from '../source/loader/load.js';
import {scorecardJson, scorecardText} from '../source/print.js';
import {Connection, StoreError} from '../source/store/connection.js';
import {MIGRATIONS} from '../source/store/migrations.js';
import {openStoreReadOnly} from '../source/store/queries.js';
import {readScorecard} from '../source/store/read-scorecard.js';
import {readSnapshot} from '../source/store/snapshot.js';
import {craftedCopy, HOSTILE_SQL, unsafeSequences} from './helpers/craft.js';
import {FIXED_NOW, sampleStore, storeContent, tempDir, writeCsv} from './helpers/temp-store.js';
import {SAMPLE} from './helpers/sample.js';

let sample: string;
let dir: string;

before(async () => {
	sample = await sampleStore();
	dir = tempDir();
});

let copies = 0;
const copy = (sql: string) => craftedCopy(sample, path.join(dir, `crafted-${copies++}.db`), sql);

/** Opening and reading the store as the console and --json do: the error's message, or null when it reads. */
async function readError(db: string): Promise<string | null> {
	let connection: Connection | undefined;
	try {
		connection = await openStoreReadOnly(db);
		await readScorecard(connection, {full: true});
		return null;
	} catch (error) {
		assert.ok(error instanceof StoreError, `not a one-line StoreError: ${String(error)}`);
		return error.message;
	} finally {
		await connection?.close();
	}
}

describe('the display sanitiser', () => {
	test('controls, C1, DEL and bidirectional controls are shown as ?, never dropped', () => {
		assert.equal(displayLine('a\u001B]0;x\u0007b'), 'a?]0;x?b');
		assert.equal(displayLine('C1 \u009B31m csi'), 'C1 ?31m csi');
		assert.equal(displayLine('\u202Eevil\u2066x\u2069'), '?evil?x?');
		assert.equal(displayLine('two\nlines\ttab'), 'two?lines tab');
		assert.equal(displayText('two\r\nlines\u0007'), 'two\nlines?');
		assert.equal(displayLine('Ünïcödé 長 😀'), 'Ünïcödé 長 😀', 'other text is as it was');
		assert.equal(excerpt('x'.repeat(100), 10), `${'x'.repeat(9)}…`);
		assert.equal(excerpt('😀😀😀', 4), '😀…', 'a surrogate pair is never split');
	});
});

describe("a store's schema must be the migrations' own", () => {
	const strangers: Array<[string, string, RegExp]> = [
		['a view in place of a table', 'DROP TABLE teams; CREATE VIEW teams AS SELECT * FROM (SELECT 1 AS code, 2 AS name, 3 AS population)', /has a view teams that scorecard did not make/],
		[
			'an endless view behind commentary',
			`DROP TABLE commentary; CREATE VIEW commentary AS WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT 'FA45' AS indicator, '${SAMPLE.latest}' AS period, 'x' AS text FROM r`,
			/has a view commentary that scorecard did not make/,
		],
		['a trigger', "CREATE TRIGGER double AFTER INSERT ON measures BEGIN UPDATE measures SET value = value * 2 WHERE team = new.team; END", /has a trigger double that scorecard did not make/],
		['an extra table', 'CREATE TABLE notes (x)', /has a table notes that scorecard did not make/],
		['an extra index', 'CREATE INDEX teams_by_name ON teams (name)', /has a index teams_by_name that scorecard did not make/],
		[
			'a table changed (a generated column)',
			"ALTER TABLE teams RENAME TO old_teams; CREATE TABLE teams (code TEXT PRIMARY KEY, name TEXT NOT NULL, population INTEGER, huge TEXT GENERATED ALWAYS AS (printf('%.*c', 600000000, 'x'))) STRICT; DROP TABLE old_teams",
			/its table teams is not the one scorecard made/,
		],
		['an index missing', 'DROP INDEX measures_by_indicator', /its index measures_by_indicator is missing/],
	];
	for (const [what, sql, named] of strangers) {
		test(`${what}: refused in one line naming it, before any row is read`, async () => {
			const db = await copy(sql);
			const started = Date.now();
			const message = await readError(db);
			assert.ok(message !== null, 'the crafted store was read');
			assert.match(message, named);
			assert.match(message, /: refused: the store /);
			assert.ok(Date.now() - started < 5000, 'refused at once, not after a read');
		});
	}

	test('ANALYZE statistics (an administrator may run it) are SQLite\'s own: allowed', async () => {
		const db = await copy('ANALYZE');
		assert.equal(await readError(db), null);
	});

	test('a loader refuses a store with a trigger it did not make, and writes nothing', async () => {
		const db = await copy("CREATE TRIGGER forget AFTER UPDATE ON measures BEGIN DELETE FROM history; END");
		const before = await storeContent(db);
		const file = writeCsv(dir, 'fix.csv', 'period,indicator,team,numerator,denominator,value\n2017-12,UNALLOC7,ALL,5,,\n');
		const result = await runLoad({db, files: [file], replace: true, now: FIXED_NOW});
		assert.equal(result.ok, false);
		assert.match(result.ok ? '' : result.errors.join('\n'), /has a trigger forget that scorecard did not make/);
		assert.deepEqual(await storeContent(db), before);
	});

	test('the schema is checked again on every read: a view slipped in after opening is refused', async () => {
		const db = await copy('');
		const connection = await openStoreReadOnly(db);
		try {
			await readScorecard(connection);
			const writer = await Connection.open(db, {readonly: false});
			await writer.exec('DROP TABLE rebases; CREATE VIEW rebases AS SELECT 1 AS indicator, 2 AS period, 3 AS reason');
			await writer.close();
			await assert.rejects(readScorecard(connection), /has a view rebases that scorecard did not make/);
		} finally {
			await connection.close();
		}
	});

	test('a store made by the first migration alone (schema 1) is the migrations\' own: read as before', async () => {
		const db = path.join(dir, 'schema-one.db');
		const connection = await Connection.open(db, {readonly: false});
		await connection.exec(MIGRATIONS[0]!);
		await connection.exec(`PRAGMA application_id = 0x53435244; PRAGMA user_version = 1`);
		await connection.exec(`INSERT INTO teams VALUES ('EAST', 'East', 1000); INSERT INTO indicators VALUES ('FA45', 1, 'T', 'percent', 'higher', 'monthly', 'd'); INSERT INTO measures VALUES ('EAST', 'FA45', '2017-11', 9, 10, 90), ('ALL', 'FA45', '2017-11', 9, 10, 90)`);
		await connection.close();
		assert.equal(await readError(db), null);
	});
});

describe('reads bounded in time and in the length of a value', () => {
	test('a statement that never ends is stopped at the read timeout with one line', async () => {
		const connection = await openStoreReadOnly(sample);
		try {
			const started = Date.now();
			await assert.rejects(
				readSnapshot(connection, () => connection.bounded(() => connection.get('WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r'), 300)),
				(error: unknown) => error instanceof StoreError && /reading the store took longer than 0 s and was stopped/.test(error.message) && !error.message.includes('\n'),
			);
			assert.ok(Date.now() - started < 5000);
			// The connection is still good afterwards.
			assert.ok((await readScorecard(connection)).scorecard.indicators.length > 0);
		} finally {
			await connection.close();
		}
	});

	test('SCORECARD_READ_TIMEOUT sets the whole read\'s bound', async () => {
		process.env['SCORECARD_READ_TIMEOUT'] = '0.2';
		const connection = await openStoreReadOnly(sample);
		try {
			await assert.rejects(
				readSnapshot(connection, () => connection.get('WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r')),
				/took longer than 0 s and was stopped/,
			);
		} finally {
			delete process.env['SCORECARD_READ_TIMEOUT'];
			await connection.close();
		}
	});

	test('a value longer than SQLite is allowed to build here (a 600 MB name) is refused in one line, quickly', async () => {
		const db = await copy(`UPDATE teams SET name = printf('%.*c', 20000000, 'x') WHERE rowid = 1`);
		const started = Date.now();
		const message = await readError(db);
		assert.match(message ?? '', /refused: the store holds a value longer than any a loader writes/);
		assert.ok(Date.now() - started < 10_000);
	});

	test('a 5 MB commentary in a crafted store is read cut to the commentary limit; titles and names too', async () => {
		const db = await copy(
			`UPDATE commentary SET text = printf('%.*c', 5000000, 'y') WHERE indicator = 'FA45' AND period = '${SAMPLE.latest}';
			UPDATE indicators SET title = printf('%.*c', 100000, 't') WHERE code = 'FA45';
			UPDATE teams SET name = printf('%.*c', 100000, 'n') WHERE code = 'EAST'`,
		);
		const connection = await openStoreReadOnly(db);
		try {
			const view = await readScorecard(connection, {full: true});
			const fa45 = view.scorecard.indicators.find(row => row.code === 'FA45')!;
			assert.equal(fa45.commentary!.length, TEXT_LIMITS.commentary);
			assert.ok(fa45.commentary!.endsWith('…'));
			assert.equal(fa45.title.length, TEXT_LIMITS.title);
			assert.equal(view.teams.find(team => team.code === 'EAST')!.name.length, TEXT_LIMITS.name);
		} finally {
			await connection.close();
		}
	});

	test('a unit no loader writes is refused, named, not passed to the domain', async () => {
		const db = await copy(`UPDATE indicators SET unit = 'furlongs' WHERE code = 'FA45'`);
		assert.match((await readError(db)) ?? '', /refused: the store holds a unit "furlongs", which no loader writes/);
	});
});

describe('escape sequences in every text column reach neither --print nor --json', () => {
	test('titles, definitions, names, commentary, reasons, the load\'s user: shown visibly, inert', async () => {
		const db = await copy(
			`UPDATE indicators SET title = ${HOSTILE_SQL}, definition = ${HOSTILE_SQL};
			UPDATE teams SET name = ${HOSTILE_SQL};
			UPDATE commentary SET text = ${HOSTILE_SQL};
			UPDATE rebases SET reason = ${HOSTILE_SQL};
			UPDATE loads SET os_user = ${HOSTILE_SQL}`,
		);
		const connection = await openStoreReadOnly(db);
		try {
			const view = await readScorecard(connection, {full: true});
			const text = scorecardText(view, {commentary: true});
			const json = scorecardJson(view.scorecard);
			assert.deepEqual(unsafeSequences(text), []);
			assert.deepEqual(unsafeSequences(json), []);
			assert.match(text, /\?\]52;c;ZWNob/, 'the text is there, visibly');
			// JSON that a terminal prints raw is inert too, and still parses.
			assert.equal(JSON.parse(json).indicators[0].title.startsWith('?]52;c;'), true);
			assert.equal(view.lastLoad?.osUser.includes('\u001B'), false);
		} finally {
			await connection.close();
		}
	});
});

test('the store module files hold all the reads: no SQL outside store/', () => {
	// The checks above are only worth something if every read goes through the mapping.
	const root = path.resolve(import.meta.dirname, '../source');
	const offenders: string[] = [];
	const walk = (folder: string) => {
		for (const entry of fs.readdirSync(folder, {withFileTypes: true})) {
			const file = path.join(folder, entry.name);
			if (entry.isDirectory()) walk(file);
			else if (!file.includes(`${path.sep}store${path.sep}`) && /\.(ts|tsx)$/.test(file) && /\b(SELECT|INSERT INTO|UPDATE \w+ SET)\b/.test(fs.readFileSync(file, 'utf8'))) offenders.push(path.relative(root, file));
		}
	};
	walk(root);
	assert.deepEqual(offenders, []);
});
