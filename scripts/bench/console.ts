import {performance} from 'node:perf_hooks';
import {TITLE_NUMBER} from './data.js';
import {MINIMAL_READY} from './markers.js';
import {median, percentile} from './report.js';
import {CLI, ROOT} from './setup.js';
import {Terminal, sleep} from './terminal.js';

// The console (and the minimal Ink app) in a real pty at 80x24: start-up, memory, bytes per key,
// a live update, resizing, key latency and key repeat.

export const DOWN = '\u001B[B';
export const UP = '\u001B[A';
// Ink's output settles within a frame or two (maxFps 60); 40 ms of quiet means the frame is out.
const QUIET_MS = 40;

export type Started = {terminal: Terminal; firstFrameMs: number; firstFrameAt: number};

export type Expect = {
	/** Text that is on screen only once the whole grid is drawn. */
	grid: string[];
};

export async function startConsole(db: string, expect: Expect, options: {cli?: string; columns?: number; rows?: number} = {}): Promise<Started> {
	const terminal = new Terminal([options.cli ?? CLI, '--db', db], {cwd: ROOT, columns: options.columns, rows: options.rows});
	const at = await terminal.waitFor(screen => expect.grid.every(text => screen.includes(text)), 10_000, 'the console grid');
	return {terminal, firstFrameMs: at - terminal.startedAt, firstFrameAt: at};
}

export async function startMinimal(bundle: string, args: string[] = []): Promise<Started> {
	const terminal = new Terminal([bundle, ...args], {cwd: ROOT});
	const at = await terminal.waitFor(screen => screen.includes(MINIMAL_READY), 10_000, 'the minimal app frame');
	return {terminal, firstFrameMs: at - terminal.startedAt, firstFrameAt: at};
}

/** The minimal app replaying `framesFile` (bench screens): started once `ready` text is on screen. */
export async function startReplay(bundle: string, framesFile: string, ready: string): Promise<Started> {
	const terminal = new Terminal([bundle, '--frames', framesFile], {cwd: ROOT});
	const at = await terminal.waitFor(screen => screen.includes(ready), 10_000, 'the replayed frame');
	return {terminal, firstFrameMs: at - terminal.startedAt, firstFrameAt: at};
}

export type StartupSample = {ms: number; cpuMs: number; rssKiB: number; hwmKiB: number};

/** Time to the first full frame (and CPU used by then), then RSS after 1 s idle and the peak so far. */
export async function startupSample(start: () => Promise<Started>): Promise<StartupSample> {
	const {terminal, firstFrameMs} = await start();
	try {
		const cpuMs = terminal.cpuMs();
		await sleep(1000);
		const memory = terminal.memory();
		return {ms: firstFrameMs, cpuMs, ...memory};
	} finally {
		await terminal.stop();
	}
}

/** Runs console and baseline alternately (which goes first alternates too), `runs` times each. */
export async function startupRuns(
	runs: number,
	consoleStart: () => Promise<Started>,
	baselineStart: () => Promise<Started>,
): Promise<{console: StartupSample[]; baseline: StartupSample[]}> {
	const results = {console: [] as StartupSample[], baseline: [] as StartupSample[]};
	for (let i = 0; i < runs; i++) {
		if (i % 2 === 0) {
			results.baseline.push(await startupSample(baselineStart));
			results.console.push(await startupSample(consoleStart));
		} else {
			results.console.push(await startupSample(consoleStart));
			results.baseline.push(await startupSample(baselineStart));
		}
	}
	return results;
}

/**
 * The indicator number on the selected (▶) row, or null when no row is selected. The bench's own
 * titles carry the number ("No.126 bench indicator"): the grid's number column is two wide.
 */
export function selectedNumber(screen: string): number | null {
	for (const line of screen.split('\n')) {
		if (!line.includes('▶')) continue;
		const match = TITLE_NUMBER.exec(line) ?? /▶\s*(\d+)\s/.exec(line);
		if (match) return Number(match[1]);
	}
	return null;
}

/** Whole-screen erases in output: ESC[2J, ESC[3J, or a terminal reset (ESC c). */
export function fullClears(text: string): number {
	// eslint-disable-next-line no-control-regex
	return (text.match(/\u001B\[[23]J|\u001Bc/g) ?? []).length;
}

export type KeyStep = {key: string; bytes: number; rows: number[]; latencyMs: number | null; selected: number | null};

/** One key, one frame: the bytes and screen rows it caused and the time to its first byte. */
export async function pressOne(terminal: Terminal, key: string): Promise<KeyStep> {
	await terminal.settle(QUIET_MS);
	terminal.screen.takeDirty();
	const at = terminal.write(key);
	const first = await terminal.firstOutputAfter(at, 1000);
	await terminal.settle(QUIET_MS);
	return {
		key,
		bytes: terminal.bytesSince(at),
		rows: terminal.screen.takeDirty(),
		latencyMs: first === null ? null : first - at,
		selected: selectedNumber(terminal.screen.text()),
	};
}

/** `count` one-row moves that never run into the end of the list: down to the last row, then back up. */
export async function bounce(terminal: Terminal, count: number, numbers: number[], afterEach?: (step: KeyStep) => void): Promise<KeyStep[]> {
	const steps: KeyStep[] = [];
	let down = true;
	for (let i = 0; i < count; i++) {
		const selected = selectedNumber(terminal.screen.text());
		const index = Math.max(0, selected === null ? 0 : numbers.indexOf(selected));
		if (down && index >= numbers.length - 1) down = false;
		if (!down && index <= 0) down = true;
		steps.push(await pressOne(terminal, down ? DOWN : UP));
		afterEach?.(steps.at(-1)!);
		// A little jitter, so samples do not all land at the same point of the poll timer.
		await sleep(Math.random() * 10);
	}
	return steps;
}

/** Writes `count` keys `intervalMs` apart on a fixed schedule (key repeat), then waits for the screen to settle. */
export async function repeat(terminal: Terminal, key: string, count: number, intervalMs: number): Promise<{lastKeyAt: number; settledAfterMs: number}> {
	const start = performance.now();
	let lastKeyAt = start;
	for (let i = 0; i < count; i++) {
		const due = start + i * intervalMs;
		const wait = due - performance.now();
		if (wait > 1) await sleep(wait);
		lastKeyAt = terminal.write(key);
	}
	await terminal.settle(300, 10_000);
	const lastOutput = terminal.chunks.at(-1)?.at ?? lastKeyAt;
	return {lastKeyAt, settledAfterMs: Math.max(0, lastOutput - lastKeyAt)};
}

export function summarise(steps: KeyStep[]) {
	const latencies = steps.map(s => s.latencyMs).filter((ms): ms is number => ms !== null);
	return {
		keys: steps.length,
		bytesPerKey: steps.reduce((sum, s) => sum + s.bytes, 0) / Math.max(1, steps.length),
		rowsPerKey: steps.reduce((sum, s) => sum + s.rows.length, 0) / Math.max(1, steps.length),
		medianLatencyMs: median(latencies),
		p95LatencyMs: percentile(latencies, 95),
		maxLatencyMs: Math.max(...latencies),
		noOutput: steps.length - latencies.length,
	};
}
