import {StringDecoder} from 'node:string_decoder';

// The console's one key decoder: terminal bytes and the time they were read in, key events out.
// Pure apart from the clock it is given, so it is tested with table tests on fake time
// (test/key-decoder.test.ts). What it must get right, as keys arrive over SSH:
// - several keys in one read (key repeat, paste, `jjjjj`): one event each, in order;
// - an arrow cut by a slow link (ESC | [B, ESC | [ | B, ESC[ | B): one arrow, never Esc and keys;
// - a lone Esc: Escape, once nothing more has come for `escapeDelay` ms. The caller owns the
//   timer: it asks `deadline()` when to call `flush(now)`;
// - Esc then a key typed quickly enough to share a read (what a parser would take for Alt+key):
//   Esc, then the key (the console has no Alt bindings);
// - Ctrl-C anywhere: one interrupt event.

/** The keys the console can bind by name (printable keys are events of kind `char`). */
export const NAMED_KEYS = ['up', 'down', 'left', 'right', 'pageUp', 'pageDown', 'home', 'end', 'return', 'escape', 'backspace', 'delete'] as const;
export type NamedKey = (typeof NAMED_KEYS)[number];

export type KeyEvent =
	| {kind: 'key'; name: NamedKey}
	/** One printable character (a code point), as typed or pasted. */
	| {kind: 'char'; char: string}
	/** Ctrl-C. */
	| {kind: 'interrupt'};

export type KeyDecoder = {
	/** Decodes what one read gave, read at `now` (ms). Input that may start a sequence is held. */
	push(chunk: string | Uint8Array, now: number): KeyEvent[];
	/** When held input must be decided (`flush`), in the clock `push` was given; null when none is held. */
	deadline(): number | null;
	/** Decides held input whose deadline has passed at `now`: a lone Esc is Escape, and what followed it is typed. */
	flush(now: number): KeyEvent[];
};

const ESC = '\u001B';

const key = (name: NamedKey): KeyEvent => ({kind: 'key', name});

// CSI (ESC [) and SS3 (ESC O) final bytes, and CSI n ~ numbers, for the keys the console binds;
// modifiers (ESC[1;5A, Ctrl-Up) are ignored: a modified arrow is the arrow.
const FINAL: Record<string, NamedKey> = {A: 'up', B: 'down', C: 'right', D: 'left', H: 'home', F: 'end'};
const TILDE: Record<string, NamedKey> = {'1': 'home', '7': 'home', '4': 'end', '8': 'end', '5': 'pageUp', '6': 'pageDown', '3': 'delete'};

type Parsed = {events: KeyEvent[]; next: number} | 'pending';

const isCsiParameter = (code: number) => code >= 0x20 && code <= 0x3f;
const isFinal = (code: number) => code >= 0x40 && code <= 0x7e;

/** The sequence starting with ESC at `at`; 'pending' when the text ends inside it. */
function parseEscape(text: string, at: number): Parsed {
	const introducer = text[at + 1];
	if (introducer === undefined) return 'pending';
	if (introducer === '[') {
		let index = at + 2;
		// Legacy function keys (ESC [ [ A) carry a second bracket.
		if (text[index] === '[') index++;
		for (; index < text.length; index++) {
			const code = text.charCodeAt(index);
			if (isCsiParameter(code)) continue;
			if (!isFinal(code)) return {events: [key('escape')], next: at + 1};
			const body = text.slice(at + 2, index);
			const final = text[index]!;
			const named = final === '~' ? TILDE[body.split(';')[0] ?? ''] : /^[\d;]*$/.test(body) ? FINAL[final] : undefined;
			// Sequences the console has no use for (F-keys, focus, bracketed paste marks) are dropped whole.
			return {events: named ? [key(named)] : [], next: index + 1};
		}
		return 'pending';
	}
	if (introducer === 'O') {
		const final = text[at + 2];
		if (final === undefined) return 'pending';
		const named = FINAL[final];
		if (named) return {events: [key(named)], next: at + 3};
		return isFinal(final.charCodeAt(0)) ? {events: [], next: at + 3} : {events: [key('escape')], next: at + 1};
	}
	// Esc, then whatever came with it (another Esc, a letter): Esc now, the rest as typed.
	return {events: [key('escape')], next: at + 1};
}

/** A character outside a sequence. */
function typed(char: string): KeyEvent | null {
	if (char === '\r' || char === '\n') return key('return');
	if (char === '\u007F' || char === '\b') return key('backspace');
	if (char === '\u0003') return {kind: 'interrupt'};
	// Other control characters (Tab, Ctrl-letters) mean nothing to the console.
	if (char < ' ' || (char >= '\u0080' && char < '\u00A0')) return null;
	return {kind: 'char', char};
}

export function createKeyDecoder(options: {escapeDelay: number}): KeyDecoder {
	const utf8 = new StringDecoder('utf8');
	// Text from ESC on that may be the start of a sequence, and when to stop waiting for the rest.
	let held = '';
	let until: number | null = null;

	function decode(text: string, now: number, final: boolean): KeyEvent[] {
		const events: KeyEvent[] = [];
		let index = 0;
		while (index < text.length) {
			const char = String.fromCodePoint(text.codePointAt(index)!);
			if (char !== ESC) {
				const event = typed(char);
				if (event) events.push(event);
				index += char.length;
				continue;
			}
			const parsed = parseEscape(text, index);
			if (parsed === 'pending') {
				if (!final && options.escapeDelay > 0) {
					held = text.slice(index);
					until = now + options.escapeDelay;
					return events;
				}
				// Nothing more came: Esc, and the rest as typed.
				events.push(key('escape'));
				index++;
				continue;
			}
			events.push(...parsed.events);
			index = parsed.next;
		}
		held = '';
		until = null;
		return events;
	}

	return {
		push(chunk, now) {
			const text = typeof chunk === 'string' ? chunk : utf8.write(Buffer.from(chunk));
			return decode(held + text, now, false);
		},
		deadline: () => until,
		flush(now) {
			if (until === null || now < until) return [];
			return decode(held, now, true);
		},
	};
}
