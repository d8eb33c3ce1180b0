// The one key map: commands, the keys that give them, and the words the footer and help show.
// `decodeKey` is built from it, so a key works exactly where the help says it does.

import {NAMED_KEYS, type KeyEvent, type NamedKey} from './input/key-decoder.js';

export type Command =
	| 'up'
	| 'down'
	| 'pageUp'
	| 'pageDown'
	| 'first'
	| 'last'
	| 'enter'
	| 'back'
	| 'previousMonth'
	| 'nextMonth'
	| 'latestMonth'
	| 'matrix'
	| 'caseloads'
	| 'agenda'
	| 'filter'
	| 'sort'
	| 'nextProblem'
	| 'previousProblem'
	| 'reload'
	| 'help'
	| 'quit'
	| 'left'
	| 'right'
	| 'step'
	| 'scope';

export type ViewName = 'overview' | 'detail' | 'matrix' | 'caseloads' | 'agenda' | 'help';

export const VIEWS: ViewName[] = ['overview', 'detail', 'matrix', 'caseloads', 'agenda', 'help'];

/** A named key (arrows, Enter, ...); other keys are named by the character typed. */
export type KeyName = NamedKey;

export type Binding = {
	command: Command;
	/** The keys, named keys or single characters; the first ones are the ones people are shown. */
	keys: Array<KeyName | (string & {})>;
	label: string;
	/** The footer's shorter words, where the label is long ('' shows the keys alone). */
	short?: string;
	/** The keys the footer shows, where it shows fewer than the help. */
	footerKeys?: string[];
	/** Views where the binding applies; omitted = everywhere. */
	views?: ViewName[];
	/** Shown in the footer of these views (short list: the main keys). */
	footer?: ViewName[];
	/** The help's one line for bindings that go together (up and down). */
	group?: string;
	/** Always in the footer, even when the line is short of room. */
	pinned?: boolean;
};

const MOVING: ViewName[] = ['overview', 'matrix', 'caseloads', 'agenda', 'detail', 'help'];
const TRAVEL: ViewName[] = ['overview', 'detail', 'caseloads', 'agenda', 'help'];
const BELOW_TOP: ViewName[] = ['detail', 'matrix', 'caseloads', 'agenda'];

export const BINDINGS: Binding[] = [
	{command: 'up', keys: ['up', 'k'], label: 'move up', group: 'move up / down', views: MOVING},
	{command: 'down', keys: ['down', 'j'], label: 'move down', group: 'move up / down', views: MOVING},
	{command: 'left', keys: ['left', 'h'], label: 'previous team', group: 'previous / next team', views: ['matrix']},
	{command: 'right', keys: ['right', 'l'], label: 'next team', group: 'previous / next team', views: ['matrix']},
	{command: 'pageUp', keys: ['pageUp'], label: 'page up', group: 'page up / down', views: MOVING},
	{command: 'pageDown', keys: ['pageDown'], label: 'page down', group: 'page up / down', views: MOVING},
	{command: 'first', keys: ['g', 'home'], label: 'first', group: 'first / last', views: MOVING},
	{command: 'last', keys: ['G', 'end'], label: 'last', group: 'first / last', views: MOVING},
	{command: 'enter', keys: ['return'], label: 'open', views: ['overview', 'matrix', 'agenda'], footer: ['overview', 'matrix', 'agenda']},
	{command: 'step', keys: [' '], label: 'present next item', short: 'present', views: ['agenda'], footer: ['agenda']},
	{command: 'back', keys: ['escape', 'backspace', 'delete'], label: 'close help or filter; back'},
	{command: 'previousMonth', keys: ['[', 'left', 'h'], label: 'previous month', group: 'previous / next month', short: '', footerKeys: ['['], views: TRAVEL, footer: TRAVEL},
	// In the matrix ← → move between teams, so only [ ] travel in time.
	{command: 'previousMonth', keys: ['['], label: 'previous month', group: 'previous / next month', short: '', views: ['matrix'], footer: ['matrix']},
	{command: 'nextMonth', keys: [']', 'right', 'l'], label: 'next month', group: 'previous / next month', short: 'month', footerKeys: [']'], views: TRAVEL, footer: TRAVEL},
	{command: 'nextMonth', keys: [']'], label: 'next month', group: 'previous / next month', short: 'month', views: ['matrix'], footer: ['matrix']},
	{command: 'latestMonth', keys: ['L'], label: 'back to the latest month', short: 'latest'},
	{command: 'scope', keys: ['w'], label: 'whole service / team (a detail opened on a team)', short: 'service/team', views: ['detail'], footer: ['detail']},
	{command: 'matrix', keys: ['t'], label: 'team matrix', short: 'teams', footer: ['overview', 'detail']},
	{command: 'caseloads', keys: ['c'], label: 'caseloads', footer: ['overview']},
	{command: 'agenda', keys: ['a'], label: 'stand-up agenda', short: 'agenda', footer: ['overview']},
	{command: 'filter', keys: ['/'], label: 'filter by text', short: 'filter', views: ['overview', 'matrix'], footer: ['overview', 'matrix']},
	{command: 'sort', keys: ['s'], label: 'sort: number, worst, change', short: 'sort', views: ['overview']},
	{command: 'nextProblem', keys: ['n'], label: 'next red or amber', group: 'next / previous red, amber', short: 'next red/amber', views: ['overview', 'matrix'], footer: ['matrix']},
	{command: 'previousProblem', keys: ['N'], label: 'previous red or amber', group: 'next / previous red, amber', views: ['overview', 'matrix']},
	{command: 'reload', keys: ['r'], label: 'reload now'},
	{command: 'help', keys: ['?'], label: 'help for this view', short: 'help', views: [...BELOW_TOP, 'overview'], footer: [...BELOW_TOP, 'overview'], pinned: true},
	{command: 'help', keys: ['?'], label: 'close help', short: '', views: ['help'], footer: ['help'], pinned: true},
	// What q does differs by view, so the footer says it per view.
	{command: 'quit', keys: ['q'], label: 'quit', short: 'quit', views: ['overview'], footer: ['overview'], pinned: true},
	{command: 'quit', keys: ['q'], label: 'back one level', short: 'back', views: BELOW_TOP, footer: BELOW_TOP, pinned: true},
	{command: 'quit', keys: ['q'], label: 'close help', short: 'close help', views: ['help'], footer: ['help'], pinned: true},
];

/** The key's name in BINDINGS: a named key, else the character typed. */
export function keyName(event: KeyEvent): string | null {
	return event.kind === 'key' ? event.name : event.kind === 'char' ? event.char : null;
}

export function bindingsFor(view: ViewName): Binding[] {
	return BINDINGS.filter(binding => !binding.views || binding.views.includes(view));
}

// Per view, key -> command; the first binding listing a key wins (the key-map test checks none clash).
const DECODE = new Map<ViewName, Map<string, Command>>(
	VIEWS.map(view => {
		const map = new Map<string, Command>();
		for (const binding of bindingsFor(view)) for (const name of binding.keys) if (!map.has(name)) map.set(name, binding.command);
		return [view, map];
	}),
);

/** Map one key to a command; null when the key means nothing here. */
export function decodeKey(event: KeyEvent, view: ViewName): Command | null {
	const name = keyName(event);
	return name === null ? null : (DECODE.get(view)!.get(name) ?? null);
}

export function footerFor(view: ViewName): Binding[] {
	return BINDINGS.filter(binding => binding.footer?.includes(view));
}

const LABELS: Record<string, string> = {
	up: '↑',
	down: '↓',
	left: '←',
	right: '→',
	pageUp: 'PgUp',
	pageDown: 'PgDn',
	home: 'Home',
	end: 'End',
	return: 'Enter',
	escape: 'Esc',
	backspace: 'Bksp',
	delete: 'Del',
	' ': 'Space',
};
const ASCII_LABELS: Record<string, string> = {up: 'Up', down: 'Down', left: 'Left', right: 'Right'};

/** One key as people read it. */
export function keyLabel(name: string, ascii = false): string {
	return (ascii ? ASCII_LABELS[name] : undefined) ?? LABELS[name] ?? name;
}

/** A binding's keys as the help writes them ("↑ k"). */
export function keysText(keys: string[], ascii = false): string {
	return keys.map(name => keyLabel(name, ascii)).join(' ');
}

/**
 * The keys that give a command in a view, for hints written in sentences ("more: ↓ j, PgDn"):
 * hints name keys from here, never by hand.
 */
export function keysFor(command: Command, view: ViewName, ascii = false, limit = Infinity): string {
	const names = bindingsFor(view)
		.filter(binding => binding.command === command)
		.flatMap(binding => binding.keys)
		.filter(name => decodeKey(pressOf(name), view) === command);
	return [...new Set(names)].slice(0, limit).map(name => keyLabel(name, ascii)).join(' ');
}

/** The key event a key name stands for (the inverse of keyName), for tests and hints. */
export function pressOf(name: string): KeyEvent {
	return (NAMED_KEYS as readonly string[]).includes(name) ? {kind: 'key', name: name as KeyName} : {kind: 'char', char: name};
}

export type HelpEntry = {keys: string; label: string};

/** The help's key lines for a view: bindings of one group on one line, in the map's order. */
export function helpEntries(view: ViewName, ascii = false): HelpEntry[] {
	const entries: Array<HelpEntry & {group?: string; names: string[]}> = [];
	for (const binding of bindingsFor(view)) {
		const names = binding.keys.filter(name => decodeKey(pressOf(name), view) === binding.command);
		const same = binding.group ? entries.find(entry => entry.group === binding.group) : undefined;
		if (same) same.names.push(...names.filter(name => !same.names.includes(name)));
		else entries.push({group: binding.group, label: binding.group ?? binding.label, names: [...names], keys: ''});
	}
	return entries.map(entry => ({keys: keysText(entry.names, ascii), label: entry.label}));
}
