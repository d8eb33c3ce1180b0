import fs from 'node:fs';
import {performance} from 'node:perf_hooks';
import {StringDecoder} from 'node:string_decoder';
import pty from 'node-pty';
import {Screen} from './screen.js';

// One program in a pseudo-terminal, as a person over SSH would run it: every byte it writes is
// timed, counted and replayed on a screen model.

export type Chunk = {at: number; bytes: number; text: string};

const live = new Set<Terminal>();

/** The environment every run gets: a UTF-8 locale, a common TERM, and nothing that changes Ink's output. */
export function terminalEnv(extra: Record<string, string> = {}): Record<string, string> {
	const env: Record<string, string> = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (value === undefined) continue;
		// Ink renders nothing but the last frame when it thinks it runs in CI; colour switches change the bytes.
		if (key === 'CI' || key === 'CONTINUOUS_INTEGRATION' || key.startsWith('CI_')) continue;
		if (['NO_COLOR', 'FORCE_COLOR', 'COLORTERM', 'LC_ALL', 'LC_CTYPE', 'LANGUAGE', 'DEV', 'SCORECARD_DB'].includes(key)) continue;
		env[key] = value;
	}
	return {...env, LANG: 'C.UTF-8', TERM: 'xterm-256color', ...extra};
}

export class Terminal {
	readonly startedAt: number;
	readonly chunks: Chunk[] = [];
	readonly screen: Screen;
	readonly pid: number;
	exited: {code: number; signal?: number} | null = null;
	private readonly process: pty.IPty;
	private readonly decoder = new StringDecoder('utf8');
	private waiters = new Set<() => void>();
	private exitWaiters: Array<() => void> = [];

	constructor(args: string[], options: {cwd: string; columns?: number; rows?: number; env?: Record<string, string>}) {
		const columns = options.columns ?? 80;
		const rows = options.rows ?? 24;
		this.screen = new Screen(columns, rows);
		this.startedAt = performance.now();
		this.process = pty.spawn(process.execPath, args, {
			name: 'xterm-256color',
			cols: columns,
			rows,
			cwd: options.cwd,
			env: options.env ?? terminalEnv(),
			// Raw bytes: the byte counts are the point.
			encoding: null,
		});
		this.pid = this.process.pid;
		live.add(this);
		this.process.onData(data => {
			const at = performance.now();
			const buffer = typeof data === 'string' ? Buffer.from(data) : (data as unknown as Buffer);
			const text = this.decoder.write(buffer);
			this.chunks.push({at, bytes: buffer.length, text});
			this.screen.write(text);
			for (const waiter of [...this.waiters]) waiter();
		});
		this.process.onExit(event => {
			this.exited = {code: event.exitCode, signal: event.signal};
			live.delete(this);
			for (const waiter of this.exitWaiters) waiter();
			for (const waiter of [...this.waiters]) waiter();
		});
	}

	write(data: string): number {
		const at = performance.now();
		this.process.write(data);
		return at;
	}

	resize(columns: number, rows: number): void {
		this.screen.resize(columns, rows);
		this.process.resize(columns, rows);
	}

	get bytes(): number {
		return this.chunks.reduce((sum, chunk) => sum + chunk.bytes, 0);
	}

	/** Resolves with the time of the chunk after which `ok(screen text)` first held. */
	waitFor(ok: (screen: string) => boolean, timeoutMs: number, what: string): Promise<number> {
		return new Promise((resolve, reject) => {
			const check = () => {
				if (ok(this.screen.text())) {
					done();
					resolve(this.chunks.at(-1)?.at ?? performance.now());
				} else if (this.exited) {
					done();
					const wrote = this.bytes === 0 ? 'without writing anything' : `after writing ${this.bytes} bytes; screen:\n${this.screen.text().trimEnd()}`;
					reject(new Error(`${what}: the program exited (code ${this.exited.code}) first, ${wrote}`));
				}
			};
			const timer = setTimeout(() => {
				done();
				reject(new Error(`${what}: not seen within ${timeoutMs} ms; screen:\n${this.screen.text()}`));
			}, timeoutMs);
			const done = () => {
				clearTimeout(timer);
				this.waiters.delete(check);
			};
			this.waiters.add(check);
			check();
		});
	}

	/** The first output after `since` (a performance.now() time), or null after `timeoutMs`. */
	firstOutputAfter(since: number, timeoutMs: number): Promise<number | null> {
		return new Promise(resolve => {
			const check = () => {
				let first: number | null = null;
				for (let i = this.chunks.length - 1; i >= 0 && this.chunks[i]!.at >= since; i--) first = this.chunks[i]!.at;
				if (first !== null) {
					done();
					resolve(first);
				}
			};
			const timer = setTimeout(() => {
				done();
				resolve(null);
			}, timeoutMs);
			const done = () => {
				clearTimeout(timer);
				this.waiters.delete(check);
			};
			this.waiters.add(check);
			check();
		});
	}

	/** Waits until nothing has been written for `quietMs` (at most `timeoutMs` in all). */
	async settle(quietMs: number, timeoutMs = 3000): Promise<void> {
		const until = performance.now() + timeoutMs;
		for (;;) {
			const last = this.chunks.at(-1)?.at ?? this.startedAt;
			const now = performance.now();
			if (now - last >= quietMs || now >= until) return;
			await sleep(Math.min(quietMs - (now - last) + 1, until - now));
		}
	}

	/** Bytes written at or after `since`. */
	bytesSince(since: number): number {
		let sum = 0;
		for (const chunk of this.chunks) if (chunk.at >= since) sum += chunk.bytes;
		return sum;
	}

	textSince(since: number): string {
		return this.chunks
			.filter(chunk => chunk.at >= since)
			.map(chunk => chunk.text)
			.join('');
	}

	/** VmRSS and VmHWM of the program, in KiB. */
	memory(): {rssKiB: number; hwmKiB: number} {
		const status = fs.readFileSync(`/proc/${this.pid}/status`, 'utf8');
		const field = (name: string) => {
			const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
			if (!match) throw new Error(`/proc/${this.pid}/status has no ${name}`);
			return Number(match[1]);
		};
		return {rssKiB: field('VmRSS'), hwmKiB: field('VmHWM')};
	}

	/** CPU time the program's threads have used so far (ms): less swayed by other work on the machine than wall time. */
	cpuMs(): number {
		let ns = 0;
		for (const task of fs.readdirSync(`/proc/${this.pid}/task`)) {
			try {
				ns += Number(fs.readFileSync(`/proc/${this.pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]);
			} catch {
				// A thread that ended meanwhile.
			}
		}
		return ns / 1e6;
	}

	/** Asks the program to quit with `keys`, then hangs up if it has not within `graceMs`. */
	async stop(keys = 'q', graceMs = 1500): Promise<void> {
		if (this.exited) return;
		const exited = new Promise<void>(resolve => this.exitWaiters.push(resolve));
		try {
			this.process.write(keys);
		} catch {
			// Already gone.
		}
		const timer = setTimeout(() => this.kill(), graceMs);
		await exited;
		clearTimeout(timer);
	}

	kill(): void {
		if (this.exited) return;
		try {
			this.process.kill('SIGKILL');
		} catch {
			// Already gone.
		}
	}
}

/** Kills every program still running (a step that failed half-way). */
export function killAll(): void {
	for (const terminal of live) terminal.kill();
}

export function sleep(ms: number): Promise<void> {
	return new Promise(resolve => setTimeout(resolve, Math.max(0, ms)));
}
