// The detail and the agenda in a real terminal (tmux, the built console) at the sizes people use:
// the detail's first screen holds every team's figure and the commentary's first line, and a
// team's agenda item opens on that team.
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {e2eSetup, fits} from './helpers/pty.js';

const SIZES = [
	[80, 24],
	[100, 30],
	[120, 40],
] as const;

// FA45 in December 2017, team by team (the seed report's figures): name, counts, value.
const TEAM_FIGURES: Array<[string, RegExp]> = [
	['East', /\bEast\s+340 \/ 359\s+95%\s+●G/],
	['North West and Central', /North West and Ce\S*\s+274 \/ 291\s+94%\s+●G/],
	['South', /\bSouth\s+270 \/ 294\s+92%\s+●G/],
	['Disabled children', /Disabled children\S*( \S+)*\s+8 \/ 8\s+100%\s+●G/],
	['Other citywide', /Other citywide teams\s+31 \/ 49\s+63%\s+●R/],
	['Whole service', /Whole service\s+923 \/ 1,001\s+92%\s+●G/],
];

describe('the detail and the agenda in a terminal', () => {
	const e2e = e2eSetup();

	for (const [columns, rows] of SIZES) {
		it(`at ${columns}x${rows}: the detail's first screen holds every team's figure, the chart and the commentary's first line`, async () => {
			const session = await e2e.tmux({columns, rows});
			await session.runConsole(['--db', e2e.db, '--open', 'FA45']);
			// Each team's previous 6 months arrive with its history: wait for the whole table.
			const lines = await session.waitForScreen(l => (l[0] ?? '').includes('indicator detail') && l.some(line => /East\s+340 \/ 359\s+95%\s+●G\s+\+1 pts\s+92%/.test(line)), {what: 'the FA45 detail with its team table'});
			fits(lines, columns, rows);
			const screen = lines.join('\n');
			assert.match(lines[2]!, /^Dec 2017\s+92%\s+●G green\s+target 85%\s+→  no change\s+·\s+previous 6 months 90%/);
			assert.match(lines[3]!, /^SPC: Common cause · Consistently passing/);
			for (const [name, figure] of TEAM_FIGURES) assert.match(screen, figure, `${name}'s figure on the first screen:\n${screen}`);
			assert.ok(lines.some(line => /[\d.]+%[┤┼]/.test(line)), 'the chart on the first screen');
			assert.match(screen, /^Commentary, Dec 2017: 92% of family assessments were completed/m);
			// The whole table and a chart with 40 columns for its months do not both fit 120 columns:
			// the chart is under the table, as wide as the terminal.
			if (columns >= 120) assert.ok(lines.some(line => /^\s*[\d.]+%[┤┼]/.test(line)) && !lines.some(line => /Whole service.*[\d.]+%[┤┼]/.test(line)), 'the chart under the table');
			await session.type('q');
			await session.waitForScreen(l => (l[0] ?? '').includes('all indicators'), {what: 'the grid'});
			await session.type('q');
			assert.equal(await session.exitStatus(), 0);
		});

		it(`at ${columns}x${rows}: a team's agenda item opens on that team, and w shows the whole service`, async () => {
			const session = await e2e.tmux({columns, rows});
			await session.runConsole(['--db', e2e.db, '--standup']);
			const agenda = await session.waitForScreen(l => l.some(line => line.startsWith('▶ !! 3 Family assessments')), {what: 'the agenda, FA45 Other citywide first'});
			fits(agenda, columns, rows);
			assert.ok(!agenda.some(line => /\bFA45\b|\bCPVISIT\b/.test(line)), 'numbers and titles, not codes');
			await session.keys('Enter');
			let lines = await session.waitForScreen(l => (l[0] ?? '').includes('indicator detail') && l.some(line => /^▶\s+Other citywide teams/.test(line)), {what: "the team's detail"});
			fits(lines, columns, rows);
			assert.match(lines[1]!, /FA45 .*·\s+Other citywide teams$/);
			assert.match(lines[2]!, /^Dec 2017\s+63%\s+●R red/);
			assert.match(lines.join('\n'), /Other citywide teams\s+31 \/ 49\s+63%/);
			assert.match(lines.join('\n'), /^Commentary, Dec 2017:/m);
			await session.type('w');
			lines = await session.waitForScreen(l => (l[1] ?? '').endsWith('whole service'), {what: 'the whole service'});
			assert.match(lines[2]!, /^Dec 2017\s+92%\s+●G green/);
			await session.keys('Escape');
			// Back on the same item once the agenda is read again.
			await session.waitForScreen(l => l.some(line => line.startsWith('▶ !! 3 Family assessments')), {what: 'back to the agenda'});
			await session.keys('Space');
			lines = await session.waitForScreen(l => l.some(line => line.startsWith('Item 1 of 10')) && l.some(line => /Other citywide teams\s+31 \/ 49/.test(line)), {what: "presenting with the item's team row"});
			fits(lines, columns, rows);
			assert.ok(lines.some(line => line.includes('Commentary, Dec 2017:')), 'the commentary when presenting');
		});
	}
});
