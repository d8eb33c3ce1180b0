// The detail and the agenda in a real terminal (tmux, the built console) at the sizes people use:
// the detail's first screen holds every team's figure and the commentary's first line, and a
// team's agenda item opens on that team. What they show of the sample is read from its files and
// from the agenda the console builds for it (test/helpers/sample.ts).
import assert from 'node:assert/strict';
import {before, describe, it} from 'node:test';
import type {AgendaItem} from '../source/domain/agenda.js';
import {e2eSetup, fits} from './helpers/pty.js';
import {commentaryOpening, detailFiguresPattern, escapeRegExp as re, hasFigure, SAMPLE, sampleAgenda, sampleFigure, spcLine, teamNamePattern, teamRowPattern, teamShortName} from './helpers/sample.js';

const SIZES = [
	[80, 24],
	[100, 30],
	[120, 40],
] as const;

// FA45 in the newest month, team by team and then the whole service: name, counts, value, RAG.
const fa45 = sampleFigure('FA45');
const TEAM_FIGURES = [...SAMPLE.teams.filter(team => hasFigure('FA45', {team: team.code})).map(team => sampleFigure('FA45', {team: team.code})), fa45].map(
	figure => [teamShortName(figure.team), new RegExp(`${teamNamePattern(figure.team)}\\s+${re(figure.counts)}\\s+${re(figure.shown)}\\s+●${figure.mark}`)] as const,
);
const first = sampleFigure('FA45', {team: SAMPLE.teams[0]!.code});

describe('the detail and the agenda in a terminal', () => {
	const e2e = e2eSetup();
	let items: AgendaItem[] = [];
	before(async () => {
		items = await sampleAgenda(e2e.db);
	});

	for (const [columns, rows] of SIZES) {
		it(`at ${columns}x${rows}: the detail's first screen holds every team's figure, the chart and the commentary's first line`, async () => {
			const session = await e2e.tmux({columns, rows});
			await session.runConsole(['--db', e2e.db, '--open', 'FA45']);
			// Each team's previous 6 months arrive with its history: wait for the whole table.
			// The whole frame, its last lines included: a capture can land while the terminal is still drawing it.
			const lines = await session.waitForScreen(
				l => (l[0] ?? '').includes('indicator detail') && l.some(line => new RegExp(teamRowPattern(first)).test(line)) && l.some(line => line.startsWith(`Commentary, ${SAMPLE.latestMonth}:`)),
				{what: 'the FA45 detail with its team table and commentary'},
			);
			fits(lines, columns, rows);
			const screen = lines.join('\n');
			assert.match(lines[2]!, new RegExp(`^${detailFiguresPattern(fa45)}`));
			assert.ok(lines[3]!.startsWith(spcLine('FA45', {width: columns})), lines[3]);
			for (const [name, figure] of TEAM_FIGURES) assert.match(screen, figure, `${name}'s figure on the first screen:\n${screen}`);
			assert.ok(lines.some(line => /[\d.]+%[┤┼]/.test(line)), 'the chart on the first screen');
			assert.ok(screen.split('\n').some(line => line.startsWith(`Commentary, ${SAMPLE.latestMonth}: ${commentaryOpening('FA45', 5)}`)), screen);
			// The whole table and a chart with 40 columns for its months do not both fit 120 columns:
			// the chart is under the table, as wide as the terminal.
			if (columns >= 120) assert.ok(lines.some(line => /^\s*[\d.]+%[┤┼]/.test(line)) && !lines.some(line => /Whole service.*[\d.]+%[┤┼]/.test(line)), 'the chart under the table');
			await session.type('q');
			await session.waitForScreen(l => (l[0] ?? '').includes('all indicators'), {what: 'the grid'});
			await session.type('q');
			assert.equal(await session.exitStatus(), 0);
		});

		it(`at ${columns}x${rows}: a team's agenda item opens on that team, and w shows the whole service`, async () => {
			// The first item of the agenda that is a team's figure.
			const at = items.findIndex(item => item.team !== 'ALL');
			assert.ok(at >= 0, 'the sample raises a team\'s figure');
			const item = items[at]!;
			const opening = `${item.number} ${item.title.split(' ').slice(0, 2).join(' ')}`;
			const team = sampleFigure(item.indicator, {team: item.team});
			const whole = sampleFigure(item.indicator);
			const session = await e2e.tmux({columns, rows});
			await session.runConsole(['--db', e2e.db, '--standup']);
			const agenda = await session.waitForScreen(l => l.some(line => line.startsWith(`▶ `)) && l.join('\n').includes('to raise'), {what: 'the agenda'});
			fits(agenda, columns, rows);
			const codes = new RegExp(`\\b(?:${[...new Set(items.map(each => each.indicator))].join('|')})\\b`);
			assert.ok(!agenda.some(line => codes.test(line)), 'numbers and titles, not codes');
			for (let i = 0; i < at; i++) await session.type('j');
			await session.waitForScreen(l => l.some(line => line.startsWith('▶ ') && line.includes(opening) && line.includes(item.whose)), {what: `the agenda, ${item.key} selected`});
			await session.keys('Enter');
			// The whole frame, its last lines included: a capture can land while the terminal is still drawing it.
			let lines = await session.waitForScreen(
				l => (l[0] ?? '').includes('indicator detail') && l.some(line => new RegExp(`^▶\\s+${teamNamePattern(item.team)}`).test(line)) && l.some(line => line.startsWith(`Commentary, ${SAMPLE.latestMonth}:`)),
				{what: "the team's detail, commentary included"},
			);
			fits(lines, columns, rows);
			assert.match(lines[1]!, new RegExp(`${item.indicator} .*·\\s+${teamNamePattern(item.team)}$`));
			assert.match(lines[2]!, new RegExp(`^${re(SAMPLE.latestMonth)}\\s+${re(team.shown)}\\s+●${team.mark} ${team.rag}`));
			assert.match(lines.join('\n'), new RegExp(`${teamNamePattern(item.team)}\\s+${re(team.counts)}\\s+${re(team.shown)}`));
			assert.ok(lines.some(line => line.startsWith(`Commentary, ${SAMPLE.latestMonth}:`)), lines.join('\n'));
			await session.type('w');
			lines = await session.waitForScreen(l => (l[1] ?? '').endsWith('whole service'), {what: 'the whole service'});
			assert.match(lines[2]!, new RegExp(`^${re(SAMPLE.latestMonth)}\\s+${re(whole.shown)}\\s+●${whole.mark} ${whole.rag}`));
			await session.keys('Escape');
			// Back on the same item once the agenda is read again.
			await session.waitForScreen(l => l.some(line => line.startsWith('▶ ') && line.includes(opening) && line.includes(item.whose)), {what: 'back to the agenda'});
			await session.keys('Space');
			lines = await session.waitForScreen(
				l => l.some(line => line.startsWith(`Item ${at + 1} of ${items.length}`)) && l.some(line => new RegExp(`${teamNamePattern(item.team)}\\s+${re(team.counts)}`).test(line)) && l.some(line => line.includes(`Commentary, ${SAMPLE.latestMonth}:`)),
				{what: "presenting with the item's team row and commentary"},
			);
			fits(lines, columns, rows);
			assert.ok(lines.some(line => line.includes(`Commentary, ${SAMPLE.latestMonth}:`)), 'the commentary when presenting');
		});
	}
});
