import assert from 'node:assert/strict';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';
import {runLoad} from '../source/loader/load.js';
import {layoutTrendChart} from '../source/text-layout/chart.js';
import {openStoreReadOnly} from '../source/store/queries.js';
import {readScorecard} from '../source/store/read-scorecard.js';
import {makeTheme} from '../source/theme.js';
import {benchmarkLines} from '../source/views/detail/benchmarks.js';
import {scorecardJson, scorecardText} from '../source/print.js';
import {renderConsole} from './helpers/console.js';
import {craftedCopy, HOSTILE_SQL, unsafeSequences} from './helpers/craft.js';
import {keys, lineWith, waitForFrame} from './helpers/ink.js';
import {tempDir, writeCsv} from './helpers/temp-store.js';

// DfE's benchmarks as the console shows them: the grid's national column and the selected row's
// benchmarks with their year; the detail's lines, neighbours and reconciliation; the chart's
// national line named with its year. On a store the real loader made from the real files.

const DFE = path.resolve(import.meta.dirname, '..', 'data', 'dfe');
const dir = tempDir();
const db = path.join(dir, 'barnet.db');
// 30 re-referrals of 200 referrals a month, April 2024 to December 2025, except 24 in March 2025:
// 2024-25 pools to 354 / 2,400 = 14.75%.
const months = Array.from({length: 21}, (_, i) => `${2024 + Math.floor((3 + i) / 12)}-${String(((3 + i) % 12) + 1).padStart(2, '0')}`);

before(async () => {
	const result = await runLoad({
		db,
		now: new Date('2026-12-01T09:00:00Z'),
		user: 'tester',
		files: [
			path.join(DFE, 'c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv'),
			path.join(DFE, 'sn_model_2025_wide.csv'),
			writeCsv(dir, 'indicators.csv', 'code,number,title,unit,polarity,target,amber,measure,definition,published\nREREF,1,Re-referrals within 12 months,percent,lower,22,2,monthly,Referrals of a child referred in the year before,dfe.rereferrals\n'),
			writeCsv(dir, 'settings.csv', 'setting,value\nla_code,302\n'),
			writeCsv(dir, 'teams.csv', 'code,name,population\nEAST,East,50000\n'),
			writeCsv(dir, 'measures.csv', `period,indicator,team,numerator,denominator,value\n${months.map(m => `${m},REREF,ALL,${m === '2025-03' ? 24 : 30},200,`).join('\n')}\n`),
		],
	});
	assert.ok(result.ok, result.ok ? '' : result.errors.join('\n'));
});

async function scorecardAt(period: string) {
	const c = await openStoreReadOnly(db);
	try {
		return (await readScorecard(c, {period, full: true})).scorecard;
	} finally {
		await c.close();
	}
}

describe("the detail's benchmarks and chart", () => {
	test('each benchmark with its year, the neighbours with their figures, the reconciliation', async () => {
		const reref = (await scorecardAt('2025-12')).indicators[0]!;
		const text = benchmarkLines(reref, 'Dec 2025', 80, makeTheme({color: false, ascii: false}))
			.map(row => row.map(segment => ('text' in segment ? segment.text : '')).join(''))
			.join('\n');
		assert.match(text, /^ {2}National \(England\) +22\.6% {2}service better {2}2024-25$/m);
		assert.match(text, /^ {2}Regional \(Outer London\) +19\.6% {2}service better {2}2024-25$/m);
		assert.match(text, /^ {2}Statistical neighbours \(mean\) +20\.3% {2}service better {2}2024-25$/m);
		assert.match(text, /^ {2}Statistical neighbours \(median\) +20\.2% {2}service better {2}2024-25$/m);
		assert.match(text, /^ {2}Published \(this authority\) +14\.8% {2}2024-25$/m);
		assert.match(text, /Neighbours, 2024-25: Waltham Forest 19\.1%, Reading 22\.9%, Harrow 15\.6%,/);
		assert.match(text, /Ealing 19\.5%; 10 of 10 published$/m);
		assert.match(text.replace(/\n\s+/g, ' '), /published for 2024-25: 14\.8%; this console's months of that year pool to 14\.8%/);
		for (const line of text.split('\n')) assert.ok(line.length <= 80, line);
	});

	test("the chart draws the national figure of the year in force, named with its year", async () => {
		const reref = (await scorecardAt('2025-12')).indicators[0]!;
		// Months before 31 March 2025 take 2023-24's 22.4; from March 2025, 2024-25's 22.6.
		assert.deepEqual(reref.series.find(p => p.period === '2025-02')!.national, {value: 22.4, label: '2023-24'});
		assert.deepEqual(reref.series.find(p => p.period === '2025-03')!.national, {value: 22.6, label: '2024-25'});
		const chart = layoutTrendChart({unit: reref.unit, polarity: reref.polarity, series: reref.series, spc: reref.spc, width: 100, height: 8})!;
		assert.ok(chart.rows.some(row => row.label.includes('national 22.6% (2024-25)')), chart.rows.map(row => row.label).join('\n'));
	});
});

describe('the grid', () => {
	const open: Array<Awaited<ReturnType<typeof renderConsole>>> = [];
	after(async () => {
		for (const r of open) await r.close();
	});

	test("the national column, and the selected row's benchmarks with their year; Enter opens the detail with them", async () => {
		const r = await renderConsole(db, {columns: 100, rows: 30, period: '2025-12'});
		open.push(r);
		const grid = await waitForFrame(r, frame => frame.includes('all indicators') && frame.includes('Re-referrals'));
		assert.match(lineWith(grid, 'Indicator'), /England$/);
		assert.match(lineWith(grid, 'Re-referrals within 12 months  '), /22\.6%$/);
		assert.match(grid, /^national 22\.6% \(2024-25\) · statistical neighbours 20\.3% \(2024-25\)$/m);
		r.press(keys.enter);
		const detail = await waitForFrame(r, frame => frame.includes('indicator detail') && frame.includes('national 22.6% (2024-25)'));
		// The name is on the chart's row for 22.6%: a plot row, with its axis.
		assert.match(lineWith(detail, 'national 22.6% (2024-25)'), /^ *\d+(\.\d+)?%[┤┼]/);
	});
});

describe('a crafted store: DfE texts are shown, never executed', () => {
	test("escape sequences in a benchmark's year, file, region, neighbour names and notes reach no terminal", async () => {
		const crafted = await craftedCopy(
			db,
			path.join(tempDir(), 'crafted.db'),
			`UPDATE published_benchmarks SET label = ${HOSTILE_SQL}, source = ${HOSTILE_SQL},
				detail = json_set(detail, '$.region', json_object('code', 'E1', 'name', ${HOSTILE_SQL}), '$.notes', json_array(${HOSTILE_SQL}),
					'$.neighbours[0].name', ${HOSTILE_SQL})`,
		);
		const c = await openStoreReadOnly(crafted);
		let card;
		try {
			card = (await readScorecard(c, {period: '2025-12', full: true})).scorecard;
		} finally {
			await c.close();
		}
		const reref = card.indicators[0]!;
		const detail = benchmarkLines(reref, 'Dec 2025', 80, makeTheme({color: false, ascii: false}))
			.map(row => row.map(segment => ('text' in segment ? segment.text : '')).join(''))
			.join('\n');
		for (const [what, text] of [['the detail', detail], ['--print', scorecardText(card)], ['--json', scorecardJson(card)]] as const) {
			assert.deepEqual(unsafeSequences(text), [], `${what}: an escape sequence got through`);
			assert.ok(text.includes('?]52;c;'), `${what} shows the crafted text visibly`);
		}
	});
});
