import assert from 'node:assert/strict';
import React from 'react';
import {describe, it} from 'node:test';
import {render} from 'ink-testing-library';
import {CompactTable, compactTableHeight, tableLayout, tableLines, type TableColumn} from '../source/components/compact-table.js';
import {cellWidth} from '../source/text-layout/text-fit.js';
import {plain, waitForFrame} from './helpers/ink.js';

// The one table: no rules between rows, sized in cells, narrow terminals shrink names then drop columns.

type Row = {name: string; value: string; total: string; note: string};
const rows: Row[] = [
	{name: 'East', value: '95%', total: '359', note: 'fine'},
	{name: '東部チーム 家庭支援', value: '88%', total: '1,204', note: 'wide name'},
	{name: 'Other citywide teams 👩‍👩‍👧', value: '63%', total: '49', note: 'emoji'},
];
const columns: Array<TableColumn<Row>> = [
	{key: 'name', heading: 'Team', cell: row => row.name, stretch: true, min: 10},
	{key: 'value', heading: 'Value', cell: row => row.value, align: 'right'},
	{key: 'total', heading: 'Total', cell: row => row.total, align: 'right', drop: 2},
	{key: 'note', heading: 'Note', cell: row => row.note, drop: 1},
];

describe('the compact table', () => {
	it('is one heading line and one line per row, every line the same width in cells', () => {
		const lines = tableLines(columns, rows, 80);
		assert.equal(lines.length, compactTableHeight(rows.length));
		const widths = lines.map(cellWidth);
		assert.ok(widths.every(w => w === widths[0]), `widths ${widths.join(', ')}`);
		assert.ok(!lines.some(line => /[─┼│-]{3}/.test(line)), 'no rules');
		assert.match(lines[2]!, /^東部チーム 家庭支援\s+88%\s+1,204\s+wide name/);
		assert.ok(lines[3]!.includes('👩‍👩‍👧'), 'the emoji sequence is whole');
	});

	it('shrinks the names, then drops columns in order, and never exceeds the width', () => {
		for (let width = 12; width <= 60; width++) {
			const lines = tableLines(columns, rows, width);
			for (const line of lines) assert.ok(cellWidth(line) <= width, `${cellWidth(line)} cells at ${width}: ${line}`);
			for (const line of lines) assert.ok(!line.includes('\uFFFD'), 'no cut grapheme');
		}
		assert.deepEqual(tableLayout(columns, rows, 60).columns.map(c => c.key), ['name', 'value', 'total', 'note']);
		assert.deepEqual(tableLayout(columns, rows, 30).columns.map(c => c.key), ['name', 'value', 'total']);
		assert.deepEqual(tableLayout(columns, rows, 20).columns.map(c => c.key), ['name', 'value']);
		const narrow = tableLines(columns, rows, 20);
		assert.match(narrow[3]!, /^Other city.*… +63%$/);
	});

	it('renders rows in order and nothing wider than asked', async () => {
		const r = render(<CompactTable columns={columns} rows={rows} width={40} rowKey={row => row.name} selected={row => row.name === 'East'} />);
		const frame = await waitForFrame(r, f => f.includes('East'));
		assert.equal(frame.split('\n').length, 4);
		for (const line of frame.split('\n')) assert.ok(cellWidth(line) <= 40, line);
		assert.match(plain(r.lastFrame()).split('\n')[1]!, /^East\s+95%\s+359\s+fine$/);
		r.cleanup();
	});
});
