import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {distinctTitles} from '../source/text-layout/short-titles.js';
import {cellWidth, fit, padEnd, padStart, wrapText} from '../source/text-layout/text-fit.js';

// Text fitted in terminal cells: CJK is two cells, a joined emoji is kept or dropped whole.

const FAMILY = '👩‍👩‍👧';

describe('text fitting in cells', () => {
	it('measures cells, not code units', () => {
		assert.equal(cellWidth('abc'), 3);
		assert.equal(cellWidth('東部'), 4);
		assert.equal(cellWidth(FAMILY), 2);
		assert.equal(cellWidth('e\u0301'), 1, 'a combining accent takes no cell');
	});

	it('cuts between graphemes and pads to the exact width', () => {
		for (let width = 1; width <= 12; width++) {
			for (const text of [`東部チーム${FAMILY}家庭`, `Team ${FAMILY} care`, 'plain text here']) {
				const cut = fit(text, width);
				assert.ok(cellWidth(cut) <= width, `${cut} at ${width}`);
				assert.ok(!cut.includes('\uFFFD'));
				// The family is all there or not there at all.
				if (cut.includes('👩')) assert.ok(cut.includes(FAMILY), `half an emoji in ${JSON.stringify(cut)}`);
				assert.equal(cellWidth(padEnd(text, width)), width);
				assert.equal(cellWidth(padStart(text, width)), width);
			}
		}
		assert.equal(fit('東部チーム', 5), '東部…');
		assert.equal(fit('Adoption: average days', 12, '...'), 'Adoption:...');
		// The grid's narrow symbols are cut one cell a character, as the grapheme walk cuts them.
		assert.equal(fit('Adoption: …placement order made', 14), 'Adoption: …pl…');
		assert.equal(fit('▶ ●A ↓+ ▁▂▃▄▅▆▇█ · – −', 12), '▶ ●A ↓+ ▁▂▃…');
		assert.equal(fit('café ▶ e\u0301 combining', 8), 'café ▶ …');
	});

	it('wraps by cells', () => {
		const lines = wrapText('東部チーム 家庭支援 サービス', 10);
		assert.deepEqual(lines, ['東部チーム', '家庭支援', 'サービス']);
		for (const line of wrapText(`${'長'.repeat(13)} end`, 8)) assert.ok(cellWidth(line) <= 8, line);
	});
});

describe('distinct short titles', () => {
	it('cuts titles so no two rows read the same', () => {
		const rows = [
			{title: 'Adoption: average days from placement order to match (rolling 12 months)'},
			{title: 'Adoption: average days from entering care to moving in with adoptive family (3-year average)'},
			{title: 'Children in care (UASC excluded)', shortTitle: null},
			{title: 'Unallocated cases open more than 7 days', shortTitle: 'Unallocated > 7 days'},
		];
		const titles = distinctTitles(rows, 24);
		assert.equal(new Set(titles).size, titles.length, titles.join(' | '));
		for (const title of titles) assert.ok(cellWidth(title) <= 24, title);
		assert.match(titles[0]!, /^Adoption: …placement/);
		assert.match(titles[1]!, /^Adoption: …entering/);
		assert.equal(titles[3], 'Unallocated > 7 days', 'the catalogue\'s short title where the full one does not fit');
	});
});
