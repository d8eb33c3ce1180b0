import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {test} from 'node:test';
import {DEFAULT_SETTINGS} from '../source/domain/store-settings.js';
import {runLoad} from '../source/loader/load.js';
import {openStoreReadOnly} from '../source/store/queries.js';
import {readScorecard} from '../source/store/read-scorecard.js';
import {readReference} from '../source/store/load-reads.js';
import {Connection} from '../source/store/connection.js';
import {APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION} from '../source/store/migrations.js';
import {FIXED_NOW, storeContent, tempDir, writeCsv} from './helpers/temp-store.js';

// Migrations with a safety net: a schema-1 store, made as version 1 made it, upgrades to the
// latest; and the schema as a new store has it is a snapshot, so a change to it is deliberate.
const SNAPSHOT = fileURLToPath(new URL('fixtures/schema.sql', import.meta.url));

async function schemaOf(db: string): Promise<string> {
	const connection = await Connection.open(db, {readonly: true});
	try {
		const rows = await connection.all<{type: string; name: string; sql: string}>(
			"SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type DESC, name",
		);
		const version = await connection.get<{user_version: number}>('PRAGMA user_version');
		return `-- schema ${version?.user_version}\n${rows.map(row => `${row.sql.replace(/\s+/g, ' ').trim()};`).join('\n')}\n`;
	} finally {
		await connection.close();
	}
}

/** A store as schema 1 made it: its SQL, its meta (with the worker key kept inside), its figures. */
async function schemaOneStore(db: string): Promise<string> {
	const secret = crypto.randomBytes(32).toString('hex');
	const connection = await Connection.open(db, {readonly: false});
	try {
		await connection.exec('PRAGMA journal_mode = WAL');
		await connection.exec(MIGRATIONS[0]!);
		await connection.run('INSERT INTO meta (key, value) VALUES (?, ?), (?, ?)', ['worker_secret', secret, 'created_at', '2018-01-05T09:00:00.000Z']);
		await connection.exec(`PRAGMA application_id = ${APPLICATION_ID}; PRAGMA user_version = 1`);
		await connection.exec(`
			INSERT INTO teams VALUES ('EAST', 'East', 1000);
			INSERT INTO indicators VALUES ('FA45', 3, 'Family assessments', 'percent', 'higher', 'monthly', 'x');
			INSERT INTO targets VALUES ('FA45', '0000-00', 85, 5);
			INSERT INTO measures VALUES ('EAST', 'FA45', '2017-11', 9, 10, 90);
		`);
		const worker = crypto.createHmac('sha256', secret).update('W123').digest('hex').slice(0, 24);
		await connection.run("INSERT INTO caseloads VALUES ('2017-11', 'EAST', 'assessment', ?, 1, 12)", [worker]);
	} finally {
		await connection.close();
	}
	return secret;
}

test('a schema-1 store upgrades to the latest schema with its figures, workers and history intact', async () => {
	const dir = tempDir();
	const db = path.join(dir, 'old.db');
	const secret = await schemaOneStore(db);
	const files = [
		writeCsv(dir, 'm.csv', 'period,indicator,team,numerator,denominator,value\n2017-12,FA45,EAST,8,10,\n'),
		writeCsv(dir, 'c.csv', 'period,team,service,worker,fte,caseload\n2017-11,EAST,assessment,W123,1,12\n'),
	];
	const result = await runLoad({db, files, now: FIXED_NOW});
	assert.equal(result.ok, true, result.ok ? '' : result.errors.join('\n'));
	if (result.ok) {
		assert.equal(result.summary.kinds.find(kind => kind.kind === 'measures')!.added, 1);
		// The same worker, hashed with the key the store was made with.
		assert.equal(result.summary.kinds.find(kind => kind.kind === 'caseloads')!.unchanged, 1);
	}
	const content = await storeContent(db);
	assert.equal(content['measures']!.length, 2);
	assert.equal(fs.readFileSync(`${db}.key`, 'utf8').trim(), secret);
	// Upgraded by the same steps as a new store: the same schema.
	const fresh = path.join(dir, 'fresh.db');
	const made = await runLoad({db: fresh, files: [writeCsv(dir, 't.csv', 'code,name,population\nEAST,East,1000\n')], now: FIXED_NOW});
	assert.equal(made.ok, true);
	assert.equal(await schemaOf(db), await schemaOf(fresh));
	assert.match(await schemaOf(db), new RegExp(`^-- schema ${SCHEMA_VERSION}\n`));
});

test('the schema of a new store is the snapshot in test/fixtures/schema.sql (UPDATE_SNAPSHOT=1 rewrites it)', async () => {
	const dir = tempDir();
	const db = path.join(dir, 'new.db');
	const made = await runLoad({db, files: [writeCsv(dir, 't.csv', 'code,name,population\nEAST,East,1000\n')], now: FIXED_NOW});
	assert.equal(made.ok, true);
	const schema = await schemaOf(db);
	if (process.env['UPDATE_SNAPSHOT'] === '1') fs.writeFileSync(SNAPSHOT, schema);
	assert.ok(fs.existsSync(SNAPSHOT), `${SNAPSHOT} is missing: run with UPDATE_SNAPSHOT=1 once, and review it`);
	assert.equal(schema, fs.readFileSync(SNAPSHOT, 'utf8'), 'the schema changed: add a migration, then UPDATE_SNAPSHOT=1 and review the diff');
});

/** A store as schema 3 made it (the migrations up to 3, as they ran then), with a rebase and figures. */
async function schemaThreeStore(db: string): Promise<void> {
	const connection = await Connection.open(db, {readonly: false});
	try {
		for (const migration of MIGRATIONS.slice(0, 3)) await connection.exec(migration);
		await connection.run('INSERT INTO meta (key, value) VALUES (?, ?)', ['created_at', '2018-01-05T09:00:00.000Z']);
		await connection.exec(`PRAGMA application_id = ${APPLICATION_ID}; PRAGMA user_version = 3`);
		await connection.exec(`
			INSERT INTO teams VALUES ('EAST', 'East', 1000);
			INSERT INTO indicators VALUES ('FA45', 3, 'Family assessments', 'percent', 'higher', 'monthly', 'x', NULL, NULL);
			INSERT INTO targets VALUES ('FA45', '0000-00', 85, 5);
			INSERT INTO measures VALUES ('ALL', 'FA45', '2017-10', 8, 10, 80), ('ALL', 'FA45', '2017-11', 9, 10, 90);
			INSERT INTO rebases VALUES ('FA45', '2017-11', 'New front door');
		`);
	} finally {
		await connection.close();
	}
}

test('a schema-3 store: read as it is by the console, dry-run against as schema 4 untouched, then upgraded by a load with its rebases recalculations', async () => {
	const dir = tempDir();
	const db = path.join(dir, 'three.db');
	await schemaThreeStore(db);
	const before = await storeContent(db);

	// Readers never migrate: the settings are the defaults, every rebase a recalculation.
	const reader = await openStoreReadOnly(db);
	try {
		const view = await readScorecard(reader);
		assert.deepEqual(view.scorecard.settings, DEFAULT_SETTINGS);
		assert.deepEqual(view.scorecard.indicators[0]!.rebases, [{indicator: 'FA45', period: '2017-11', reason: 'New front door', type: 'recalculate'}]);
		// The --annex-a step reads the catalogue of a store it does not migrate.
		const reference = await readReference(reader);
		assert.deepEqual([reference.indicators.map(indicator => indicator.code), reference.settings], [['FA45'], []]);
	} finally {
		await reader.close();
	}

	const files = [
		writeCsv(dir, 's.csv', 'setting,value\nspc_run_length,6\n'),
		writeCsv(dir, 'r.csv', 'period,indicator,reason,type\n2017-11,FA45,New front door,\n2017-12,FA45,Baseline agreed,baseline\n'),
	];
	// A dry run compares against the schema a load would write (a migrated copy), and writes nothing.
	const dry = await runLoad({db, files, now: FIXED_NOW, dryRun: true});
	assert.ok(dry.ok, dry.ok ? '' : dry.errors.join('\n'));
	assert.deepEqual(
		dry.summary.kinds.map(kind => [kind.kind, kind.added, kind.changed, kind.unchanged]),
		[
			['rebases', 1, 0, 1],
			['settings', 1, 0, 0],
		],
	);
	assert.deepEqual(await storeContent(db), before);

	const loaded = await runLoad({db, files, now: FIXED_NOW});
	assert.ok(loaded.ok, loaded.ok ? '' : loaded.errors.join('\n'));
	const content = await storeContent(db);
	assert.deepEqual(content['@pragmas']![1], {user_version: SCHEMA_VERSION});
	assert.deepEqual(content['rebases'], [
		{indicator: 'FA45', period: '2017-11', reason: 'New front door', type: 'recalculate'},
		{indicator: 'FA45', period: '2017-12', reason: 'Baseline agreed', type: 'baseline'},
	]);
	assert.deepEqual(content['settings'], [{setting: 'spc_run_length', value: '6'}]);
	const fresh = path.join(dir, 'fresh.db');
	assert.equal((await runLoad({db: fresh, files: [writeCsv(dir, 't.csv', 'code,name,population\nEAST,East,1000\n')], now: FIXED_NOW})).ok, true);
	assert.equal(await schemaOf(db), await schemaOf(fresh));
});
