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

	it('puts the chart beside the table from 120 columns, in what the table leaves', () => {
		const budget = tableBudget(120);
		assert.ok(budget <= 120 - 40 - 2);
		const layout = detailLayout({width: 120, height: 36, tableRows: 7, tableWidth: 64});
		assert.equal(layout.sideBySide, true);
		assert.equal(layout.chartWidth, 120 - 64 - 2);
		assert.ok(layout.head + 1 + layout.plotHeight + 2 + COMMENTARY_LINES + 1 <= 36);
		assert.equal(tableBudget(100), 100);
	});
});
