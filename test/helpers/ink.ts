import {stripVTControlCharacters} from 'node:util';

// Driving Ink views in tests: one key per write, wait for the frame the key should produce.

export const keys = {
	up: '\u001B[A',
	down: '\u001B[B',
	right: '\u001B[C',
	left: '\u001B[D',
	pageUp: '\u001B[5~',
	pageDown: '\u001B[6~',
	enter: '\r',
	escape: '\u001B',
	backspace: '\u007F',
	ctrlC: '\u0003',
} as const;

export function plain(frame: string | undefined): string {
	return stripVTControlCharacters(frame ?? '');
}

type Rendered = {lastFrame: () => string | undefined};

/** Polls until the (ANSI-stripped) frame satisfies `ok`; fails with the last frame seen. */
export async function waitForFrame(rendered: Rendered, ok: (frame: string) => boolean, ms = 4000): Promise<string> {
	const deadline = Date.now() + ms;
	let frame = plain(rendered.lastFrame());
	while (!ok(frame)) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for the expected frame; last frame:\n${frame}`);
		await new Promise(resolve => setTimeout(resolve, 10));
		frame = plain(rendered.lastFrame());
	}
	return frame;
}

/** The frame's line that contains `text`. */
export function lineWith(frame: string, text: string): string {
	return frame.split('\n').find(line => line.includes(text)) ?? '';
}

/** The selected row of a list view (the one with the selection marker). */
export function selectedLine(frame: string, marker = '▶'): string {
	return frame.split('\n').find(line => line.trimStart().startsWith(marker)) ?? '';
}
