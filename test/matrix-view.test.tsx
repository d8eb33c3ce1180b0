// The team matrix driven as a user would: from the overview with `t`, one key at a time, on a
// store the real loader built from data/samples.
import assert from 'node:assert/strict';
import {before, describe, it} from 'node:test';
import {changeWords, matchesFilter} from '../source/domain/red-amber.ts';
import {RAG_LABELS} from '../source/domain/types.ts';
import {formatNumber} from '../source/domain/units.ts';
import {matrixLayout} from '../source/views/matrix/matrix-layout.ts';
import {expectFrame as frame, openConsoles, pressFor as press, sampleStore, type Console, type ConsoleOptions} from './helpers/console.tsx';
import {keys, lineWith, selectedLine} from './helpers/ink.ts';
import {escapeRegExp as re, hasFigure, indicatorNumbered, rowStart, SAMPLE, sampleFigure, sampleIndicator, teamShortName, titleWords, type SampleFigure} from './helpers/sample.js';

// What the matrix shows of the sample is read from the sample's files (test/helpers/sample.ts).

/** The column headings: each team's code, then the whole service's (ALL). */
const HEADINGS = new RegExp([...SAMPLE.teams.map(team => team.code), 'ALL'].join('\\s+'));
const COLUMNS = [...SAMPLE.teams.map(team => team.code), 'ALL'];
/** Whether any team has a figure for the indicator that month: then a team without one is missing, not a dash. */
const brokenDown = (code: string, period?: string) => SAMPLE.teams.some(team => hasFigure(code, {team: team.code, period}));
/** A cell as the compact matrix writes it: "95% ●G"; a figure due and not there: ╳; no team breakdown: a dash. */
function cell(code: string, team: string, options: {period?: string; rag?: string; dash?: string; missing?: string} = {}): string {
	if (!hasFigure(code, {team, period: options.period})) return team === 'ALL' || brokenDown(code, options.period) ? (options.missing ?? '╳') : (options.dash ?? '–');
	const figure = sampleFigure(code, {team, period: options.period});
	return `${figure.compact} ${options.rag ?? '●'}${figure.mark}`;
}
/** An indicator's row of cells, team by team and then the city, as a pattern (the selected cell in brackets). */
const cells = (code: string, options: {period?: string; rag?: string; dash?: string; missing?: string} = {}) => COLUMNS.map(team => re(cell(code, team, options))).join('[\\s\\[\\]]+');
/** The selected cell in words, as the lines under the matrix say it. */
function cellWords(figure: SampleFigure): string {
	const def = sampleIndicator(figure.indicator);
	const name = teamShortName(figure.team);
	const fraction = figure.denominator === null ? '' : ` (${formatNumber(figure.numerator)}/${formatNumber(figure.denominator)})`;
	const change = figure.before === null ? null : figure.value - figure.before.value;
	const target = def.target === null ? 'no target' : `target ${figure.targetShown}`;
	return `${figure.indicator} ${name}: ${figure.shown}${fraction}, ${RAG_LABELS[figure.rag]}, ${target}, ${changeWords(figure.unit, {change, direction: figure.direction, trend: figure.trend})}`;
}
const FA45 = sampleIndicator('FA45');
const fa45Title = titleWords('FA45');
const adopt = SAMPLE.indicators.filter(indicator => matchesFilter(indicator, 'adopt'));
const filtered = `(${adopt.length} of ${SAMPLE.indicators.length}; Esc clears)`;
/** The row of the matrix for an indicator: ` 3 Family assess`. */
const row = (number: number) => `${String(number).padStart(2)} ${titleWords(number, 1)}`;

let db = '';
before(async () => {
	db = await sampleStore();
});

const MATRIX = /[·./] team matrix/;

const openConsole = openConsoles();

async function openMatrix(options: ConsoleOptions = {}): Promise<{r: Console; f: string}> {
	const r = await openConsole(db, {columns: 80, rows: 24, ...options});
	await frame(r, f => /[·./] all indicators/.test(f));
	r.press('t');
	const f = await frame(r, f => MATRIX.test(f) && f.includes(SAMPLE.teams[0]!.code));
	return {r, f};
}

/** The lines above the status line and footer: the selected row and cell in words, unwrapped. */
function wordsUnder(f: string): string {
	return f.split('\n').slice(-5, -2).join(' ');
}

/** The selected cell of an indicator in words, as the matrix's last lines say it (after the row's title and unit). */
function description(f: string, code = 'FA45'): string {
	const words = wordsUnder(f);
	const at = words.lastIndexOf(`${code} `);
	return at < 0 ? '' : words.slice(at);
}

describe('team matrix', () => {
	it('shows each team across, then the city, with RAG marks that read without colour', async () => {
		const {r, f} = await openMatrix();
		try {
			assert.match(lineWith(f, '#'), HEADINGS);
			const fa45 = lineWith(f, row(FA45.number));
			assert.match(fa45, new RegExp(cells('FA45')));
			// Re-referrals have no team breakdown: a dash in each team's cell.
			assert.ok(!SAMPLE.teams.some(team => hasFigure('REREF12', {team: team.code})), 'the sample breaks re-referrals down by no team');
			assert.match(lineWith(f, row(sampleIndicator('REREF12').number)), new RegExp(cells('REREF12')));
			// Compact cells drop " /10k" and " days"; the unit column says them instead.
			assert.match(lineWith(f, row(sampleIndicator('CIC').number)), new RegExp(`\\/10k\\s+${cells('CIC')}`));
			assert.match(lineWith(f, row(sampleIndicator('ADOPTA2').number)), new RegExp(`days\\s+${cells('ADOPTA2')}`));
			// A title of at least 16 characters still fits beside all six columns.
			assert.ok(fa45.includes(fa45Title), fa45);
		} finally {
			await r.close();
		}
	});

	it('moves between cells and describes the selected one in words', async () => {
		const {r} = await openMatrix();
		try {
			await press(r, 'j', f => selectedLine(f).includes(titleWords(2, 1)));
			let f = await press(r, keys.down, f => selectedLine(f).includes(fa45Title));
			// Each team's cell in turn, then the city's; right again at the last column stays there.
			const [first, ...rest] = COLUMNS;
			const says = (team: string) => `FA45 ${teamShortName(team)}`;
			assert.equal(description(f), cellWords(sampleFigure('FA45', {team: first})));
			assert.match(selectedLine(f), new RegExp(`\\[\\s*${re(cell('FA45', first!))}\\]`));
			for (const team of rest) {
				f = await press(r, rest.indexOf(team) >= rest.length - 2 ? keys.right : 'l', f => description(f).startsWith(`${says(team)}:`));
				assert.equal(description(f), cellWords(sampleFigure('FA45', {team})));
				assert.match(selectedLine(f), new RegExp(`\\[\\s*${re(cell('FA45', team))}\\]`));
			}
			f = await press(r, 'l', f => description(f).startsWith(`${says('ALL')}:`));
			f = await press(r, 'h', f => description(f).startsWith(`${says(COLUMNS.at(-2)!)}:`));
			f = await press(r, keys.left, f => description(f).startsWith(`${says(COLUMNS.at(-3)!)}:`));
			assert.match(selectedLine(f), new RegExp(`\\[\\s*${re(cell('FA45', COLUMNS.at(-3)!))}\\]`));
			// Down keeps the column.
			const next = indicatorNumbered(FA45.number + 1);
			const team = COLUMNS.at(-3)!;
			f = await press(r, 'j', f => selectedLine(f).includes(titleWords(next.number)));
			assert.equal(
				description(f, next.code),
				hasFigure(next.code, {team})
					? cellWords(sampleFigure(next.code, {team}))
					: `${next.code} ${teamShortName(team)}: ${brokenDown(next.code) ? 'missing, no figure' : 'no team breakdown'} for ${SAMPLE.latestMonth}`,
			);
			f = await press(r, 'G', f => selectedLine(f).includes(titleWords(SAMPLE.lastIndicator.number)));
			f = await press(r, 'g', f => selectedLine(f).includes(titleWords(1, 1)));
		} finally {
			await r.close();
		}
	});

	it('opens the detail of the selected indicator with Enter, and Esc comes back to the same cell', async () => {
		const {r} = await openMatrix();
		try {
			const second = COLUMNS[1]!;
			await press(r, 'j', f => selectedLine(f).includes(titleWords(2, 1)));
			await press(r, 'j', f => selectedLine(f).includes(fa45Title));
			await press(r, 'l', f => description(f).startsWith(`FA45 ${teamShortName(second)}:`));
			const detail = await press(r, keys.enter, f => /[·./] indicator detail/.test(f));
			assert.ok(detail.includes(fa45Title), detail);
			const back = await press(r, keys.escape, f => MATRIX.test(f) && f.includes(SAMPLE.teams[0]!.code));
			assert.equal(description(back), cellWords(sampleFigure('FA45', {team: second})));
		} finally {
			await r.close();
		}
	});

	it('filters rows with / and clears the filter before leaving', async () => {
		const {r} = await openMatrix();
		try {
			await press(r, '/', f => f.includes('Enter keeps the filter'));
			for (const [i, char] of [...'adopt'].entries()) await press(r, char, f => f.split('\n').some(line => line.startsWith(`/${'adopt'.slice(0, i + 1)}${'█'}`)));
			let f = await press(r, keys.enter, f => f.includes(filtered));
			for (const indicator of adopt) assert.ok(lineWith(f, row(indicator.number)), `${indicator.code} kept:\n${f}`);
			assert.equal(lineWith(f, fa45Title), '');
			assert.ok(selectedLine(f).includes(rowStart(adopt[0]!)), selectedLine(f));
			f = await press(r, keys.escape, f => !f.includes('Esc clears') && f.includes(fa45Title));
			assert.ok(MATRIX.test(f), 'the first Esc clears the filter and stays in the matrix');
			await press(r, keys.escape, f => /[·./] all indicators/.test(f));
		} finally {
			await r.close();
		}
	});

	it('n and N jump to the next and previous red or amber cell, never a green or empty one', async () => {
		const {r} = await openMatrix();
		try {
			const seen: string[] = [wordsUnder((await frame(r, f => MATRIX.test(f))))];
			for (let i = 0; i < 4; i++) {
				const f = await press(r, 'n', f => wordsUnder(f) !== seen.at(-1));
				assert.match(selectedLine(f), /\[[^\]]*●[RA]\]/, `n landed on a red or amber cell:\n${f}`);
				assert.match(wordsUnder(f), /: [^,]+, (red|amber),/);
				seen.push(wordsUnder(f));
			}
			const f = await press(r, 'N', f => wordsUnder(f) === seen[3]);
			assert.match(selectedLine(f), /\[[^\]]*●[RA]\]/);
		} finally {
			await r.close();
		}
	});

	it('travels months with [ and ] and shows that month’s team figures', async () => {
		const {r} = await openMatrix();
		try {
			let f = await press(r, '[', f => f.includes(`Scorecard ${SAMPLE.previousMonth}`) && MATRIX.test(f));
			// The month before's figures, team by team.
			assert.match(lineWith(f, row(FA45.number)), new RegExp(cells('FA45', {period: SAMPLE.previous})));
			f = await press(r, ']', f => f.includes(SAMPLE.header) && MATRIX.test(f));
			assert.match(lineWith(f, row(FA45.number)), new RegExp(cells('FA45')));
		} finally {
			await r.close();
		}
	});

	it('marks the selected cell and the RAG without colour, and in ASCII', async () => {
		const {r} = await openMatrix({color: false, ascii: true});
		try {
			await press(r, keys.down, f => selectedLine(f, '>').includes(titleWords(2, 1)));
			await press(r, keys.down, f => selectedLine(f, '>').includes(titleWords(FA45.number, 1)));
			const f = await press(r, keys.right, f => description(f).startsWith(`FA45 ${teamShortName(COLUMNS[1]!)}:`));
			assert.match(selectedLine(f, '>'), new RegExp(`\\[\\s*${re(cell('FA45', COLUMNS[1]!, {rag: '*', dash: '-', missing: 'x'}))}\\]`));
			assert.match(lineWith(f, row(FA45.number)), new RegExp(cells('FA45', {rag: '*', dash: '-', missing: 'x'})));
			assert.doesNotMatch(f, /[●▶–…]/);
		} finally {
			await r.close();
		}
	});

	it('drops the title before it squeezes the columns at 60 columns', async () => {
		const size = {columns: 60, rows: 16};
		const {r, f} = await openMatrix(size);
		try {
			assert.match(lineWith(f, '#'), HEADINGS);
			assert.equal(lineWith(f, fa45Title), '', 'no title column');
			assert.match(lineWith(f, `${String(FA45.number).padStart(3)} `), new RegExp(cells('FA45')));
			// 16 rows leave a body of 12: the list scrolls to keep the selection in view.
			const last = await press(r, 'G', f => selectedLine(f).includes(String(SAMPLE.lastIndicator.number)));
			assert.ok(last.includes(SAMPLE.lastTitle), last);
		} finally {
			await r.close();
		}
	});
});

describe('matrix layout', () => {
	const shape = {columns: 6, full: 9, compact: 4, units: true, longestTitle: 80};
	it('fits six columns and a title of 16 or more at 80 columns', () => {
		const layout = matrixLayout({width: 80, ...shape});
		assert.equal(layout.visible, 6);
		assert.equal(layout.compact, true);
		assert.ok(layout.title >= 16, `title ${layout.title}`);
	});
	it('shows full values when wide', () => {
		const layout = matrixLayout({width: 140, ...shape});
		assert.equal(layout.compact, false);
		assert.equal(layout.value, 9);
	});
	it('drops the unit column, then the title, then scrolls the columns', () => {
		assert.equal(matrixLayout({width: 68, ...shape}).unit, false);
		assert.ok(matrixLayout({width: 68, ...shape}).title > 0);
		assert.equal(matrixLayout({width: 60, ...shape}).title, 0);
		assert.equal(matrixLayout({width: 60, ...shape}).visible, 6);
		const narrow = matrixLayout({width: 40, ...shape});
		assert.equal(narrow.title, 0);
		assert.ok(narrow.visible < 6 && narrow.visible >= 1);
		assert.ok(5 + narrow.visible * 8 + 1 <= 40);
	});
});

describe('team matrix from the grid', () => {
	it('opens on the indicator selected in the grid', async () => {
		const r = await openConsole(db, {columns: 80, rows: 24});
		try {
			await frame(r, f => /[·./] all indicators/.test(f));
			for (const row of [2, 3, 4, 5, 6]) await press(r, keys.down, f => new RegExp(`▶\\s+${row} `).test(selectedLine(f)));
			const f = await press(r, 't', f => MATRIX.test(f) && f.includes(SAMPLE.teams[0]!.code));
			assert.match(selectedLine(f), new RegExp(`▶\\s*${re(rowStart(6, 2))}`));
		} finally {
			await r.close();
		}
	});
});

describe('team figures after the first frame', () => {
	it('draws the first frame from the grid read and fills in the teams straight after', async () => {
		const r = await openConsole(db, {columns: 80, rows: 24, route: {view: 'matrix'}, readFirst: true});
		try {
			const f = await frame(r, f => MATRIX.test(f) && new RegExp(cells('FA45')).test(lineWith(f, row(FA45.number))));
			assert.match(lineWith(f, row(FA45.number)), new RegExp(`${re(fa45Title.split(' ')[0]!)}.*${cells('FA45')}`));
		} finally {
			await r.close();
		}
	});

	it('while the matrix waits for its figures, the grid stays on screen and keys are the grid\'s', async () => {
		// The grid's read has no team figures: t pushes the matrix, which shows once they are read.
		const r = await openConsole(db, {columns: 80, rows: 24, readFirst: true});
		try {
			await frame(r, f => /[·./] all indicators/.test(f) && f.includes('by number'));
			// One read: t, then s before any store read can answer. s sorts the grid (the matrix has no s).
			r.press('ts');
			await frame(r, f => MATRIX.test(f) && f.includes(SAMPLE.teams[0]!.code));
			r.press('q');
			const f = await frame(r, f => /[·./] all indicators/.test(f));
			assert.match(f, /Indicator [·.] worst first/, `the s went to the grid on screen:\n${f}`);
		} finally {
			await r.close();
		}
	});
});
