// The team matrix driven as a user would: from the overview with `t`, one key at a time, on a
// store the real loader built from data/samples.
import assert from 'node:assert/strict';
import {before, describe, it} from 'node:test';
import {matrixLayout} from '../source/views/matrix/matrix-layout.ts';
import {expectFrame as frame, openConsoles, pressFor as press, sampleStore, type Console, type ConsoleOptions} from './helpers/console.tsx';
import {keys, lineWith, selectedLine} from './helpers/ink.ts';
import {SAMPLE} from './helpers/sample.js';

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
	const f = await frame(r, f => MATRIX.test(f) && f.includes('EAST'));
	return {r, f};
}

/** The lines above the status line and footer: the selected row and cell in words, unwrapped. */
function described(f: string): string {
	return f.split('\n').slice(-5, -2).join(' ');
}

describe('team matrix', () => {
	it('shows each team across, then the city, with RAG marks that read without colour', async () => {
		const {r, f} = await openMatrix();
		try {
			assert.match(lineWith(f, '#'), /EAST\s+NWC\s+SOUTH\s+DCSC\s+OTHER\s+ALL/);
			const fa45 = lineWith(f, ' 3 Family assess');
			assert.match(fa45, /95% ●G\s+94% ●G\s+92% ●G\s+100% ●G\s+63% ●R\s+92% ●G/);
			// Re-referrals have no team breakdown: a dash in each team's cell.
			assert.match(lineWith(f, ' 2 Re-referrals'), /(–\s+){5}22% ●G/);
			// Compact cells drop " /10k" and " days"; the unit column says them instead.
			assert.match(lineWith(f, ' 7 Children in care'), /\/10k\s+57\.9 ●A/);
			assert.match(lineWith(f, ' 9 Adoption'), /days\s+–.*146 ●A/);
			// A title of at least 16 characters still fits beside all six columns.
			assert.match(fa45, /Family assessments/);
		} finally {
			await r.close();
		}
	});

	it('moves between cells and describes the selected one in words', async () => {
		const {r} = await openMatrix();
		try {
			await press(r, 'j', f => selectedLine(f).includes('Re-referrals'));
			let f = await press(r, keys.down, f => selectedLine(f).includes('Family assessments'));
			assert.match(described(f), /FA45 East: 95% \(340\/359\), green, target 85%/);
			assert.match(selectedLine(f), /\[\s*95% ●G\]/);
			for (const team of ['North West', 'South', "Disabled children's"]) f = await press(r, 'l', f => described(f).includes(`FA45 ${team}`));
			f = await press(r, keys.right, f => described(f).includes('FA45 Other citywide teams'));
			assert.match(described(f), /FA45 Other citywide teams: 63% \(31\/49\), red, target 85%, down \d+ pts on last month \(worse\)/);
			assert.match(selectedLine(f), /\[\s*63% ●R\]/);
			f = await press(r, keys.right, f => described(f).includes('FA45 Whole service'));
			assert.match(described(f), /FA45 Whole service: 92% \(923\/1,001\), green/);
			// The last column: right again stays there.
			f = await press(r, 'l', f => described(f).includes('FA45 Whole service'));
			f = await press(r, 'h', f => described(f).includes('FA45 Other citywide teams'));
			f = await press(r, keys.left, f => described(f).includes("FA45 Disabled children's"));
			assert.match(selectedLine(f), /\[\s*100% ●G\]/);
			// Down keeps the column.
			f = await press(r, 'j', f => selectedLine(f).includes('Average caseload'));
			assert.match(described(f), /CASELOAD Disabled children's social care: missing, no figure for Dec 2017/);
			f = await press(r, 'G', f => selectedLine(f).includes('Agency social'));
			f = await press(r, 'g', f => selectedLine(f).includes('Unallocated'));
		} finally {
			await r.close();
		}
	});

	it('opens the detail of the selected indicator with Enter, and Esc comes back to the same cell', async () => {
		const {r} = await openMatrix();
		try {
			await press(r, 'j', f => selectedLine(f).includes('Re-referrals'));
			await press(r, 'j', f => selectedLine(f).includes('Family assessments'));
			await press(r, 'l', f => described(f).includes('FA45 North West'));
			const detail = await press(r, keys.enter, f => /[·./] indicator detail/.test(f));
			assert.match(detail, /Family assessments/);
			const back = await press(r, keys.escape, f => MATRIX.test(f) && f.includes('EAST'));
			assert.match(described(back), /FA45 North West and Central: 94%/);
		} finally {
			await r.close();
		}
	});

	it('filters rows with / and clears the filter before leaving', async () => {
		const {r} = await openMatrix();
		try {
			await press(r, '/', f => f.includes('Enter keeps the filter'));
			for (const [i, char] of [...'adopt'].entries()) await press(r, char, f => f.split('\n').some(line => line.startsWith(`/${'adopt'.slice(0, i + 1)}${'█'}`)));
			let f = await press(r, keys.enter, f => f.includes('(2 of 14; Esc clears)'));
			assert.ok(lineWith(f, ' 9 Adoption') && lineWith(f, '10 Adoption'));
			assert.equal(lineWith(f, 'Family assessments'), '');
			assert.match(selectedLine(f), /9 Adoption/);
			f = await press(r, keys.escape, f => !f.includes('Esc clears') && f.includes('Family assessments'));
			assert.ok(MATRIX.test(f), 'the first Esc clears the filter and stays in the matrix');
			await press(r, keys.escape, f => /[·./] all indicators/.test(f));
		} finally {
			await r.close();
		}
	});

	it('n and N jump to the next and previous red or amber cell, never a green or empty one', async () => {
		const {r} = await openMatrix();
		try {
			const seen: string[] = [described((await frame(r, f => MATRIX.test(f))))];
			for (let i = 0; i < 4; i++) {
				const f = await press(r, 'n', f => described(f) !== seen.at(-1));
				assert.match(selectedLine(f), /\[[^\]]*●[RA]\]/, `n landed on a red or amber cell:\n${f}`);
				assert.match(described(f), /: [^,]+, (red|amber),/);
				seen.push(described(f));
			}
			const f = await press(r, 'N', f => described(f) === seen[3]);
			assert.match(selectedLine(f), /\[[^\]]*●[RA]\]/);
		} finally {
			await r.close();
		}
	});

	it('travels months with [ and ] and shows that month’s team figures', async () => {
		const {r} = await openMatrix();
		try {
			let f = await press(r, '[', f => f.includes('Scorecard Nov 2017') && MATRIX.test(f));
			// November: OTHER 35/45 = 78%, EAST 423/453 = 93%.
			assert.match(lineWith(f, ' 3 Family assess'), /93% ●G.*78% ●R/);
			assert.doesNotMatch(lineWith(f, ' 3 Family assess'), /63%/);
			f = await press(r, ']', f => f.includes(SAMPLE.header) && MATRIX.test(f));
			assert.match(lineWith(f, ' 3 Family assess'), /63% ●R/);
		} finally {
			await r.close();
		}
	});

	it('marks the selected cell and the RAG without colour, and in ASCII', async () => {
		const {r} = await openMatrix({color: false, ascii: true});
		try {
			await press(r, keys.down, f => selectedLine(f, '>').includes('Re-referrals'));
			await press(r, keys.down, f => selectedLine(f, '>').includes('Family assess'));
			const f = await press(r, keys.right, f => described(f).includes('FA45 North West'));
			assert.match(selectedLine(f, '>'), /\[\s*94% \*G\]/);
			assert.match(lineWith(f, ' 3 Family assess'), /63% \*R/);
			assert.doesNotMatch(f, /[●▶–…]/);
		} finally {
			await r.close();
		}
	});

	it('drops the title before it squeezes the columns at 60 columns', async () => {
		const size = {columns: 60, rows: 16};
		const {r, f} = await openMatrix(size);
		try {
			assert.match(lineWith(f, '#'), /EAST\s+NWC\s+SOUTH\s+DCSC\s+OTHER\s+ALL/);
			assert.equal(lineWith(f, 'Family assessments'), '', 'no title column');
			assert.match(lineWith(f, '  3 '), /95% ●G.*63% ●R.*92% ●G/);
			// 16 rows leave a body of 12: the list scrolls to keep the selection in view.
			const last = await press(r, 'G', f => selectedLine(f).includes('14'));
			assert.match(last, /Agency social workers/);
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
			const f = await press(r, 't', f => MATRIX.test(f) && f.includes('EAST'));
			assert.match(selectedLine(f), /▶\s*6 Child protection/);
		} finally {
			await r.close();
		}
	});
});

describe('team figures after the first frame', () => {
	it('draws the first frame from the grid read and fills in the teams straight after', async () => {
		const r = await openConsole(db, {columns: 80, rows: 24, route: {view: 'matrix'}, readFirst: true});
		try {
			const f = await frame(r, f => MATRIX.test(f) && / 3 Family assess.*95% ●G/.test(f));
			assert.match(lineWith(f, ' 3 Family assess'), /63% ●R\s+92% ●G/);
		} finally {
			await r.close();
		}
	});

	it('while the matrix waits for its figures, the grid stays on screen and keys are the grid\'s', async () => {
		// The grid's read has no team figures: t pushes the matrix, which shows once they are read.
		const r = await openConsole(db, {columns: 80, rows: 24, readFirst: true});
		try {
			await frame(r, f => /[·.] all indicators/.test(f) && f.includes('by number'));
			// One read: t, then s before any store read can answer. s sorts the grid (the matrix has no s).
			r.press('ts');
			await frame(r, f => MATRIX.test(f) && f.includes('EAST'));
			r.press('q');
			const f = await frame(r, f => /[·.] all indicators/.test(f));
			assert.match(f, /Indicator [·.] worst first/, `the s went to the grid on screen:\n${f}`);
		} finally {
			await r.close();
		}
	});
});
