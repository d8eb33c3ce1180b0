import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {moreText} from '../source/components/more-line.js';
import {filterReducer, NO_FILTER} from '../source/views/filter-state.js';
import {listReducer, listWindow, scrollList, selectList, type ListAction, type ListState} from '../source/views/list-controller.js';
import {initialMatrix, matrixReducer, type MatrixState} from '../source/views/matrix/matrix-state.js';
import {initialOverview, overviewReducer, type OverviewState} from '../source/views/overview/overview-state.js';

// The list controller and the views' reducers, driven directly: what each key leaves behind.

const keys = ['A', 'B', 'C', 'D'];
/** A selecting list of `items` in `height` rows. */
const list = (items: string[], height: number, selected: string | null = null, top = 0): ListState =>
	listReducer({...selectList(), selected, top}, {type: 'sync', keys: items, height});
const command = (c: 'up' | 'down' | 'pageUp' | 'pageDown' | 'first' | 'last'): ListAction => ({type: 'command', command: c});
const rows = (n: number) => Array.from({length: n}, (_, i) => `r${i}`);

describe('the list controller', () => {
	it('moves, pages, jumps and seeks in a list, keeping the selection by key', () => {
		// Three rows: all four do not fit, so two show and a line is kept for "more"; a page is one.
		let state = list(keys, 3);
		state = listReducer(state, command('down'));
		assert.equal(state.selected, 'B');
		state = listReducer(state, command('pageDown'));
		assert.equal(state.selected, 'C');
		state = listReducer(state, command('last'));
		assert.equal(state.selected, 'D');
		assert.equal(listReducer(state, command('down')), state, 'at the end nothing changes (same object)');
		state = listReducer(state, command('first'));
		assert.equal(state.selected, 'A');
		state = listReducer(state, {type: 'seek', direction: -1, match: key => key === 'C'});
		assert.equal(state.selected, 'C', 'seeking backwards wraps round');
		assert.equal(listReducer(list(keys, 3, 'gone'), command('down')).selected, 'B', 'a key no longer listed counts as the first');
		assert.equal(listReducer(list(keys, 3), {type: 'command', command: 'help'}).selected, null, 'other commands are not the list\'s');
	});

	it('keeps the selection through new items, and the window around it', () => {
		let state = list(rows(14), 7, 'r9');
		assert.equal(listWindow(state).top, 4);
		// The items change (a reload, a sort): the selected key stays, the window follows it.
		state = listReducer(state, {type: 'sync', keys: ['r9', ...rows(9)], height: 7});
		assert.equal(state.selected, 'r9');
		assert.equal(listWindow(state).top, 0);
		assert.equal(listReducer(state, {type: 'sync', keys: ['r9', ...rows(9)], height: 7}), state, 'the same items: the same state');
	});

	it('keeps a line for "more" when rows are hidden, and counts them', () => {
		const whole = listWindow(list(rows(14), 14));
		assert.deepEqual([whole.top, whole.end, whole.above, whole.below, whole.overflows], [0, 14, 0, 0, false]);
		const hidden = listWindow(list(rows(14), 7));
		assert.deepEqual([hidden.top, hidden.end - hidden.top, hidden.above, hidden.below], [0, 6, 0, 8]);
		assert.equal(moreText(hidden, {up: '↑', down: '↓'}), '↓ 8 more');
		const middle = listWindow(list(rows(14), 7, 'r9'));
		assert.deepEqual([middle.top, middle.end - middle.top, middle.above, middle.below], [4, 6, 4, 4]);
		assert.equal(moreText(middle, {up: '^', down: 'v'}), 'v 4 more  ^ 4 more');
	});

	it('moves the window as little as possible', () => {
		// 14 rows, 10 shown (11 rows less the "more" line).
		assert.equal(listWindow(list(rows(14), 11, 'r13')).top, 4);
		assert.equal(listWindow(list(rows(14), 11, 'r2', 4)).top, 2);
		assert.equal(listWindow(list(rows(5), 11, 'r4')).top, 0);
		assert.equal(listWindow(list(rows(14), 11, 'r6', 3)).top, 3, 'a selection already in view leaves the window where it is');
	});

	it('keeps items of two rows whole, and pages by the items shown', () => {
		const state = listReducer({...selectList({hint: false}), selected: 'r5'}, {type: 'sync', keys: rows(8), heights: [2, 1, 2, 2, 1, 2, 1, 1], height: 5});
		const window = listWindow(state);
		// r3 to r5 fill the five rows exactly (2 + 1 + 2).
		assert.deepEqual([window.top, window.end, window.used], [3, 6, 5]);
		assert.equal(window.page, 2);
		assert.equal(listReducer(state, command('pageUp')).selected, 'r3');
		assert.equal(listWindow(listReducer(state, command('down'))).top, 4, 'one more row: the window moves by an item');
	});

	it('scrolls lines, keeping a line for the hint only when they do not all fit', () => {
		const scroll = (count: number, height: number, overlap = 1) => listWindow(listReducer(scrollList({overlap}), {type: 'sync', count, height}));
		const short = scroll(10, 16);
		assert.deepEqual([short.room, short.max, short.page, short.overflows], [16, 0, 15, false]);
		const long = scroll(33, 16);
		assert.deepEqual([long.room, long.max, long.page, long.overflows], [15, 18, 14, true]);
		assert.equal(scroll(33, 16, 0).page, 15, 'a page with no line kept from the last');
	});
});

describe('view reducers', () => {
	it('cycles the grid sort and keeps the selection', () => {
		let state: OverviewState = {...initialOverview(), list: list(keys, 10, 'C')};
		const sorts = [];
		for (let i = 0; i < 3; i++) {
			state = overviewReducer(state, {type: 'sort'});
			sorts.push(state.sort);
		}
		assert.deepEqual(sorts, ['worst', 'change', 'number']);
		assert.equal(state.list.selected, 'C');
		const first = overviewReducer({...initialOverview(), list: list(keys, 10)}, {type: 'sort'});
		assert.equal(first.list.selected, 'A', 'the row shown selected is kept when none was chosen');
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
		const start = initialMatrix({view: 'matrix', indicator: 'A'});
		let state: MatrixState = {list: list(keys, 10, 'A'), columns: listReducer(start.columns, {type: 'sync', keys: columns, height: 3})};
		const right = (by: number) => {
			for (let i = 0; i < by; i++) state = matrixReducer(state, {type: 'columns', action: command('down')});
		};
		right(1);
		assert.equal(state.columns.selected, 'NWC');
		right(5);
		assert.equal(state.columns.selected, 'ALL');
		state = matrixReducer(state, {type: 'cell', row: 'C', column: 'EAST'});
		assert.deepEqual([state.list.selected, state.columns.selected], ['C', 'EAST']);
		state = matrixReducer(state, {type: 'list', action: command('down')});
		assert.deepEqual([state.list.selected, state.columns.selected], ['D', 'EAST']);
		assert.equal(start.list.selected, 'A', 'opened on the indicator the grid had selected');
	});
});
