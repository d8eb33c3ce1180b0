import assert from 'node:assert/strict';
import {before, describe, it} from 'node:test';
import React from 'react';
import {render} from 'ink-testing-library';
import {formatPeriodShort} from '../source/domain/periods.js';
import {spcWorkings} from '../source/domain/spc-words.js';
import {MEASURE_LABELS, RAG_LABELS} from '../source/domain/types.js';
import {formatValue, UNIT_LABELS} from '../source/domain/units.js';
import {ThemeContext} from '../source/hooks/use-theme.js';
import {runLoad} from '../source/loader/load.js';
import {Connection} from '../source/store/connection.js';
import {gridRequest, openStoreClient} from '../source/store/client.js';
import {makeTheme} from '../source/theme.js';
import {DetailView} from '../source/views/detail/detail-view.js';
import {DETAIL_BINDINGS, detailReducer, initialDetailState, type DetailState} from '../source/views/detail/state.js';
import {initialAppState} from '../source/views/app-state.js';
import {listReducer, listWindow} from '../source/views/list-controller.js';
import {ViewHost} from './helpers/console.js';
import {assertFits, expectFrame, openConsoles, sampleStore, type Console, type ConsoleOptions} from './helpers/console.js';
import {keys, lineWith, plain, selectedLine, waitForFrame} from './helpers/ink.js';
import {tempDir, writeCsv} from './helpers/temp-store.js';
import {
	benchmarkPattern,
	commentaryClosing,
	commentaryOpening,
	detailFiguresPattern,
	escapeRegExp as re,
	hasFigure,
	SAMPLE,
	sampleFigure,
	sampleIndicator,
	sampleSpc,
	spcLine,
	specialCauses,
	teamRowPattern,
	teamRowStart,
	teamShortName,
	titleWords,
} from './helpers/sample.js';

// The indicator detail view, driven as a user would, on a store built by the real loader. What it
// shows of the sample is read from the sample's files (test/helpers/sample.ts).

const FA45 = sampleIndicator('FA45');
const fa45 = sampleFigure('FA45');
/** FA45's teams with a figure this month, in the catalogue's order, then the whole service. */
const fa45Teams = [...SAMPLE.teams.filter(team => hasFigure('FA45', {team: team.code})).map(team => sampleFigure('FA45', {team: team.code})), fa45];
const other = sampleFigure('FA45', {team: 'OTHER'});
const otherName = teamShortName('OTHER');
/** The line of a frame that starts with the text. */
const lineStarting = (frame: string, text: string) => frame.split('\n').find(line => line.startsWith(text)) ?? '';

let db: string;
before(async () => {
	db = await sampleStore();
});

const openConsole = openConsoles();

async function start(options: ConsoleOptions = {}): Promise<Console> {
	const r = await openConsole(db, {columns: 80, rows: 24, ...options});
	await expectFrame(r, f => f.includes('all indicators') && f.includes(titleWords('FA45')));
	return r;
}

/** From the overview: down to the indicator numbered `number`, then Enter. */
async function openIndicator(r: Console, number: number, title: string, marker = '▶', size = {columns: 80, rows: 24}): Promise<string> {
	for (let n = 2; n <= number; n++) {
		r.press(keys.down);
		await expectFrame(r, f => new RegExp(`^${marker.replace(/[>]/, '\\>')}\\s+${n} `).test(selectedLine(f, marker).trimStart()), size);
	}
	r.press(keys.enter);
	return expectFrame(r, f => f.includes('indicator detail') && f.includes(title), size);
}

/** The first line of the scrolling body (after the header and the three fixed lines). */
function firstBodyLine(frame: string): string {
	return frame.split('\n')[4] ?? '';
}

/** Presses a key until the frame shows what is wanted, checking (and keeping) every frame on the way. */
async function pressUntil(
	r: Console,
	key: string,
	ok: (frame: string) => boolean,
	options: {limit?: number; size?: {columns: number; rows: number}; seen?: string[]} = {},
): Promise<string> {
	const size = options.size ?? {columns: 80, rows: 24};
	for (let i = 0; i < (options.limit ?? 12); i++) {
		const frame = plain(r.lastFrame());
		assertFits(frame, size);
		options.seen?.push(frame);
		if (ok(frame)) return frame;
		const before = frame;
		r.press(key);
		await expectFrame(r, f => f !== before, size);
	}
	throw new Error(`never got there:\n${plain(r.lastFrame())}`);
}

describe('the indicator detail view', () => {
	it('opens FA45 with its number, title, value, RAG, target and trend', async () => {
		const r = await start();
		const frame = await openIndicator(r, FA45.number, FA45.title);
		const lines = frame.split('\n');
		assert.match(lines[1]!, new RegExp(`^${FA45.number} FA45\\s+${re(FA45.title)}`));
		// Against last month at display precision, as every view says it (92.09% then 92.21% are the same 92%).
		assert.match(lines[2]!, new RegExp(detailFiguresPattern(fa45)));
		assert.match(lines[3]!, new RegExp(`^${re(spcLine('FA45'))}$`));
		assert.match(frame, /↓ more: ↓ j, PgDn/);
		const end = await pressUntil(r, 'G', f => f.includes('↑ top'));
		assert.match(end, new RegExp(`Measure: ${re(MEASURE_LABELS[FA45.measure as keyof typeof MEASURE_LABELS])}\\s+·\\s+Unit: ${re(UNIT_LABELS[fa45.unit])}`));
	});

	it('draws the trend with labelled target, mean and limit lines, and the months under it', async () => {
		const size = {columns: 100, rows: 30};
		const r = await start(size);
		const frame = await openIndicator(r, FA45.number, titleWords('FA45'), '▶', size);
		assert.match(frame, new RegExp(`Trend, last ${SAMPLE.months.length} months \\(whole service\\)`));
		const plotLines = frame.split('\n').filter(line => /^\s*[\d.]+%[┤┼]/.test(line));
		assert.ok(plotLines.length >= 6 && plotLines.length <= 14, `${plotLines.length} plot rows:\n${frame}`);
		// Each line named with its value: the target.
		assert.ok(plotLines.some(line => new RegExp(`[─┼│╭╮╯╰]+ .*target ${re(fa45.targetShown)}`).test(line)), `a line labelled target ${fa45.targetShown}`);
		// The mean at one more decimal than the figure.
		assert.ok(plotLines.some(line => / mean \d+\.\d%/.test(line)), 'a line labelled mean');
		assert.ok(plotLines.some(line => / limit \d+%/.test(line)), 'a line labelled limit');
		assert.match(frame, new RegExp(`^\\s+(?:[A-Z][a-z]{2}-\\d{2}\\s+){2,}${formatPeriodShort(SAMPLE.latest)}$`, 'm'));
		// A month is marked only where SPC flags it: as many special-cause stretches as the sample's figures make.
		assert.equal(frame.split('\n').filter(line => / signal$/.test(line)).length > 0, specialCauses('FA45').length > 0, frame);
	});

	it('holds every team and the whole service on the first screen, one line each, with the chart and the commentary', async () => {
		const r = await start();
		await openIndicator(r, FA45.number, titleWords('FA45'));
		// Each team's previous 6 months come with its history, a moment after the rest.
		const first = fa45Teams[0]!;
		const frame = await expectFrame(r, f => new RegExp(`${teamRowPattern(first)}$`).test(lineStarting(f, teamRowStart(first.team))));
		assert.match(frame, /^Team\s+numerator \/ denominator\s+Value\s+RAG\s+Change\s+Prev 6m$/m);
		// Every team's row and the whole service's, figure for figure.
		for (const figure of fa45Teams) assert.match(lineStarting(frame, teamRowStart(figure.team)), new RegExp(`^${teamRowPattern(figure)}$`), figure.team);
		// Rows in the catalogue's order, the whole service last, no rule between them.
		const at = fa45Teams.map(figure => frame.split('\n').findIndex(line => line.startsWith(teamRowStart(figure.team))));
		assert.deepEqual(at, at.map((_, i) => at[0]! + i), `team rows at ${at}:\n${frame}`);
		assert.ok(frame.split('\n').some(line => / mean \d/.test(line)), 'the chart is on the first screen');
		assert.match(frame, new RegExp(`^Commentary, ${re(SAMPLE.latestMonth)}: ${re(commentaryOpening('FA45', 6))}`, 'm'));
		const end = await pressUntil(r, 'G', f => f.includes('↑ top'));
		assert.match(end, new RegExp(benchmarkPattern('FA45', 'national')));
		assert.match(end, new RegExp(benchmarkPattern('FA45', 'statistical_neighbours')));
	});

	it('gives CPVISIT its SPC verdicts in words and its December commentary', async () => {
		const r = await start();
		const visits = sampleIndicator('CPVISIT');
		const frame = await openIndicator(r, visits.number, titleWords('CPVISIT', 4));
		// Both verdicts, in words; when the month is itself a special cause, the assurance is said to describe the months before it.
		assert.match(frame.split('\n')[3]!, new RegExp(`^${re(spcLine('CPVISIT'))}$`));
		assert.match(frame, /no team breakdown for this indicator/);
		await pressUntil(r, keys.down, f => f.includes(commentaryClosing('CPVISIT', 2)));
		// Month by month, the rule that flagged each stretch: the newest two on one screen.
		const stretches = specialCauses('CPVISIT').slice(-2).map(text => `Special cause: ${text}`);
		assert.equal(stretches.length, 2, 'the sample\'s visits have special causes');
		const words = await pressUntil(r, keys.down, f => f.includes(stretches[1]!), {limit: 30});
		for (const stretch of stretches) assert.ok(words.includes(stretch), `${stretch}:\n${words}`);
		assert.ok(words.includes(spcWorkings(sampleSpc('CPVISIT')!, 'percent')[0]!), words);
		r.press('G');
		const end = await expectFrame(r, f => f.includes('↑ top'));
		// The frame still has its header and fixed lines.
		assert.match(end.split('\n')[1]!, new RegExp(`^${visits.number} CPVISIT`));
	});

	it('says SPC does not apply to a rolling figure', async () => {
		const r = await start();
		const rolling = SAMPLE.indicators.find(indicator => indicator.measure === 'rolling_12_months')!;
		const frame = await openIndicator(r, rolling.number, titleWords(rolling.number, 3));
		assert.match(frame.split('\n')[3]!, new RegExp(`^SPC not applicable \\(${re(MEASURE_LABELS.rolling_12_months)}\\)`));
		assert.doesNotMatch(frame, / mean$/m);
	});

	it('scrolls by line, page, g and G, and every frame fits 80x24', async () => {
		const r = await start();
		const top = await openIndicator(r, FA45.number, titleWords('FA45'));
		assert.match(firstBodyLine(top), /^Team /);
		r.press('j');
		const down = await expectFrame(r, f => !firstBodyLine(f).startsWith('Team'));
		assert.ok(firstBodyLine(down).startsWith(teamRowStart(fa45Teams[0]!.team)), firstBodyLine(down));
		assert.match(down, /lines 2-/);
		r.press(keys.down);
		await expectFrame(r, f => /lines 3-/.test(f));
		r.press('k');
		await expectFrame(r, f => /lines 2-/.test(f));
		r.press(keys.pageDown);
		const paged = await expectFrame(r, f => /lines 1[0-9]-/.test(f));
		const [, from, to] = /lines (\d+)-(\d+)/.exec(paged)!;
		assert.ok(Number(to) - Number(from) >= 10);
		r.press(keys.pageUp);
		// A page back up: to the line it paged from, or the top.
		await expectFrame(r, f => /lines [12]-/.test(f));
		r.press('G');
		const bottom = await expectFrame(r, f => f.includes('↑ top'));
		const [, , last, total] = /lines (\d+)-(\d+) of (\d+)/.exec(bottom)!;
		const from2 = (frame: string) => /lines (\d+)-/.exec(frame)![1]!;
		assert.equal(last, total);
		// Past the end stays at the end: one line up from there is one line up from the end.
		r.press('j');
		r.press('k');
		await expectFrame(r, f => f.includes(`lines ${Number(from2(bottom)) - 1}-${Number(total) - 1} of ${total}`));
		r.press('g');
		const again = await expectFrame(r, f => /lines 1-/.test(f));
		assert.match(firstBodyLine(again), /^Team /);
	});

	it('travels in time on the same indicator and keeps the scroll position', async () => {
		const r = await start();
		await openIndicator(r, FA45.number, titleWords('FA45'));
		for (const n of [2, 3, 4]) {
			r.press('j');
			await expectFrame(r, f => f.includes(`lines ${n}-`));
		}
		r.press(keys.left);
		const november = await expectFrame(r, f => f.split('\n')[0]!.includes(`Scorecard ${SAMPLE.previousMonth}`));
		const before = sampleFigure('FA45', {period: SAMPLE.previous});
		assert.match(november.split('\n')[1]!, new RegExp(`^${FA45.number} FA45`));
		assert.match(november.split('\n')[2]!, new RegExp(`^${detailFiguresPattern(before)}`));
		assert.match(november, /lines 4-/);
		assert.match(lineWith(november, 'Whole service'), new RegExp(`^${teamRowPattern(before)}$`));
		r.press(']');
		const december = await expectFrame(r, f => f.split('\n')[0]!.includes(SAMPLE.header));
		assert.match(december.split('\n')[2]!, new RegExp(`^${detailFiguresPattern(fa45)}`));
		assert.match(december, /lines 4-/);
	});

	it('goes back to the overview with Esc', async () => {
		const r = await start();
		await openIndicator(r, FA45.number, titleWords('FA45'));
		r.press(keys.escape);
		const frame = await expectFrame(r, f => f.includes('all indicators'));
		assert.match(selectedLine(frame), new RegExp(`▶\\s+${FA45.number} ${re(titleWords('FA45'))}`));
	});

	it('in ASCII mode draws nothing above U+007E', async () => {
		const r = await start({ascii: true});
		const frame = await openIndicator(r, FA45.number, titleWords('FA45'), '>');
		const seen = [frame];
		await pressUntil(r, keys.pageDown, f => f.includes('^ top'), {seen});
		for (const each of seen) {
			const wide = [...each].filter(char => char.codePointAt(0)! > 0x7e);
			assert.deepEqual(wide, [], `non-ASCII characters in:\n${each}`);
		}
		assert.ok(frame.includes(`*${fa45.mark} ${RAG_LABELS[fa45.rag]}`), frame);
		assert.match(frame, /target/);
		assert.match(frame, /[+|]-+/);
		assert.ok(lineStarting(frame, teamRowStart('OTHER')).includes(`*${other.mark}`), frame);
	});

	it('reads without colour: RAG words and glyphs, no chart colours', async () => {
		const mono = await start({color: false});
		const frame = await openIndicator(mono, FA45.number, titleWords('FA45'));
		assert.ok(frame.includes(`●${fa45.mark} ${RAG_LABELS[fa45.rag]}`), frame);
		assert.ok(!(mono.lastFrame() ?? '').includes('\u001B[36m'), 'a chart colour without colour');
		assert.match(lineStarting(frame, teamRowStart('OTHER')), new RegExp(`${re(other.shown)}\\s+●${other.mark}`));
		// The coloured console does colour the chart, through the theme's chart tokens.
		const colour = await start({color: true});
		await openIndicator(colour, FA45.number, titleWords('FA45'));
		assert.ok((colour.lastFrame() ?? '').includes('\u001B[36m'), 'the value line in chart.value colour');
	});

	it('switches between the team and the whole service with w, and back', async () => {
		const r = await openConsole(db, {columns: 80, rows: 24, route: {view: 'detail', indicator: 'FA45', team: 'OTHER'}});
		const team = await expectFrame(r, f => f.includes(`·  ${otherName}`) && new RegExp(`^▶\\s+${teamRowPattern(other)}$`, 'm').test(f));
		assert.match(team.split('\n')[2]!, new RegExp(`^${detailFiguresPattern(other)}`));
		assert.match(team, /w service\/team/);
		r.press('w');
		const whole = await expectFrame(r, f => f.includes('·  whole service'));
		assert.match(whole.split('\n')[2]!, new RegExp(`^${detailFiguresPattern(fa45)}`));
		assert.match(lineWith(whole, `▶  ${otherName.split(' ')[0]}`), new RegExp(`^▶\\s+${teamRowPattern(other)}$`));
		r.press('w');
		await expectFrame(r, f => f.includes(`·  ${otherName}`) && new RegExp(`^${detailFiguresPattern(other)}`, 'm').test(f));
	});

	it('says so for an indicator that is not in the scorecard, and Esc still goes back', async () => {
		const r = await openConsole(db, {columns: 80, rows: 24, route: {view: 'detail', indicator: 'GONE'}});
		const frame = await expectFrame(r, f => f.includes('No indicator GONE'));
		assert.ok(frame.includes(`No indicator GONE in the scorecard for ${SAMPLE.latestMonth}`), frame);
		assert.match(frame, /Esc or q goes back/);
		r.press(keys.escape);
		await expectFrame(r, f => f.includes('all indicators') && f.includes(SAMPLE.lastTitle));
	});

	it('fits a 60x12 terminal, a 120x40 and a 180x40 one: the chart beside the table only where it keeps 40 columns for its months', async () => {
		const small = await start({columns: 60, rows: 12});
		const size = {columns: 60, rows: 12};
		const first = await openIndicator(small, FA45.number, titleWords('FA45'), '▶', size);
		assert.match(first, /lines 1-/);
		const seen: string[] = [];
		await pressUntil(small, keys.pageDown, f => f.includes('↑ top'), {size, limit: 30, seen});
		assert.ok(seen.join('\n').includes(commentaryClosing('FA45', 3)), 'the commentary to its last words');
		const big = await start({columns: 120, rows: 40});
		const bigSize = {columns: 120, rows: 40};
		let frame = await openIndicator(big, FA45.number, titleWords('FA45'), '▶', bigSize);
		// At 120 columns the whole table leaves the chart too little: it stands under the table, at the full width.
		assert.equal(frame.split('\n').filter(line => /^[A-Z]\S.*\s[\d.]+%[┤┼]/.test(line)).length, 0, `no plot row beside the table at 120x40:\n${frame}`);
		assert.ok(frame.split('\n').some(line => /^\s*[\d.]+%[┤┼].{90,}/.test(line)), `a chart as wide as the terminal at 120x40:\n${frame}`);
		const wide = await start({columns: 180, rows: 40});
		frame = await openIndicator(wide, FA45.number, titleWords('FA45'), '▶', {columns: 180, rows: 40});
		const plotRows = frame.split('\n').filter(line => /^[A-Z]\S.*\s[\d.]+%[┤┼]/.test(line));
		assert.ok(plotRows.length >= 6, `${plotRows.length} plot rows beside the table at 180x40:\n${frame}`);
		// Beside the table, the chart's months keep at least 40 columns.
		const named = frame.split('\n').map(line => /[┤┼]([─◆╭╮╰╯│ ]+?) +(?:mean|limit|target)/.exec(line)).find(Boolean);
		assert.ok(named && named[1]!.length >= 40, `a named line of ${named?.[1]?.length} columns:\n${plotRows.join('\n')}`);
	});

	it('never lets an escape sequence in commentary reach the terminal', async () => {
		const dir = tempDir();
		const store = `${dir}/escape.db`;
		const files = [
			writeCsv(dir, 'teams.csv', 'code,name,population\nEAST,East,1000\n'),
			writeCsv(dir, 'indicators.csv', 'code,number,title,unit,polarity,target,amber,measure,definition\nESC1,1,Escapes in text,percent,higher,80,5,monthly,A test indicator.\n'),
			writeCsv(
				dir,
				'measures.csv',
				['period,indicator,team,numerator,denominator,value', '2017-10,ESC1,ALL,8,10,', '2017-11,ESC1,ALL,9,10,', '2017-12,ESC1,ALL,7,10,', '2017-12,ESC1,EAST,7,10,'].join('\n') + '\n',
			),
			writeCsv(dir, 'commentary.csv', 'period,indicator,text\n2017-12,ESC1,"before \u001B[2J\u001B]0;pwned\u0007after \u001B[31mred\u001B[0m end"\n'),
		];
		const loaded = await runLoad({db: store, files, now: new Date('2018-01-15')});
		assert.ok(loaded.ok, loaded.ok ? '' : loaded.errors.join('\n'));
		// Past the loader too: write the raw text straight into the store, as an older loader might have.
		const connection = await Connection.open(store, {readonly: false});
		await connection.run('UPDATE commentary SET text = ? WHERE indicator = ?', ['before \u001B[2J\u001B]0;pwned\u0007after \u001B[31mred\u001B[0m \u009B1mend', 'ESC1']);
		await connection.close();

		const r = await openConsole(store, {columns: 80, rows: 24, color: false, route: {view: 'detail', indicator: 'ESC1'}});
		const frame = await expectFrame(r, f => f.includes('Escapes in text'));
		const end = frame.includes('before') ? frame : await pressUntil(r, 'G', f => f.includes('before'));
		// What the store holds past the loader is shown, visibly and inert: each control a `?`.
		assert.match(lineWith(end, 'before'), /^Commentary, Dec 2017: before \?\[2J\?\]0;pwned\?after \?\[31mred\?\[0m \?1mend$/);
		const raw = r.lastFrame() ?? '';
		const withoutStyles = raw.replace(/\u001B\[[0-9;]*m/g, '');
		assert.ok(!withoutStyles.includes('\u001B'), 'an escape sequence other than styling reached the frame');
		assert.ok(!raw.includes('\u0007') && !raw.includes('\u009B'));
	});
});

describe('the detail view on its own', () => {
	it('opened for a team, shows the team\'s figures, its own chart and its row marked', async () => {
		const client = await openStoreClient(db);
		try {
			const read = await client.screen({...gridRequest(), teams: true, histories: ['FA45']});
			const r = render(
				<ThemeContext.Provider value={makeTheme({color: false, ascii: false})}>
					<ViewHost view="detail" route={{view: 'detail', indicator: 'FA45', team: 'OTHER'}} read={read} width={80} height={20} />
				</ThemeContext.Provider>,
			);
			try {
				const verdict = spcLine('FA45', {team: 'OTHER'});
				const frame = await waitForFrame(r, f => f.includes(verdict) && new RegExp(`^▶\\s+${teamRowPattern(other)}$`, 'm').test(f));
				assertFits(frame, {columns: 80, rows: 21});
				const lines = frame.split('\n');
				assert.match(lines[0]!, new RegExp(`^${FA45.number} FA45\\s+${re(FA45.title)}\\s+·\\s+${re(otherName)}$`));
				assert.match(lines[1]!, new RegExp(`^${detailFiguresPattern(other)}`));
				assert.match(lines[2]!, new RegExp(`^${re(verdict)}$`));
				assert.equal(frame.split('\n').filter(line => line.startsWith('▶')).length, 1);
				// The team's own chart: its limits, not the whole service's.
				const lower = formatValue('percent', sampleSpc('FA45', {team: 'OTHER'})!.lower);
				assert.ok(lines.some(line => line.includes('┼') && line.includes(` limit ${lower}`)), `the team's lower limit ${lower}:\n${frame}`);
			} finally {
				r.unmount();
				r.cleanup();
			}
		} finally {
			await client.close();
		}
	});

	// A detail whose body is 20 lines in 11 rows: 10 shown and the hint, so it scrolls to line 10.
	const scrolled = (top: number): DetailState => {
		const state = initialDetailState();
		return {...state, list: {...listReducer(state.list, {type: 'sync', count: 20, height: 11}), top}};
	};
	const move = (state: DetailState, command: 'up' | 'pageDown' | 'last') => detailReducer(state, {type: 'list', action: {type: 'command', command}});
	const handler = (command: string) => DETAIL_BINDINGS.find(binding => binding.command === command)!.run;

	it('switches between the team and the whole service only where there is a team, from the top', async () => {
		const client = await openStoreClient(db);
		try {
			const data = (await client.screen(gridRequest())).view;
			const context = (team?: string) => ({state: scrolled(7), app: initialAppState(undefined, null), data, route: {view: 'detail' as const, indicator: 'FA45', ...(team ? {team} : {})}});
			assert.deepEqual(detailReducer(scrolled(7), {type: 'scope'}), {...scrolled(0), scope: 'service'});
			assert.deepEqual(detailReducer({...scrolled(0), scope: 'service'}, {type: 'scope'}), {...scrolled(0), scope: 'team'});
			assert.deepEqual(handler('scope')(context('OTHER')), [{view: {type: 'scope'}}]);
			assert.deepEqual(handler('scope')(context()), []);
			assert.equal(listWindow(move(scrolled(0), 'pageDown').list).top, 9, 'a page is the rows shown less one');
			// t is not a scroll: it opens the matrix on this indicator.
			assert.deepEqual(handler('matrix')(context('OTHER')), [{app: {type: 'push', route: {view: 'matrix', indicator: 'FA45'}}}]);
		} finally {
			await client.close();
		}
	});

	it('keeps the scroll within the content, whatever the month leaves', () => {
		assert.equal(move(scrolled(0), 'up').list.top, 0);
		assert.equal(move(scrolled(9), 'pageDown').list.top, 10);
		// A month with less to show: the stored top counts from the new end.
		assert.equal(move(scrolled(30), 'up').list.top, 9);
		assert.equal(listWindow(scrolled(30).list).top, 10);
		assert.equal(move(scrolled(3), 'last').list.top, 10);
		const same = scrolled(0);
		assert.equal(move(same, 'up'), same);
	});
});
