import {useRef, useEffect} from 'react';
import {useInput, type Key} from 'ink';
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

/**
 * The console's one raw input handler. Splits runs of typed characters (key repeat, paste) into
 * single keys, takes Ctrl-C anywhere, and holds a lone Esc for `escapeDelay` ms so an arrow key
 * split by a slow SSH link is not taken as Escape.
 */
export function useKeyDecoder(sink: KeySink, options: {isActive: boolean; escapeDelay: number}): void {
	const pendingEscape = useRef<NodeJS.Timeout | null>(null);
	const sinkRef = useRef(sink);
	sinkRef.current = sink;

	useEffect(
		() => () => {
			if (pendingEscape.current) clearTimeout(pendingEscape.current);
		},
		[],
	);

	const press = (input: string, key: KeyPress) => {
		const current = sinkRef.current;
		if (current.capture(input, key)) return;
		const command = decodeKey(input, key, current.view());
		if (command) current.command(command);
	};

	const flushEscape = () => {
		if (!pendingEscape.current) return;
		clearTimeout(pendingEscape.current);
		pendingEscape.current = null;
		press('', {escape: true});
	};

	useInput(
		(input: string, key: Key) => {
			if (input === '\u0003' || (key.ctrl && input === 'c')) {
				sinkRef.current.interrupt();
				return;
			}
			if (pendingEscape.current) {
				const rest = SPLIT_SEQUENCES[input];
				clearTimeout(pendingEscape.current);
				pendingEscape.current = null;
				if (rest) {
					press('', rest);
					return;
				}
				press('', {escape: true});
			}
			if (key.escape && !key.upArrow && !key.downArrow && !key.leftArrow && !key.rightArrow) {
				if (options.escapeDelay <= 0) press('', {escape: true});
				else pendingEscape.current = setTimeout(flushEscape, options.escapeDelay);
				return;
			}
			const special =
				key.upArrow || key.downArrow || key.leftArrow || key.rightArrow || key.pageUp || key.pageDown || key.home || key.end || key.tab;
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
			// A run of plain characters: one key each, in order.
			for (const char of input) {
				if (char === '\r' || char === '\n') press('', {return: true});
				else if (char === '\u007F' || char === '\b') press('', {backspace: true});
				else if (char === '\u0003') {
					sinkRef.current.interrupt();
					return;
				} else if (char >= ' ') press(char, {});
			}
		},
		{isActive: options.isActive},
	);
}
