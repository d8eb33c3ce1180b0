// The one key table: commands, the keys that give them, and the words the footer and help show.
// Which view takes which command (and any view's own keys or words for it) is the view
// registry's (views/registry.ts); decoding, the footer, the help and the hints are all built from
// the bindings it resolves here, so a key works exactly where the help says it does.

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
	| 'nextRedAmber'
	| 'previousRedAmber'
	| 'reload'
	| 'help'
	| 'quit'
	| 'left'
	| 'right'
	| 'step'
	| 'scope';

/** A named key (arrows, Enter, ...); other keys are named by the character typed. */
export type KeyName = NamedKey;

/** A command's keys and words. */
export type KeySpec = {
	/** The keys, named keys or single characters; the first ones are the ones people are shown. */
	keys: Array<KeyName | (string & {})>;
	label: string;
	/** The footer's shorter words, where the label is long ('' shows the keys alone). */
	short?: string;
	/** The keys the footer shows, where it shows fewer than the help. */
	footerKeys?: string[];
	/** The help's one line for bindings that go together (up and down). */
	group?: string;
	/** Always in the footer, even when the line is short of room. */
	pinned?: boolean;
};

/** Every command's keys and words, in the order the help and the footer list them. */
export const KEY_TABLE: Record<Command, KeySpec> = {
	up: {keys: ['up', 'k'], label: 'move up', group: 'move up / down'},
	down: {keys: ['down', 'j'], label: 'move down', group: 'move up / down'},
	left: {keys: ['left', 'h'], label: 'previous team', group: 'previous / next team'},
	right: {keys: ['right', 'l'], label: 'next team', group: 'previous / next team'},
	pageUp: {keys: ['pageUp'], label: 'page up', group: 'page up / down'},
	pageDown: {keys: ['pageDown'], label: 'page down', group: 'page up / down'},
	first: {keys: ['g', 'home'], label: 'first', group: 'first / last'},
	last: {keys: ['G', 'end'], label: 'last', group: 'first / last'},
	enter: {keys: ['return'], label: 'open'},
	step: {keys: [' '], label: 'present next item', short: 'present'},
	back: {keys: ['escape', 'backspace', 'delete'], label: 'close help or filter; back'},
	previousMonth: {keys: ['[', 'left', 'h'], label: 'previous month', group: 'previous / next month', short: '', footerKeys: ['[']},
	nextMonth: {keys: [']', 'right', 'l'], label: 'next month', group: 'previous / next month', short: 'month', footerKeys: [']']},
	latestMonth: {keys: ['L'], label: 'back to the latest month', short: 'latest'},
	scope: {keys: ['w'], label: 'whole service / team (a detail opened on a team)', short: 'service/team'},
	matrix: {keys: ['t'], label: 'team matrix', short: 'teams'},
	caseloads: {keys: ['c'], label: 'caseloads'},
	agenda: {keys: ['a'], label: 'stand-up agenda', short: 'agenda'},
	filter: {keys: ['/'], label: 'filter by text', short: 'filter'},
	sort: {keys: ['s'], label: 'sort: number, worst, change', short: 'sort'},
	nextRedAmber: {keys: ['n'], label: 'next red or amber', group: 'next / previous red, amber', short: 'next red/amber'},
	previousRedAmber: {keys: ['N'], label: 'previous red or amber', group: 'next / previous red, amber'},
	reload: {keys: ['r'], label: 'reload now'},
	help: {keys: ['?'], label: 'help for this view', short: 'help', pinned: true},
	quit: {keys: ['q'], label: 'quit', short: 'quit', pinned: true},
};

const COMMAND_ORDER = Object.keys(KEY_TABLE) as Command[];

/** A command as one view takes it: the table's keys and words, or the view's own. */
export type Binding = KeySpec & {
	command: Command;
	/** In the view's footer (the short list: its main keys). */
	footer: boolean;
};

/** One view's bindings, each command once, in the table's order (the help and footer read it). */
export function resolveBindings(entries: Array<{command: Command; footer?: boolean} & Partial<KeySpec>>): Binding[] {
	const seen = new Set<Command>();
	for (const entry of entries) {
		if (seen.has(entry.command)) throw new Error(`${entry.command} is bound twice in one view`);
		seen.add(entry.command);
	}
	return [...entries]
		.sort((a, b) => COMMAND_ORDER.indexOf(a.command) - COMMAND_ORDER.indexOf(b.command))
		.map(({footer, ...entry}) => ({...KEY_TABLE[entry.command], ...entry, footer: footer === true}));
}

/** The key's name in the bindings: a named key, else the character typed. */
export function keyName(event: KeyEvent): string | null {
	return event.kind === 'key' ? event.name : event.kind === 'char' ? event.char : null;
}

/** The command a key gives in a view (its bindings); the first binding listing the key wins; null when none. */
export function decodeKey(event: KeyEvent, bindings: Binding[]): Command | null {
	const name = keyName(event);
	if (name === null) return null;
	return bindings.find(binding => binding.keys.includes(name))?.command ?? null;
}

/** The key event a key name stands for (the inverse of keyName), for tests and hints. */
export function pressOf(name: string): KeyEvent {
	return (NAMED_KEYS as readonly string[]).includes(name) ? {kind: 'key', name: name as KeyName} : {kind: 'char', char: name};
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
export function keysFor(command: Command, bindings: Binding[], ascii = false, limit = Infinity): string {
	const names = bindings
		.filter(binding => binding.command === command)
		.flatMap(binding => binding.keys)
		.filter(name => decodeKey(pressOf(name), bindings) === command);
	return [...new Set(names)].slice(0, limit).map(name => keyLabel(name, ascii)).join(' ');
}

export type HelpEntry = {keys: string; label: string};

/** The help's key lines for a view: bindings of one group on one line, in the table's order. */
export function helpEntries(bindings: Binding[], ascii = false): HelpEntry[] {
	const entries: Array<HelpEntry & {group?: string; names: string[]}> = [];
	for (const binding of bindings) {
		const names = binding.keys.filter(name => decodeKey(pressOf(name), bindings) === binding.command);
		const same = binding.group ? entries.find(entry => entry.group === binding.group) : undefined;
		if (same) same.names.push(...names.filter(name => !same.names.includes(name)));
		else entries.push({group: binding.group, label: binding.group ?? binding.label, names: [...names], keys: ''});
	}
	return entries.map(entry => ({keys: keysText(entry.names, ascii), label: entry.label}));
}
