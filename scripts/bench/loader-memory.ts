import {spawn} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {writeBigCsvs, type BigShape} from './data.js';
import {ROOT} from './setup.js';

// The loader's peak memory on big files: node dist/load.js as a user runs it, its VmHWM read
// from /proc while it runs (the kernel's high-water mark of its resident set).

const LOAD = path.join(ROOT, 'dist/load.js');

export type LoaderRun = {ms: number; peakMiB: number; code: number | null; out: string};

export function runLoaderMeasured(args: string[], timeoutMs: number): Promise<LoaderRun> {
	return new Promise((resolve, reject) => {
		const started = performance.now();
		const child = spawn(process.execPath, [LOAD, ...args], {cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe']});
		let out = '';
		child.stdout.on('data', (d: Buffer) => (out += d.toString()));
		child.stderr.on('data', (d: Buffer) => (out += d.toString()));
		let peakKiB = 0;
		const sample = () => {
			try {
				const match = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'));
				if (match) peakKiB = Math.max(peakKiB, Number(match[1]));
			} catch {
				// Gone between samples: the last reading stands.
			}
		};
		const poll = setInterval(sample, 25);
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`node dist/load.js ${args.slice(-1)}: no exit within ${timeoutMs} ms`));
		}, timeoutMs);
		child.on('error', reject);
		child.on('exit', () => sample());
		child.on('close', code => {
			clearInterval(poll);
			clearTimeout(timer);
			resolve({ms: performance.now() - started, peakMiB: peakKiB / 1024, code, out});
		});
	});
}

export type MemoryReport = {rows: number; runs: Array<{what: string} & LoaderRun>};

/**
 * A new store from `shape`'s rows; then (with `again`) the same files again, a no-op, and files
 * of other figures with --replace, which changes every row.
 */
export async function measureLoaderMemory(dir: string, shape: BigShape, again: boolean, timeoutMs: number): Promise<MemoryReport> {
	const first = writeBigCsvs(path.join(dir, 'a'), shape, 3);
	const db = path.join(dir, 'store.db');
	const runs: MemoryReport['runs'] = [];
	const run = async (what: string, args: string[]) => {
		const result = await runLoaderMeasured(['--db', db, ...args], timeoutMs);
		if (result.code !== 0) throw new Error(`${what}: node dist/load.js failed (exit ${result.code}): ${result.out.trim().split('\n').slice(0, 4).join(' ')}`);
		runs.push({what, ...result});
	};
	const files = (f: typeof first) => [f.teams, f.indicators, f.measures];
	await run('first load', files(first));
	if (again) {
		await run('reload (no-op)', files(first));
		if (!/nothing new/.test(runs[runs.length - 1]!.out)) throw new Error('the reload was not a no-op');
		const other = writeBigCsvs(path.join(dir, 'b'), shape, 4);
		await run('--replace (every row)', ['--replace', ...files(other)]);
	}
	fs.rmSync(dir, {recursive: true, force: true});
	return {rows: first.rows, runs};
}
