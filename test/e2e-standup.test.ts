// The stand-up agenda as the built command prints it (--standup --print / --json) and as the
// console shows it, on the sample store: the same items in the same order, every red figure of
// December 2017 among them, no green figure called failing, and no more than four indicators with
// special cause that month.
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import path from 'node:path';
import {after, before, describe, it} from 'node:test';
import {TmuxSession, assertBuilt, cleanEnv, sampleStore} from './helpers/pty.js';

const CLI = path.resolve(import.meta.dirname, '..', 'dist', 'cli.js');

function run(args: string[]): Promise<string> {
	return new Promise((resolve, reject) => {
		execFile(process.execPath, [CLI, ...args], {env: cleanEnv()}, (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)));
	});
}

type AgendaJson = {period: string; items: Array<{rank: number; severity: string; indicator: string | null; number: number | null; title: string; team: string | null; rag: string; value: number | null; reasons: string[]; text: string}>};
type ScorecardJson = {
	indicators: Array<{code: string; rag: string; teams: Array<{team: string; rag: string}>; spc: {assurance: string | null; rebase_suggested: string | null; signals: Array<{period: string}>} | null}>;
};

describe('--standup --print and --json', () => {
	let db = '';
	let agenda: AgendaJson;
	let text = '';
	let scorecard: ScorecardJson;
	let session: TmuxSession | undefined;

	before(async () => {
		assertBuilt();
		db = await sampleStore();
		[agenda, text, scorecard] = await Promise.all([
			run(['--db', db, '--standup', '--json']).then(out => JSON.parse(out) as AgendaJson),
			run(['--db', db, '--standup', '--print']),
			run(['--db', db, '--json']).then(out => JSON.parse(out) as ScorecardJson),
		]);
	});
	after(async () => session?.close());

	it('prints the agenda as JSON in the issue’s shape, ranked', () => {
		assert.equal(agenda.period, '2017-12');
		assert.ok(agenda.items.length > 0);
		agenda.items.forEach((item, i) => {
			assert.equal(item.rank, i + 1);
			assert.ok(['concern', 'watch', 'improvement', 'note'].includes(item.severity), item.severity);
			assert.ok(item.reasons.length > 0);
			assert.ok(item.team === null || /^[A-Z]+$/.test(item.team));
		});
		const severities = agenda.items.map(item => ['concern', 'watch', 'improvement', 'note'].indexOf(item.severity));
		assert.deepEqual([...severities].sort((a, b) => a - b), severities);
		const rags = agenda.items.map(item => item.rag);
		assert.ok(rags.lastIndexOf('red') < rags.indexOf('green'), 'every red item above every green one');
	});

	it('holds every red figure of December 2017, indicator or team, with or without SPC', () => {
		const red = scorecard.indicators.flatMap(indicator => [
			...(indicator.rag === 'red' ? [`${indicator.code}/ALL`] : []),
			...indicator.teams.filter(team => team.rag === 'red').map(team => `${indicator.code}/${team.team}`),
		]);
		assert.ok(red.length >= 5, `red figures: ${red.join(', ')}`);
		const raised = new Set(agenda.items.map(item => `${item.indicator}/${item.team ?? 'ALL'}`));
		assert.deepEqual(red.filter(key => !raised.has(key)), []);
		// Care leavers (cumulative) and adoption (three-year average) have no SPC, and are raised.
		assert.ok(raised.has('CLEET/ALL') && raised.has('ADOPTA1/ALL'));
	});

	it('calls no green figure failing, and shows no more than four indicators with special cause in Dec 2017', () => {
		for (const item of agenda.items.filter(i => i.rag === 'green')) assert.doesNotMatch(item.text, /failing/, item.text);
		for (const indicator of scorecard.indicators) {
			if (indicator.rag === 'green') assert.notEqual(indicator.spc?.assurance, 'fail', `${indicator.code} green and failing`);
		}
		const special = scorecard.indicators.filter(indicator => indicator.spc?.signals.some(signal => signal.period === '2017-12')).map(i => i.code);
		assert.ok(special.length <= 4, `special cause in Dec 2017: ${special.join(', ')}`);
		assert.ok(special.includes('CPVISIT') && special.includes('SEENASS') && special.includes('AGENCY'), special.join(', '));
		// Agency staffing's fall through 2017 is a process change: against the mean of all 24 months
		// it runs below from May, after the first 12 months, so a recalculation is suggested from May.
		const agency = scorecard.indicators.find(indicator => indicator.code === 'AGENCY')!;
		assert.equal(agency.spc?.rebase_suggested, '2017-05');
		assert.equal(agency.spc?.assurance, null);
	});

	it('prints the same items as plain text, no escape codes, one numbered line each', () => {
		assert.doesNotMatch(text, /\u001B/);
		const lines = text.trimEnd().split('\n');
		assert.match(lines[0]!, new RegExp(`^Stand-up agenda Dec 2017: ${agenda.items.length} to raise \\(`));
		const items = lines.slice(2);
		assert.equal(items.length, agenda.items.length);
		items.forEach((line, i) => assert.ok(line.endsWith(agenda.items[i]!.text), `${line}\n!= ${agenda.items[i]!.text}`));
	});

	it('matches the console’s list, item for item, in order', async () => {
		session = await TmuxSession.start({columns: 220, rows: 50});
		await session.runConsole(['--db', db, '--standup']);
		const screen = await session.waitForScreen(l => l.join('\n').includes('to raise') && l.join('\n').includes('14 Agency'), {what: 'the whole agenda'});
		const shown = screen.join('\n');
		let from = 0;
		for (const item of agenda.items) {
			const start = item.text.slice(0, 60);
			const at = shown.indexOf(start, from);
			assert.ok(at >= 0, `not on the console after position ${from}: ${start}`);
			from = at + start.length;
		}
		// q goes back to the grid, then quits.
		await session.type('q');
		await session.waitForScreen(l => (l[0] ?? '').includes('all indicators'), {what: 'the grid'});
		await session.type('q');
		assert.equal(await session.exitStatus(), 0);
	});
});
