import {displayLine, excerpt} from './domain/text.js';

// What the commands write, and what happens when stdout will not take it: a reader that went
// away (`| head -c 10`: EPIPE) or a full or failing disk (`>/dev/full`: ENOSPC). Either ends
// the command quietly, never with Node's stack trace: a closed pipe silently (the reader chose
// to stop), a failure with one line on stderr.

export type OutputFailure = {code: string; closed: boolean};

// An error message quotes at most this much (a path or a flag can be any length).
const MAX_MESSAGE = 600;

/** A line for stderr: one line, safe to show, bounded. */
export function errorLine(program: string, message: string): string {
	return `${program}: ${safeLine(message)}\n`;
}

/** One line of a message, safe to show and bounded, without a program's name. */
export function safeLine(message: string): string {
	return displayLine(excerpt(message, MAX_MESSAGE));
}

const WORDS: Record<string, string> = {
	ENOSPC: 'no space left on the device',
	EIO: 'an input/output error',
	EDQUOT: 'the disk quota is used up',
	EFBIG: 'the file is too large',
	EBADF: 'stdout is closed',
};

/** Why stdout failed, in words. */
export const describeFailure = (failure: OutputFailure): string => WORDS[failure.code] ?? failure.code;

/**
 * Watch stdout (and stderr, which may be gone too) for write errors; `onFailure` says what to do
 * about the first one. Returns whether stdout has failed, so later writes are skipped.
 */
export function watchOutput(onFailure: (failure: OutputFailure) => void): () => OutputFailure | undefined {
	let failure: OutputFailure | undefined;
	process.stdout.on('error', (error: NodeJS.ErrnoException) => {
		if (failure !== undefined) return;
		const code = error.code ?? 'EIO';
		failure = {code, closed: code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED'};
		onFailure(failure);
	});
	// Nothing more can be said if stderr has gone as well: end without a trace.
	process.stderr.on('error', () => undefined);
	return () => failure;
}

/** Writes to stdout unless it has already failed. */
export function writeOut(text: string, failed: () => OutputFailure | undefined): void {
	if (failed() !== undefined || process.stdout.destroyed) return;
	process.stdout.write(text);
}
