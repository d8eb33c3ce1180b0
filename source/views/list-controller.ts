import type {Command} from '../keys.js';

// The one list controller, as ink-ui's select state: a reducer that owns its items, the
// selection, the window on screen and the page size. Every view that moves through rows uses it:
// the grid, the matrix and the agenda select items (by key, so the selection survives reloads,
// month travel, sorting and filtering); the detail, caseloads and help scroll lines. Views tell it
// what they show (`sync`, from render: the items, their heights, the rows free) and keys move it.

export type ListState = {
	/** Selectable items' keys, in order; a scrolling list's are its lines (only their count counts). */
	keys: readonly string[];
	/** Rows each item takes; empty: one each. */
	heights: readonly number[];
	/** A scrolling list selects nothing: keys move the window. */
	selectable: boolean;
	/** The selected item's key; null: the first. Kept when the item leaves, so it comes back selected. */
	selected: string | null;
	/** The first item on screen. */
	top: number;
	/** Rows the list may use, the hint line included. */
	height: number;
	/** A line is kept for a hint ("↓ 5 more") when the items do not all fit. */
	hint: boolean;
	/** Rows a page keeps from the last (1: the last row of one page is the first of the next). */
	overlap: number;
};

export type ListAction =
	| {type: 'sync'; keys?: readonly string[]; count?: number; heights?: readonly number[]; height: number}
	| {type: 'command'; command: Command}
	| {type: 'select'; key: string}
	/** The next (or previous) item that matches, wrapping round. */
	| {type: 'seek'; direction: 1 | -1; match: (key: string) => boolean}
	| {type: 'top'; top: number};

export function selectList(options: {hint?: boolean} = {}): ListState {
	return {keys: [], heights: [], selectable: true, selected: null, top: 0, height: 1, hint: options.hint ?? true, overlap: 1};
}

export function scrollList(options: {overlap?: number} = {}): ListState {
	return {keys: [], heights: [], selectable: false, selected: null, top: 0, height: 1, hint: true, overlap: options.overlap ?? 1};
}

/** What is on screen: items `top` up to `end`, the rows they use, and what a page moves. */
export type ListWindow = {
	top: number;
	end: number;
	count: number;
	/** Rows for items (the height less the hint line, when it is needed). */
	room: number;
	used: number;
	/** Items above and below the window. */
	above: number;
	below: number;
	/** Whether the items overflow the height (and the hint line is kept). */
	overflows: boolean;
	page: number;
	/** The last possible top (scrolling lists). */
	max: number;
};

const heightOf = (state: ListState, index: number) => state.heights[index] ?? 1;

function totalRows(state: ListState): number {
	let total = 0;
	for (let i = 0; i < state.keys.length; i++) total += heightOf(state, i);
	return total;
}

/** The selected item's index (0 when nothing is, or the selected item is not there). */
export function selectedIndex(state: ListState): number {
	const index = state.selected === null ? -1 : state.keys.indexOf(state.selected);
	return index === -1 ? 0 : index;
}

/** The selected item's key, as the list shows it (the first when none is chosen); null when empty. */
export function selectedKey(state: ListState): string | null {
	return state.keys[selectedIndex(state)] ?? null;
}

function roomOf(state: ListState): {room: number; overflows: boolean} {
	const height = Math.max(1, state.height);
	const overflows = totalRows(state) > height;
	return {room: overflows && state.hint ? Math.max(1, height - 1) : height, overflows};
}

/** The first item to show so the selected one is whole on screen, moving as little as possible from `top`. */
function firstVisible(state: ListState, selected: number, room: number): number {
	const count = state.keys.length;
	let top = Math.max(0, Math.min(state.top, count - 1));
	if (selected < top) top = selected;
	const used = (from: number, to: number) => {
		let sum = 0;
		for (let i = from; i <= to; i++) sum += heightOf(state, i);
		return sum;
	};
	while (top < selected && used(top, selected) > room) top++;
	// Fill the screen when items above fit (after a reload shortened the list).
	while (top > 0 && used(top - 1, count - 1) <= room) top--;
	return top;
}

export function listWindow(state: ListState): ListWindow {
	const count = state.keys.length;
	const {room, overflows} = roomOf(state);
	if (!state.selectable) {
		const max = Math.max(0, count - room);
		const top = Math.min(state.top, max);
		const end = Math.min(count, top + room);
		return {top, end, count, room, used: end - top, above: top, below: count - end, overflows, page: Math.max(1, room - state.overlap), max};
	}
	const top = count === 0 ? 0 : firstVisible(state, selectedIndex(state), room);
	let end = top;
	let used = 0;
	while (end < count && used + heightOf(state, end) <= room) used += heightOf(state, end++);
	// An item taller than the room still shows (cut by the view's box).
	if (end === top && end < count) used += heightOf(state, end++);
	return {top, end, count, room, used, above: top, below: count - end, overflows, page: Math.max(1, end - top - state.overlap), max: Math.max(0, count - 1)};
}

const sameList = (a: readonly unknown[], b: readonly unknown[]) => a === b || (a.length === b.length && a.every((value, i) => value === b[i]));

/**
 * A selecting list's window settled: `top` as the window puts it. A scrolling list keeps its top
 * as it was: the content's height changes with the month, and a top beyond the end counts as the
 * end (listWindow) until the content is long enough again.
 */
function settle(state: ListState): ListState {
	if (!state.selectable) return state;
	const top = listWindow(state).top;
	return top === state.top ? state : {...state, top};
}

function select(state: ListState, index: number): ListState {
	const key = state.keys[Math.max(0, Math.min(state.keys.length - 1, index))];
	if (key === undefined) return state;
	return settle(key === state.selected ? state : {...state, selected: key});
}

function scrollTo(state: ListState, top: number): ListState {
	const next = Math.max(0, Math.min(listWindow(state).max, top));
	return next === state.top ? state : {...state, top: next};
}

function command(state: ListState, command: Command): ListState | null {
	const window = listWindow(state);
	const by = (step: number) => (state.selectable ? select(state, selectedIndex(state) + step) : scrollTo(state, window.top + step));
	switch (command) {
		case 'up':
			return by(-1);
		case 'down':
			return by(1);
		case 'pageUp':
			return by(-window.page);
		case 'pageDown':
			return by(window.page);
		case 'first':
			return state.selectable ? select(state, 0) : scrollTo(state, 0);
		case 'last':
			return state.selectable ? select(state, state.keys.length - 1) : scrollTo(state, window.max);
		default:
			return null;
	}
}

const LIST_COMMANDS: ReadonlySet<Command> = new Set<Command>(['up', 'down', 'pageUp', 'pageDown', 'first', 'last']);

/** The commands a list answers: moving by one, by a page, to the first and the last. */
export function isListCommand(value: Command): boolean {
	return LIST_COMMANDS.has(value);
}

export function listReducer(state: ListState, action: ListAction): ListState {
	switch (action.type) {
		case 'sync': {
			const keys = action.keys ?? (action.count === undefined ? state.keys : Array.from({length: action.count}, (_, i) => String(i)));
			const heights = action.heights ?? [];
			if (sameList(keys, state.keys) && sameList(heights, state.heights) && action.height === state.height) return settle(state);
			return settle({...state, keys: sameList(keys, state.keys) ? state.keys : keys, heights: sameList(heights, state.heights) ? state.heights : heights, height: action.height});
		}
		case 'command':
			return command(state, action.command) ?? state;
		case 'select':
			return settle(action.key === state.selected ? state : {...state, selected: action.key});
		case 'seek': {
			const {keys} = state;
			const from = selectedIndex(state);
			for (let step = 1; step <= keys.length; step++) {
				const index = (from + action.direction * step + keys.length * step) % keys.length;
				if (action.match(keys[index]!)) return select(state, index);
			}
			return state;
		}
		case 'top':
			return scrollTo(state, action.top);
	}
}
