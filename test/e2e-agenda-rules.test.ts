// The agenda's rules end to end: a store made by the built loader from CSV files (two loads: the
// second revises a month and starts a partial one), read by the built console's --standup --print
// and --json. One indicator per rule, each built so that only its rule decides what is said.
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import path from 'node:path';
import {before, describe, it} from 'node:test';
import {addMonths} from '../source/domain/periods.js';
import {assertBuilt, cleanEnv} from './helpers/pty.js';
import {tempDir, writeCsv} from './helpers/temp-store.js';

const ROOT = path.resolve(import.meta.dirname, '..');

function run(script: string, args: string[]): Promise<string> {
	return new Promise((resolve, reject) => {
		execFile(process.execPath, [path.join(ROOT, 'dist', script), ...args], {env: cleanEnv()}, (error, stdout, stderr) =>
			error ? reject(new Error(`${script} ${args.join(' ')}: ${error.message}\n${stderr}`)) : resolve(stdout),
		);
	});
}

const MONTHS = Array.from({length: 24}, (_, i) => addMonths('2016-01', i));
const alternate = (a: number, b: number) => (i: number) => (i % 2 === 0 ? a : b);

type Row = {indicator: string; team?: string; period: string; n?: number; d?: number; value?: number};
const rows: Row[] = [];
/** A series of percentages as numerator / 1,000, the last two months given. */
function percent(indicator: string, steady: (i: number) => number, nov: number, dec: number): void {
	MONTHS.forEach((period, i) => rows.push({indicator, period, n: i === 22 ? nov : i === 23 ? dec : steady(i), d: 1000}));
}

// Target raised from 80% to 95% in December (amber band 10): 87% both months is amber against 95.
percent('TARGETUP', alternate(860, 880), 870, 870);
// Re-rated pro rata: 10 a month since April against 120 a year is on track (90 of 90 in December).
MONTHS.forEach((period, i) => rows.push({indicator: 'YTD', period, value: 10 * (((i + 12 - 3) % 12) + 1)}));
// 849 of 1,000 against 85%, no amber band: red, and "85%" would hide why.
percent('ROUNDING', alternate(860, 880), 870, 849);
// Fourteen months at 50-52%, then ten at 44-45%: a run below the average in November and December.
percent('CONCERN', i => (i < 14 ? alternate(500, 520)(i) : alternate(440, 450)(i)), 440, 450);
// Amber both months, and lower in December.
percent('AMBER', alternate(900, 920), 830, 820);
// A team of five: 3 of 5.
percent('SMALL', alternate(900, 910), 900, 900);
rows.push({indicator: 'SMALL', team: 'EAST', period: '2017-11', n: 4, d: 5}, {indicator: 'SMALL', team: 'EAST', period: '2017-12', n: 3, d: 5});
// November first loaded at 88%, green; revised to 80% (red) by the second load.
percent('REVISED', alternate(900, 910), 880, 900);

const INDICATORS = [
	'code,number,title,unit,polarity,target,amber,measure,definition,effective_from',
	'TARGETUP,1,Target raised,percent,higher,80,10,monthly,x,',
	'TARGETUP,1,Target raised,percent,higher,95,10,monthly,x,2017-12',
	'YTD,2,Year to date count,count,higher,120,,cumulative,x,',
	'ROUNDING,3,Rounding hides it,percent,higher,85,,monthly,x,',
	'CONCERN,4,Continuing concern,percent,higher,,,monthly,x,',
	'AMBER,5,Amber worsened,percent,higher,85,5,monthly,x,',
	'SMALL,6,Small team,percent,higher,85,5,monthly,x,',
	'REVISED,7,Revised red,percent,higher,85,2,monthly,x,',
].join('\n');

const csv = (list: Row[]) =>
	['period,indicator,team,numerator,denominator,value', ...list.map(r => [r.period, r.indicator, r.team ?? 'ALL', r.n ?? '', r.d ?? '', r.value ?? ''].join(','))].join('\n') + '\n';

type AgendaJson = {period: string; notice: string | null; items: Array<{indicator: string | null; team: string | null; severity: string; reasons: string[]; analyst: string[]; text: string}>};

describe('the agenda by rule, through the loader and --standup', () => {
	let text = '';
	let agenda: AgendaJson;
	let scorecard: {indicators: Array<{code: string; target: number | null; annual_target: number | null; rag: string}>};
	const item = (code: string, team: string | null = null) => agenda.items.find(each => each.indicator === code && each.team === team);

	before(async () => {
		assertBuilt();
		const dir = tempDir();
		const db = path.join(dir, 'agenda.db');
		await run('load.js', [
			'--db',
			db,
			writeCsv(dir, 'teams.csv', 'code,name,population\nEAST,East,1000\n'),
			writeCsv(dir, 'indicators.csv', `${INDICATORS}\n`),
			writeCsv(dir, 'measures.csv', csv(rows)),
		]);
		// The next load: November revised, and January begun for one indicator only (a partial month).
		await run('load.js', ['--db', db, '--replace', writeCsv(dir, 'more.csv', csv([{indicator: 'REVISED', period: '2017-11', n: 800, d: 1000}, {indicator: 'TARGETUP', period: '2018-01', n: 870, d: 1000}]))]);
		[text, agenda, scorecard] = await Promise.all([
			run('cli.js', ['--db', db, '--standup', '--print']),
			run('cli.js', ['--db', db, '--standup', '--json']).then(out => JSON.parse(out) as AgendaJson),
			run('cli.js', ['--db', db, '--json']).then(out => JSON.parse(out)),
		]);
	});

	it('says which month it shows and why, when the newest month is partial', () => {
		assert.equal(agenda.period, '2017-12');
		assert.equal(agenda.notice, 'Agenda for Dec 2017: Jan 2018 is partial (1 of 7 indicators have a whole-service figure), so it is not shown yet');
		assert.equal(text.split('\n')[0], agenda.notice);
	});

	it('names a target change and compares like for like: no "worse", no "newly failing"', () => {
		const raised = item('TARGETUP')!;
		assert.deepEqual([raised.severity, raised.reasons], ['note', ['target raised from 80% to 95% this month']]);
		assert.doesNotMatch(text, /Target raised.*(worse|newly failing)/);
	});

	it('rates a cumulative count against its annual target pro rata', () => {
		assert.equal(item('YTD'), undefined);
		const ytd = scorecard.indicators.find(i => i.code === 'YTD')!;
		assert.deepEqual([ytd.target, ytd.annual_target, ytd.rag], [90, 120, 'green']);
	});

	it('shows the decimal that explains a red when rounding hides it', () => {
		assert.match(item('ROUNDING')!.text, /Rounding hides it, whole service: 84\.9%, red; red against the 85% target/);
	});

	it('a continuing special-cause concern is watch; the analyst\'s instruction is in --json only', () => {
		const concern = item('CONCERN')!;
		assert.equal(concern.severity, 'watch');
		assert.match(concern.reasons[0]!, /^special cause concern continues: \d+ months in a row below the average$/);
		assert.ok(concern.analyst.some(words => /^record a recalculation from \w{3} 2017/.test(words)), concern.analyst.join('; '));
		assert.doesNotMatch(text, /record a/);
	});

	it('an amber whose value worsened is watch', () => {
		const amber = item('AMBER')!;
		assert.equal(amber.severity, 'watch');
		assert.equal(amber.reasons[0], 'amber, and worse than last month (was 83%)');
	});

	it('a team with a small denominator shows its counts', () => {
		assert.match(item('SMALL', 'EAST')!.text, /Small team, East: 60% \(3 of 5\), red/);
	});

	it('a revision that turns a month red ranks with the concerns', () => {
		const revised = item('REVISED')!;
		assert.equal(revised.severity, 'concern');
		assert.deepEqual(revised.reasons, ['revised since the last load: Nov 2017 was 88% (green), now 80% (red)']);
		const concerns = agenda.items.filter(each => each.severity === 'concern').map(each => each.indicator);
		assert.ok(concerns.includes('REVISED'));
	});
});
