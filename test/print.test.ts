// --print for the minutes: full titles, the RAG counts, each SPC verdict in words (the domain's
// own words, read from the same store), the commentary on request, a word on partial months and
// missing figures. The built console, as it is run from a script or cron.
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {before, describe, it} from 'node:test';
import {ragSummary} from '../source/domain/red-amber.js';
import {spcVerdictWords} from '../source/domain/verdict.js';
import {openStoreReadOnly} from '../source/store/queries.js';
import {readScorecard} from '../source/store/read-scorecard.js';
import type {ScorecardView} from '../source/domain/scorecard-view.js';
import {CLI, REPO, assertBuilt, cleanEnv, sampleStore} from './helpers/pty.js';
import {loadFixture} from './helpers/temp-store.js';

function print(args: string[]): Promise<{code: number; stdout: string; stderr: string}> {
	return new Promise(resolve =>
		execFile(process.execPath, [CLI, '--print', ...args], {cwd: REPO, env: cleanEnv()}, (error, stdout, stderr) =>
			resolve({code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr}),
		),
	);
}

async function read(db: string, period?: string): Promise<ScorecardView> {
	const connection = await openStoreReadOnly(db);
	try {
		return await readScorecard(connection, {period});
	} finally {
		await connection.close();
	}
}

describe('--print for minutes', () => {
	let db: string;
	let view: ScorecardView;
	before(async () => {
		assertBuilt();
		db = await sampleStore();
		view = await read(db);
	});

	it('whole titles (nothing cut), the RAG counts, words for every column and no abbreviated heading', async () => {
		const {code, stdout} = await print(['--db', db]);
		assert.equal(code, 0);
		const lines = stdout.split('\n');
		assert.equal(lines[0], 'Scorecard Dec 2017');
		assert.equal(lines[1], ragSummary(view.scorecard.indicators));
		assert.doesNotMatch(stdout, /~|…|Prev 6\b/);
		assert.match(stdout, /^ #  Indicator .* Previous 6 months  SPC$/m);
		for (const row of view.scorecard.indicators) {
			const line = lines.find(text => text.startsWith(`${String(row.number).padStart(2)}  `));
			assert.ok(line, `a line for indicator ${row.number}`);
			assert.ok(line.includes(row.title), `the whole title: ${row.title}\n${line}`);
			assert.ok(line.endsWith(`  ${spcVerdictWords(row)}`), `the SPC verdict in words: ${spcVerdictWords(row)}\n${line}`);
		}
		assert.doesNotMatch(stdout, /Commentary/, 'commentary only when asked for');
	});

	it('--commentary adds each indicator\'s commentary after the table', async () => {
		const {code, stdout} = await print(['--db', db, '--commentary']);
		assert.equal(code, 0);
		const after = stdout.slice(stdout.indexOf('Commentary, Dec 2017'));
		assert.ok(after.length > 20, stdout);
		for (const row of view.scorecard.indicators) {
			const first = (row.commentary ?? 'none').split('\n')[0]!.slice(0, 40);
			assert.ok(after.includes(`${row.title}: ${first}`), `${row.number}: ${first}`);
		}
	});

	it('a newer month that is partial is named; printing it says it is partial and calls missing figures missing', async () => {
		const partial = await sampleStore();
		await loadFixture(partial, {
			'measures.csv': 'period,indicator,team,numerator,denominator,value\n2018-01,UNALLOC7,ALL,2,,\n2018-01,FA45,ALL,300,330,\n',
		});
		const dec = await print(['--db', partial]);
		assert.equal(dec.code, 0);
		assert.equal(dec.stdout.split('\n')[0], 'Scorecard Dec 2017', 'the newest whole month, as the console shows');
		assert.match(dec.stdout, /^Jan 2018 is partial \(2 of 14 indicators so far\): these are Dec 2017's figures; --month 2018-01 prints Jan 2018\.$/m);
		const jan = await print(['--db', partial, '--month', '2018-01']);
		assert.equal(jan.code, 0, jan.stderr);
		assert.match(jan.stdout, /^Jan 2018 is partial: 2 of 14 indicators have a figure so far\.$/m);
		const janView = await read(partial, '2018-01');
		assert.equal(jan.stdout.split('\n')[1], ragSummary(janView.scorecard.indicators));
		assert.match(jan.stdout.split('\n')[1]!, /12 missing$/);
		const missing = jan.stdout.split('\n').find(line => line.includes('Re-referrals within 12 months'))!;
		assert.match(missing, /Re-referrals within 12 months\s+missing\s+24%\s+missing\s+-\s+\S+  no figure this month$/);
	});
});
