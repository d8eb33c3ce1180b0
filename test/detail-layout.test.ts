import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {COMMENTARY_LINES, detailLayout, tableBudget} from '../source/views/detail/layout.js';

// The detail's first screen, sized from the terminal: head, table, chart and commentary within rows - 1.

describe('the detail layout', () => {
	for (const [columns, rows] of [[80, 24], [100, 30]] as const) {
		it(`stacks table, chart and commentary within the body at ${columns}x${rows}`, () => {
			const height = rows - 4; // header, status line, footer, and never the last row
			const tableRows = 7;
			const layout = detailLayout({width: columns, height, tableRows, tableWidth: 79});
			assert.equal(layout.sideBySide, false);
			const used = layout.head + tableRows + (layout.chartHeading ? 1 : 0) + layout.plotHeight + 2 + COMMENTARY_LINES + 1;
			assert.ok(used <= height, `${used} lines in ${height}`);
			assert.ok(layout.plotHeight >= 5, `plot of ${layout.plotHeight} rows`);
		});
	}

	it('puts the chart beside the table only where it keeps 40 columns for its months (72 with its labels), the table whole', () => {
		assert.equal(tableBudget(160), 160, 'the table is never squeezed for the chart');
		// At 120 columns a 64-column table leaves the chart 54: under the table, at the full width.
		const narrow = detailLayout({width: 120, height: 36, tableRows: 7, tableWidth: 64});
		assert.equal(narrow.sideBySide, false);
		assert.equal(narrow.chartWidth, 120);
		// At 140 it leaves 74: beside it.
		const wide = detailLayout({width: 140, height: 36, tableRows: 7, tableWidth: 64});
		assert.equal(wide.sideBySide, true);
		assert.equal(wide.chartWidth, 140 - 64 - 2);
		assert.ok(wide.chartWidth >= 72);
		assert.ok(wide.head + 1 + wide.plotHeight + 2 + COMMENTARY_LINES + 1 <= 36);
	});
});
