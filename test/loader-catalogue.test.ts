import assert from 'node:assert/strict';
import path from 'node:path';
import {test} from 'node:test';
import {runLoad} from '../source/loader/load.js';
import {aliasKey, readIndicatorOptions, readTeamAliases, readWholeService} from '../source/store/catalogue.js';
import {Connection} from '../source/store/connection.js';
import {FIXED_NOW, loadFixture, storeContent, tempDir, writeCsv} from './helpers/temp-store.js';

// The catalogue's optional parts: short titles, derivations, team aliases and the whole service's own row.

async function read<T>(db: string, work: (connection: Connection) => Promise<T>): Promise<T> {
	const connection = await Connection.open(db, {readonly: true});
	try {
		return await work(connection);
	} finally {
		await connection.close();
	}
}

const TEAMS = 'code,name,population\nEAST,East,1000\nWEST,West,3000\n';
const INDICATORS =
	'code,number,title,unit,polarity,target,amber,measure,definition,short_title,derive\n' +
	'FA45,3,Family assessments completed within 45 working days,percent,higher,85,5,monthly,x,Assessments in 45 days,Annex_A.Assessments_45wd\n' +
	'CIC,7,Children in care per 10k,rate_per_10k,lower,,,snapshot,y,,\n';

test('short titles and derivations are stored; an unknown derivation is refused with the known ones', async () => {
	const dir = tempDir();
	const db = path.join(dir, 'store.db');
	await loadFixture(db, {'t.csv': TEAMS, 'i.csv': INDICATORS});
	assert.deepEqual(await read(db, readIndicatorOptions), [
		{code: 'CIC', shortTitle: null, derive: null},
		{code: 'FA45', shortTitle: 'Assessments in 45 days', derive: 'annex_a.assessments_45wd'},
	]);
	const bad = writeCsv(dir, 'bad.csv', 'code,number,title,unit,polarity,target,amber,measure,definition,derive\nNEW,9,New,count,none,,,monthly,x,annex_a.guesswork\n');
	const result = await runLoad({db, files: [bad], now: FIXED_NOW});
	assert.equal(result.ok, false);
	if (!result.ok) assert.match(result.errors[0]!, /bad\.csv:2:10: derive "annex_a\.guesswork" is not a known derivation \(one of annex_a\.assessments_45wd, .*annex_a\.children_in_care_excl_uasc;/);
});

test('team aliases: stored, matched ignoring case and surrounding space; a repeat or an unknown team is refused', async () => {
	const dir = tempDir();
	const db = path.join(dir, 'store.db');
	await loadFixture(db, {'t.csv': TEAMS, 'a.csv': 'alias,team\n  East Locality Team ,EAST\nWest CSC,WEST\n'});
	const aliases = await read(db, readTeamAliases);
	assert.deepEqual(aliases.get(aliasKey('EAST LOCALITY TEAM')), {alias: 'East Locality Team', team: 'EAST'});
	assert.equal(aliases.size, 2);
	const before = await storeContent(db);
	const again = writeCsv(dir, 'b.csv', 'alias,team\nNorth,NORTH\nwest csc ,WEST\nWEST CSC,WEST\n');
	const result = await runLoad({db, files: [again], now: FIXED_NOW});
	assert.equal(result.ok, false);
	if (!result.ok) {
		assert.ok(result.errors.some(line => line.endsWith('b.csv:2:2: team "NORTH" is not in the store or in this load\'s teams files (teams: ALL, EAST, WEST)')), result.errors.join('\n'));
		assert.ok(result.errors.some(line => /b\.csv:4:1: alias "WEST CSC" is also on line 3/.test(line)), result.errors.join('\n'));
	}
	assert.deepEqual(await storeContent(db), before);
});

test("a teams file's ALL row gives the whole service's name and population, used for its rates", async () => {
	const dir = tempDir();
	const db = path.join(dir, 'store.db');
	await loadFixture(db, {
		't.csv': `${TEAMS}ALL,Everyone in the city,10000\n`,
		'i.csv': INDICATORS,
		'm.csv': 'period,indicator,team,numerator,denominator,value\n2017-12,CIC,ALL,60,,\n2017-12,CIC,EAST,10,,\n',
	});
	assert.deepEqual(await read(db, readWholeService), {name: 'Everyone in the city', population: 10_000});
	const measures = (await storeContent(db))['measures'] as Array<{team: string; value: number; denominator: number}>;
	// 60 children of the service's own 10,000 (not the teams' 4,000); EAST by its own population.
	assert.deepEqual(measures.map(row => [row.team, row.denominator, row.value]), [['ALL', 10_000, 60], ['EAST', 1000, 100]]);
	// The teams are still only the teams.
	assert.equal((await storeContent(db))['teams']!.length, 2);
});

test('without an ALL row the whole service is the teams summed, as before', async () => {
	const dir = tempDir();
	const db = path.join(dir, 'store.db');
	await loadFixture(db, {'t.csv': TEAMS, 'i.csv': INDICATORS, 'm.csv': 'period,indicator,team,numerator,denominator,value\n2017-12,CIC,ALL,60,,\n'});
	assert.equal(await read(db, readWholeService), null);
	const [measure] = (await storeContent(db))['measures'] as Array<{denominator: number}>;
	assert.equal(measure!.denominator, 4000);
});
