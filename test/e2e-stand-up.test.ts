// The stand-up screens in a real terminal (tmux, the built console) at the sizes people use:
// the grid's "more" sign, help on one screen, and every footer naming ? and what q does.
import assert from 'node:assert/strict';
import {after, afterEach, before, describe, it} from 'node:test';
import {TmuxSession, assertBuilt, fits, sampleStore} from './helpers/pty.js';

const SIZES = [
	[80, 24],
	[100, 30],
	[120, 40],
] as const;

const footer = (lines: string[], rows: number) => lines[rows - 2] ?? '';

describe('stand-up screens in a terminal', () => {
	let db: string;
	let session: TmuxSession | undefined;
	before(async () => {
		assertBuilt();
		db = await sampleStore();
	});
	afterEach(async () => {
		await session?.close();
		session = undefined;
	});
	after(async () => session?.close());

	for (const [columns, rows] of SIZES) {
		it(`at ${columns}x${rows}: every row or a "more" sign, help on one screen, ? and q in every footer`, async () => {
			session = await TmuxSession.start({columns, rows});
			await session.runConsole(['--db', db]);
			let lines = await session.waitForScreen(l => l.some(line => line.includes('Agency social workers')), {what: 'the grid'});
			fits(lines, columns, rows);
			assert.ok(!lines.some(line => /[↓↑] \d+ more/.test(line)), 'all 14 rows fit, so no "more" sign');
			assert.match(footer(lines, rows), /\? help\s+q quit$/);
			assert.ok(lines.some(line => /^\d red · \d amber · \d green/.test(line)), 'the summary line');

			const views: Array<[string, string, RegExp]> = [
				['t', 'team matrix', /\? help\s+q back$/],
				['c', 'caseload distribution', /\? help\s+q back$/],
				['a', 'stand-up agenda', /\? help\s+q back$/],
				['Enter', 'indicator detail', /\? help\s+q back$/],
			];
			for (const [key, title, words] of views) {
				if (key === 'Enter') await session.keys('Enter');
				else await session.type(key);
				lines = await session.waitForScreen(l => (l[0] ?? '').includes(title) && words.test(footer(l, rows)), {what: `${title} with ? and q in its footer`});
				fits(lines, columns, rows);
				await session.type('?');
				lines = await session.waitForScreen(l => (l[0] ?? '').includes('help') && l.some(line => line.startsWith('Keys (')), {what: `help over the ${title}`});
				fits(lines, columns, rows);
				assert.ok(!lines.some(line => /more \(/.test(line)), `help over the ${title} fits one screen:\n${lines.join('\n')}`);
				assert.ok(lines.some(line => line.includes('Marks')), 'help lists the marks');
				assert.match(footer(lines, rows), /\? q close help$/);
				await session.type('q');
				await session.waitForScreen(l => (l[0] ?? '').includes(title), {what: `back to the ${title}`});
				await session.type('q');
				await session.waitForScreen(l => (l[0] ?? '').includes('all indicators'), {what: 'the grid again'});
			}
			await session.type('q');
			assert.equal(await session.exitStatus(), 0);
		});
	}

	it('shows "↓ N more" when rows are hidden at 80x14, and "↑ N more" at the end', async () => {
		session = await TmuxSession.start({columns: 80, rows: 14});
		await session.runConsole(['--db', db]);
		let lines = await session.waitForScreen(l => l.some(line => /↓ \d+ more/.test(line)), {what: 'the "more" sign'});
		fits(lines, 80, 14);
		await session.type('G');
		lines = await session.waitForScreen(l => l.some(line => /↑ \d+ more/.test(line)) && l.some(line => line.includes('Agency social workers')), {what: '"↑ N more" at the end'});
		fits(lines, 80, 14);
		await session.type('q');
		assert.equal(await session.exitStatus(), 0);
	});

	it('--open CODE:TEAM starts on that team\'s detail, --open 3 on indicator 3\'s; an unknown code is one line and exit 2', async () => {
		session = await TmuxSession.start({columns: 80, rows: 24});
		await session.runConsole(['--db', db, '--open', 'fa45:OTHER']);
		const lines = await session.waitForScreen(l => (l[0] ?? '').includes('indicator detail') && l.some(line => line.includes('Family assessments')), {what: 'the FA45 detail'});
		fits(lines, 80, 24);
		await session.type('q');
		await session.waitForScreen(l => (l[0] ?? '').includes('all indicators'), {what: 'q goes back to the grid'});
		await session.type('q');
		assert.equal(await session.exitStatus(), 0);

		// The number the grid shows opens the same detail.
		session = await TmuxSession.start({columns: 80, rows: 24});
		await session.runConsole(['--db', db, '--open', '3']);
		const byNumber = await session.waitForScreen(l => (l[0] ?? '').includes('indicator detail') && /^3 FA45\s+Family assessments/.test(l[1] ?? ''), {what: 'the detail of indicator 3'});
		fits(byNumber, 80, 24);
		await session.type('q');
		await session.waitForScreen(l => (l[0] ?? '').includes('all indicators'), {what: 'q goes back to the grid'});
		await session.type('q');
		assert.equal(await session.exitStatus(), 0);

		session = await TmuxSession.start({columns: 80, rows: 24});
		await session.runConsole(['--db', db, '--open', 'NOPE']);
		const error = await session.waitForScreen(l => l.some(line => line.includes('no indicator')), {what: 'the --open error'});
		assert.ok(error.some(line => line === 'scorecard: --open: no indicator "NOPE" in the store (numbers 1-14) (see --help)'), error.join('\n'));
		assert.equal(await session.exitStatus(), 2);
	});
});
