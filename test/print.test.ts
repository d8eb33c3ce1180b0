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
import {addMonths, formatPeriod} from '../source/domain/periods.js';
import type {Unit} from '../source/domain/types.js';
import {formatValue} from '../source/domain/units.js';
import {escapeRegExp as re, SAMPLE} from './helpers/sample.js';

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
		assert.equal(lines[0], SAMPLE.header);
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
		const after = stdout.slice(stdout.indexOf(`Commentary, ${SAMPLE.latestMonth}`));
		assert.ok(after.length > 20, stdout);
		for (const row of view.scorecard.indicators) {
			const first = (row.commentary ?? 'none').split('\n')[0]!.slice(0, 40);
			assert.ok(after.includes(`${row.title}: ${first}`), `${row.number}: ${first}`);
		}
	});

	it('a newer month that is partial is named; printing it says it is partial and calls missing figures missing', async () => {
		const partial = await sampleStore();
		// The month after the sample's newest, two indicators so far.
		const next = addMonths(SAMPLE.latest, 1);
		const month = formatPeriod(next);
		const count = SAMPLE.indicators.length;
		await loadFixture(partial, {
			'measures.csv': `period,indicator,team,numerator,denominator,value\n${next},UNALLOC7,ALL,2,,\n${next},FA45,ALL,300,330,\n`,
		});
		const dec = await print(['--db', partial]);
		assert.equal(dec.code, 0);
		assert.equal(dec.stdout.split('\n')[0], SAMPLE.header, 'the newest whole month, as the console shows');
		assert.ok(dec.stdout.split('\n').includes(`${month} is partial (2 of ${count} indicators so far): these are ${SAMPLE.latestMonth}'s figures; --month ${next} prints ${month}.`), dec.stdout);
		const jan = await print(['--db', partial, '--month', next]);
		assert.equal(jan.code, 0, jan.stderr);
		assert.ok(jan.stdout.split('\n').includes(`${month} is partial: 2 of ${count} indicators have a figure so far.`), jan.stdout);
		const janView = await read(partial, next);
		assert.equal(jan.stdout.split('\n')[1], ragSummary(janView.scorecard.indicators));
		assert.ok(jan.stdout.split('\n')[1]!.endsWith(`${count - 2} missing`), jan.stdout.split('\n')[1]);
		// An indicator with no figure this month: its line says missing, with its target.
		const absent = SAMPLE.indicators.find(indicator => indicator.code !== 'UNALLOC7' && indicator.code !== 'FA45')!;
		const missing = jan.stdout.split('\n').find(line => line.includes(absent.title))!;
		assert.match(missing, new RegExp(`${re(absent.title)}\\s+missing\\s+${re(formatValue(absent.unit as Unit, absent.target))}\\s+missing\\s+-\\s+\\S+  no figure this month$`));
	});
});
