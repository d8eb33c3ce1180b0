// One snapshot per read: while real loader processes `--replace` the month again and again, every
// read's figures and commentary come from the same load. Each load writes its number into every
// figure and into the commentary; a read that mixed two loads would show two numbers.
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import path from 'node:path';
import {describe, it} from 'node:test';
import {openStoreReadOnly} from '../source/store/queries.js';
import {readAgendaInput, readScorecard} from '../source/store/read-scorecard.js';
import {readScreen} from '../source/store/read-screen.js';
import type {Scorecard} from '../source/domain/scorecard.js';
import {assertBuilt, runBuiltLoader, tempDir} from './helpers/pty.js';
import {writeCsv} from './helpers/temp-store.js';

const CLI = path.resolve(import.meta.dirname, '..', 'dist', 'cli.js');
const TEAMS = 'code,name,population\nEAST,East,1000\nWEST,West,1000\n';
const INDICATORS = [
	'code,number,title,unit,polarity,target,amber,measure,definition',
	'FA45,1,Family assessments,percent,higher,85,5,monthly,x',
	'REREF12,2,Re-referrals,percent,lower,24,2,monthly,x',
	'',
].join('\n');

function loadFiles(dir: string, marker: number): string[] {
	const measures = ['period,indicator,team,numerator,denominator,value'];
	for (const period of ['2017-10', '2017-11']) {
		for (const indicator of ['FA45', 'REREF12']) for (const team of ['ALL', 'EAST', 'WEST']) measures.push(`${period},${indicator},${team},,,50`);
	}
	for (const indicator of ['FA45', 'REREF12']) for (const team of ['ALL', 'EAST', 'WEST']) measures.push(`2017-12,${indicator},${team},,,${marker}`);
	const commentary = `period,indicator,text\n2017-12,FA45,load ${marker}\n2017-12,REREF12,load ${marker}\n`;
	return [
		writeCsv(dir, 'teams.csv', TEAMS),
		writeCsv(dir, 'indicators.csv', INDICATORS),
		writeCsv(dir, `measures-${marker}.csv`, `${measures.join('\n')}\n`),
		writeCsv(dir, `commentary-${marker}.csv`, commentary),
	];
}

/** Every load number a read shows: one when the read is one snapshot. */
function markers(card: {indicators: Array<{value: number | null; commentary: string | null; teams: Array<{value: number}>}>}): Set<number> {
	const seen = new Set<number>();
	for (const indicator of card.indicators) {
		if (indicator.value !== null) seen.add(indicator.value);
		for (const team of indicator.teams) seen.add(team.value);
		const commentary = /load (\d+)/.exec(indicator.commentary ?? '');
		seen.add(commentary ? Number(commentary[1]) : -1);
	}
	return seen;
}

function cliJson(db: string): Promise<{indicators: Array<{value: number | null; commentary: string | null; teams: Array<{value: number}>}>}> {
	return new Promise((resolve, reject) => {
		execFile(process.execPath, [CLI, '--json', '--db', db], (error, stdout, stderr) => (error ? reject(new Error(stderr)) : resolve(JSON.parse(stdout))));
	});
}

describe('one snapshot per read', () => {
	it('never mixes one load’s figures with another’s commentary during back-to-back --replace loads', async () => {
		assertBuilt();
		const dir = tempDir();
		const db = path.join(dir, 'store.db');
		const first = await runBuiltLoader(['--db', db, ...loadFiles(dir, 60)]);
		assert.equal(first.code, 0, first.stderr);

		let loading = true;
		let loads = 0;
		const loader = (async () => {
			try {
				for (let marker = 61; marker <= 72; marker++) {
					const run = await runBuiltLoader(['--db', db, '--replace', ...loadFiles(dir, marker)]);
					assert.equal(run.code, 0, run.stderr);
					loads++;
				}
			} finally {
				loading = false;
			}
		})();

		const connection = await openStoreReadOnly(db);
		const mixed: string[] = [];
		const seen = new Set<number>();
		let reads = 0;
		const check = (what: string, card: Scorecard | {indicators: Array<{value: number | null; commentary: string | null; teams: Array<{value: number}>}>}) => {
			reads++;
			const found = markers(card);
			for (const marker of found) seen.add(marker);
			if (found.size !== 1) mixed.push(`${what}: ${[...found].join(', ')}`);
		};
		try {
			while (loading) {
				// Three reads at once on one connection (as the console's refresh, agenda and poll can be).
				const [grid, full, agenda, screen] = await Promise.all([
					readScorecard(connection),
					readScorecard(connection, {full: true}),
					readAgendaInput(connection),
					// A detail's screen: the header's scorecard and the body's team histories, one read.
					readScreen(connection, {teams: true, histories: ['FA45'], caseloads: true, agenda: false}),
				]);
				check('grid', grid.scorecard);
				check('full', full.scorecard);
				check('agenda', agenda.current);
				const december = (screen.histories.get('FA45') ?? []).filter(row => row.period === '2017-12');
				check('screen', {indicators: [...screen.view.scorecard.indicators, {value: null, commentary: `load ${december[0]?.value}`, teams: december}]});
				if (reads % 30 === 0) check('--json', await cliJson(db));
			}
			await loader;
		} finally {
			await connection.close();
		}
		assert.equal(loads, 12);
		assert.deepEqual(mixed, [], `${mixed.length} of ${reads} reads mixed loads`);
		assert.ok(seen.size >= 3, `the reads saw the loads land (saw ${[...seen].join(', ')})`);
		assert.ok(reads >= 30, `only ${reads} reads`);
	});
});
