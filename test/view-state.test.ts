import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {listWindow, moreText} from '../source/components/viewport.js';
import {filterReducer, NO_FILTER} from '../source/views/filter-state.js';
import {listCommand, listReducer} from '../source/views/list-state.js';
import {matrixReducer, type MatrixState} from '../source/views/matrix/matrix-state.js';
import {INITIAL_OVERVIEW, overviewReducer, type OverviewState} from '../source/views/overview/overview-state.js';

// The views' reducers, driven directly: what each key leaves behind.

const keys = ['A', 'B', 'C', 'D'];

describe('view reducers', () => {
	it('moves, pages, jumps and seeks in a list, keeping the selection by key', () => {
		let state = {selected: null as string | null};
		state = listReducer(state, listCommand('down', keys, 2)!);
		assert.equal(state.selected, 'B');
		state = listReducer(state, listCommand('pageDown', keys, 2)!);
		assert.equal(state.selected, 'D');
		assert.equal(listReducer(state, listCommand('down', keys, 2)!), state, 'at the end nothing changes (same object)');
		state = listReducer(state, listCommand('first', keys, 2)!);
		assert.equal(state.selected, 'A');
		state = listReducer(state, {type: 'seek', direction: -1, keys, match: key => key === 'C'});
		assert.equal(state.selected, 'C', 'seeking backwards wraps round');
		assert.equal(listReducer({selected: 'gone'}, listCommand('down', keys, 2)!).selected, 'B', 'a key no longer listed counts as the first');
		assert.equal(listCommand('help', keys, 2), null);
	});

	it('cycles the grid sort and keeps the selection', () => {
		let state: OverviewState = {...INITIAL_OVERVIEW, selected: 'C'};
		const sorts = [];
		for (let i = 0; i < 3; i++) {
			state = overviewReducer(state, {type: 'sort'});
			sorts.push(state.sort);
		}
		assert.deepEqual(sorts, ['worst', 'change', 'number']);
		assert.equal(state.selected, 'C');
	});

	it('edits, keeps and clears the shared filter', () => {
		let state = filterReducer(NO_FILTER, {type: 'start'});
		for (const text of ['a', 'd', '東']) state = filterReducer(state, {type: 'type', text});
		assert.deepEqual(state, {text: 'ad東', editing: true});
		state = filterReducer(state, {type: 'erase'});
		assert.equal(state.text, 'ad', 'erase takes one character, even a wide one');
		state = filterReducer(state, {type: 'done'});
		assert.deepEqual(state, {text: 'ad', editing: false});
		assert.equal(filterReducer(NO_FILTER, {type: 'clear'}), NO_FILTER);
		assert.deepEqual(filterReducer(state, {type: 'clear'}), NO_FILTER);
	});

	it('moves between matrix columns and jumps to a cell', () => {
		const columns = ['EAST', 'NWC', 'ALL'];
		let state: MatrixState = {selected: 'A', column: null};
		state = matrixReducer(state, {type: 'column', by: 1, keys: columns});
		assert.equal(state.column, 'NWC');
		state = matrixReducer(state, {type: 'column', by: 5, keys: columns});
		assert.equal(state.column, 'ALL');
		state = matrixReducer(state, {type: 'cell', row: 'C', column: 'EAST'});
		assert.deepEqual(state, {selected: 'C', column: 'EAST'});
		state = matrixReducer(state, listCommand('down', keys, 1)!);
		assert.deepEqual(state, {selected: 'D', column: 'EAST'});
	});

	it('keeps a line for "more" when rows are hidden, and counts them', () => {
		assert.deepEqual(listWindow(14, 0, 14), {top: 0, size: 14, above: 0, below: 0});
		const hidden = listWindow(14, 0, 7);
		assert.deepEqual(hidden, {top: 0, size: 6, above: 0, below: 8});
		assert.equal(moreText(hidden, {up: '↑', down: '↓'}), '↓ 8 more');
		const middle = listWindow(14, 9, 7, 0);
		assert.deepEqual(middle, {top: 4, size: 6, above: 4, below: 4});
		assert.equal(moreText(middle, {up: '^', down: 'v'}), 'v 4 more  ^ 4 more');
	});
});
