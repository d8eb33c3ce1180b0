import {backgroundFromOsc11} from '../terminal-detect.js';
import type {Background} from '../theme.js';

// `--theme auto`: ask the terminal for its background colour (OSC 11) before the console starts.
// Not every terminal answers OSC 11, so the question is followed by Primary Device Attributes
// (ESC [ c), which every terminal answers, in order: its answer without an OSC 11 answer before
// it means "no answer coming". A terminal that answers neither is given up on after `timeout`.
// Keys typed meanwhile are handed back to the console.

const QUERY = '\u001B]11;?\u001B\\\u001B[c';
const OSC_REPLY = /\u001B\]11;[^\u0007\u001B]*(?:\u0007|\u001B\\)/;
const DA_REPLY = /\u001B\[\?[\d;]*c/;

export type ProbeStreams = {
	stdin: NodeJS.ReadStream;
	stdout: NodeJS.WriteStream;
};

export function probeBackground({stdin, stdout}: ProbeStreams, timeout = 300): Promise<Background | null> {
	if (!stdin.isTTY || !stdout.isTTY) return Promise.resolve(null);
	return new Promise(resolve => {
		let buffer = '';
		const wasRaw = stdin.isRaw;
		stdin.setRawMode(true);
		const finish = (background: Background | null) => {
			clearTimeout(timer);
			stdin.off('data', onData);
			stdin.pause();
			if (!wasRaw) stdin.setRawMode(false);
			const rest = buffer.replace(OSC_REPLY, '').replace(DA_REPLY, '');
			if (rest !== '') stdin.unshift(Buffer.from(rest, 'utf8'));
			resolve(background);
		};
		const onData = (chunk: Buffer | string) => {
			buffer += String(chunk);
			if (DA_REPLY.test(buffer)) {
				const osc = OSC_REPLY.exec(buffer);
				finish(osc ? backgroundFromOsc11(osc[0]) : null);
			}
		};
		const timer = setTimeout(() => finish(OSC_REPLY.test(buffer) ? backgroundFromOsc11(OSC_REPLY.exec(buffer)![0]) : null), timeout);
		stdin.on('data', onData);
		stdout.write(QUERY);
	});
}
