import {useRef, useEffect, useLayoutEffect} from 'react';
import {useInput, useStdin, type Key} from 'ink';
import {decodeKey, type Command, type KeyPress, type ViewName} from '../keys.js';

export type KeySink = {
	view: () => ViewName;
	capture: (input: string, key: KeyPress) => boolean;
	command: (command: Command) => void;
	interrupt: () => void;
};

// The rest of an arrow or page key, when a slow link delivered its ESC on its own.
const SPLIT_SEQUENCES: Record<string, KeyPress> = {
	'[A': {upArrow: true},
	'[B': {downArrow: true},
	'[C': {rightArrow: true},
	'[D': {leftArrow: true},
	OA: {upArrow: true},
	OB: {downArrow: true},
	OC: {rightArrow: true},
	OD: {leftArrow: true},
	'[5~': {pageUp: true},
	'[6~': {pageDown: true},
	'[H': {home: true},
	'[F': {end: true},
	OH: {home: true},
	OF: {end: true},
	'[1~': {home: true},
	'[4~': {end: true},
};

const isSplitPrefix = (text: string) => Object.keys(SPLIT_SEQUENCES).some(sequence => sequence.startsWith(text));

/**
 * The console's one raw input handler. Splits runs of typed characters (key repeat, paste) into
 * single keys, takes Ctrl-C anywhere, and holds a lone Esc for `escapeDelay` ms so an arrow key
 * split by a slow SSH link (ESC | [B, ESC | [ | B, ESC[ | B) is not taken as Escape and keys.
 */
export function useKeyDecoder(sink: KeySink, options: {isActive: boolean; escapeDelay: number}): void {
	// An Esc waiting for the rest of its sequence, and what of the rest has arrived.
	const pending = useRef<{timer: NodeJS.Timeout; rest: string} | null>(null);
	const sinkRef = useRef(sink);
	sinkRef.current = sink;

	useEffect(
		() => () => {
			if (pending.current) clearTimeout(pending.current.timer);
		},
		[],
	);

	const press = (input: string, key: KeyPress) => {
		const current = sinkRef.current;
		if (current.capture(input, key)) return;
		const command = decodeKey(input, key, current.view());
		if (command) current.command(command);
	};

	// A run of plain characters: one key each, in order.
	const typed = (input: string) => {
		for (const char of input) {
			if (char === '\r' || char === '\n') press('', {return: true});
			else if (char === '\u007F' || char === '\b') press('', {backspace: true});
			else if (char === '\u0003') {
				sinkRef.current.interrupt();
				return;
			} else if (char >= ' ') press(char, {});
		}
	};

	const hold = (rest: string) => {
		if (pending.current) clearTimeout(pending.current.timer);
		const entry = {rest, timer: undefined as unknown as NodeJS.Timeout};
		// A busy machine runs a late timer before reading input that has already arrived: give
		// that input one turn of the event loop before deciding the Esc was on its own.
		entry.timer = setTimeout(() => {
			setImmediate(() => {
				if (pending.current === entry) flushEscape();
			});
		}, Math.max(options.escapeDelay, 1));
		pending.current = entry;
	};

	// No sequence came: it was Escape, and whatever followed was typed.
	function flushEscape() {
		const held = pending.current;
		if (!held) return;
		clearTimeout(held.timer);
		pending.current = null;
		press('', {escape: true});
		typed(held.rest);
	}

	// Ink hands on ESC[ or ESC O cut short by the link as a bare `[` or `O`: the raw text of each
	// key, recorded before useInput sees it, tells them from typed ones.
	const {internal_eventEmitter: events} = useStdin();
	const raw = useRef('');
	// A layout effect, so it is listening before the first key can arrive.
	useLayoutEffect(() => {
		const record = (data: string) => {
			raw.current = data;
		};
		events.prependListener('input', record);
		return () => {
			events.off('input', record);
		};
	}, [events]);

	useInput(
		(input: string, key: Key) => {
			const data = raw.current;
			raw.current = '';
			if (input === '\u0003' || (key.ctrl && input === 'c')) {
				sinkRef.current.interrupt();
				return;
			}
			const cut = data.length > 1 && data.startsWith('\u001B') ? data.slice(1) : '';
			if (cut && isSplitPrefix(cut) && !SPLIT_SEQUENCES[cut] && options.escapeDelay > 0) {
				if (pending.current) flushEscape();
				hold(cut);
				return;
			}
			const special =
				key.upArrow || key.downArrow || key.leftArrow || key.rightArrow || key.pageUp || key.pageDown || key.home || key.end || key.tab;
			const plain = !special && !key.ctrl && !key.meta && !key.return && !key.backspace && !key.delete;
			if (pending.current) {
				const sequence = pending.current.rest + input;
				const rest = plain ? SPLIT_SEQUENCES[sequence] : undefined;
				if (rest) {
					clearTimeout(pending.current.timer);
					pending.current = null;
					press('', rest);
					return;
				}
				if (plain && isSplitPrefix(sequence)) {
					hold(sequence);
					return;
				}
				flushEscape();
			}
			if (key.escape && !special) {
				// Esc pressed twice in one read reaches us as one key: the first cannot start a sequence.
				if (data === '\u001B\u001B') press('', {escape: true});
				if (options.escapeDelay <= 0) press('', {escape: true});
				else hold('');
				return;
			}
			// Esc then a key, typed quickly enough to share a read, looks like Alt+key. The console
			// has no Alt bindings, so it is what the user pressed: Esc, then the key.
			if (key.meta && !special && !key.ctrl && input.length === 1 && data.startsWith('\u001B')) {
				press('', {escape: true});
				typed(input);
				return;
			}
			if (special || key.ctrl || key.meta) {
				press(input, key);
				return;
			}
			if (key.return && input.length <= 1) {
				press('', {return: true});
				return;
			}
			if ((key.backspace || key.delete) && input.length <= 1) {
				press('', {backspace: true});
				return;
			}
			typed(input);
		},
		{isActive: options.isActive},
	);
}
