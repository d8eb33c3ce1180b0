import {useEffect, useRef} from 'react';
import {useStdin} from 'ink';
import {createKeyDecoder, type KeyEvent} from './key-decoder.js';

// The console's one subscription to stdin: bytes go through the key decoder, key events to the
// sink, Ctrl-C to `interrupt` (the only place it is handled). Ink's own input handling is never
// switched on (no useInput), so nothing else reads the keys. The console has put the terminal in
// raw mode before the first frame (console.tsx); tests give Ink a fake stdin.

export type KeySink = {
	/** true when the key asked for a render: the next key waits until it has been committed. */
	key: (event: KeyEvent) => boolean;
	interrupt: () => void;
};

/** How long keys wait for a render to be committed before going on without it. */
const RENDER_WAIT = 200;

type KeyStream = NodeJS.EventEmitter & {pause?: () => unknown; resume?: () => unknown};

/**
 * Feeds the sink from the terminal. The decoder holds a lone Esc for `escapeDelay` ms (an arrow
 * split by a slow SSH link must not be taken as Esc and keys); the timer that decides it is here.
 */
export function useKeyInput(sink: KeySink, escapeDelay: number): () => void {
	const {stdin} = useStdin() as unknown as {stdin: KeyStream};
	const sinkRef = useRef(sink);
	sinkRef.current = sink;
	const committedRef = useRef(() => {});

	useEffect(() => {
		const decoder = createKeyDecoder({escapeDelay});
		let timer: NodeJS.Timeout | undefined;
		let immediate: NodeJS.Immediate | undefined;
		let stopped = false;
		// Each key of a read (key repeat, paste) is read against the screen the one before it left,
		// lists and all: a key that asked for a render holds the next until React has committed it
		// (the caller says so from a layout effect). React may yield mid-render on a busy machine,
		// so a turn of the event loop is not enough. A render that never commits (nothing changed)
		// releases the keys after RENDER_WAIT ms.
		const queue: KeyEvent[] = [];
		let next: NodeJS.Immediate | undefined;
		let rendering: NodeJS.Timeout | undefined;
		const release = () => {
			if (!rendering) return;
			clearTimeout(rendering);
			rendering = undefined;
			if (queue.length > 0 && !next) next = setImmediate(pump);
		};
		committedRef.current = release;
		const pump = () => {
			next = undefined;
			const event = queue.shift();
			if (!event || stopped) return;
			if (event.kind === 'interrupt') {
				// The console is going: the keys after it mean nothing.
				stopped = true;
				sinkRef.current.interrupt();
				return;
			}
			if (sinkRef.current.key(event)) rendering = setTimeout(release, RENDER_WAIT);
			else if (queue.length > 0) next = setImmediate(pump);
		};
		const deliver = (events: KeyEvent[]) => {
			if (events.length === 0 || stopped) return;
			queue.push(...events);
			// The first key of a read at once; the rest each after the render before it.
			if (!next && !rendering) pump();
		};
		const schedule = () => {
			if (timer) clearTimeout(timer);
			if (immediate) clearImmediate(immediate);
			timer = undefined;
			immediate = undefined;
			const deadline = decoder.deadline();
			if (deadline === null) return;
			timer = setTimeout(() => {
				timer = undefined;
				// A busy machine runs a late timer before reading input that has already arrived:
				// give that input one turn of the event loop before deciding the Esc was alone.
				immediate = setImmediate(() => {
					immediate = undefined;
					deliver(decoder.flush(Math.max(Date.now(), deadline)));
					schedule();
				});
			}, Math.max(1, deadline - Date.now()));
		};
		const onData = (chunk: string | Buffer) => {
			deliver(decoder.push(chunk, Date.now()));
			schedule();
		};
		stdin.on('data', onData);
		stdin.resume?.();
		return () => {
			stopped = true;
			if (timer) clearTimeout(timer);
			if (immediate) clearImmediate(immediate);
			if (next) clearImmediate(next);
			if (rendering) clearTimeout(rendering);
			committedRef.current = () => {};
			stdin.off('data', onData);
			stdin.pause?.();
		};
	}, [stdin, escapeDelay]);
	// Stable: the caller calls it from a layout effect after each commit.
	return useRef(() => committedRef.current()).current;
}

/**
 * The terminal going away (the SSH link dropped: every read ends or fails): `onGone` once. The
 * one other listener on stdin, kept here with the keys'.
 */
export function watchInputGone(stdin: NodeJS.ReadStream, onGone: () => void): () => void {
	stdin.on('error', onGone);
	stdin.on('end', onGone);
	return () => {
		stdin.off('end', onGone);
		stdin.off('error', onGone);
		// Late errors from a dead terminal are expected after this; keep them from crashing the exit.
		stdin.on('error', () => undefined);
	};
}
