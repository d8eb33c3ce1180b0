import {spawn, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {build, type Plugin} from 'esbuild';
// @ts-expect-error: a plain JavaScript build module, without types.
import {INK_CURSOR_FIX, INK_FULL_WIDTH_ERASE, INK_WIDTH_IMPORT, patchInkLogUpdate} from '../dependency-patches.js';

// What every step needs: the repository's paths, a temp dir, the baseline bundle, timed commands.

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const CLI = path.join(ROOT, 'dist/cli.js');
export const LOAD = path.join(ROOT, 'dist/load.js');
export const SAMPLES = path.join(ROOT, 'data/samples');

export function sampleFiles(): string[] {
	return fs
		.readdirSync(SAMPLES)
		.filter(name => name.endsWith('.csv'))
		.sort()
		.map(name => path.join(SAMPLES, name));
}

/** The newest source file's time, to warn when dist/ is older than the code it was built from. */
export function staleBuild(): string | null {
	if (!fs.existsSync(CLI) || !fs.existsSync(LOAD)) return `${path.relative(ROOT, CLI)} or dist/load.js is missing: run npm run build`;
	const built = Math.min(fs.statSync(CLI).mtimeMs, fs.statSync(LOAD).mtimeMs);
	let newest = {file: '', at: 0};
	const walk = (dir: string) => {
		for (const entry of fs.readdirSync(dir, {withFileTypes: true})) {
			const file = path.join(dir, entry.name);
			if (entry.isDirectory()) walk(file);
			else if (/\.tsx?$/.test(entry.name) && fs.statSync(file).mtimeMs > newest.at) newest = {file, at: fs.statSync(file).mtimeMs};
		}
	};
	walk(path.join(ROOT, 'source'));
	walk(path.join(ROOT, 'scripts'));
	// The bench's own files do not go into dist.
	if (newest.at > built && !newest.file.includes(`${path.sep}bench`)) return `dist/ is older than ${path.relative(ROOT, newest.file)}: run npm run build`;
	return null;
}

// As scripts/build.js: Ink's devtools bridge (React devtools and a WebSocket library) becomes an
// empty module, so start-up and memory compare like with like.
const noDevtools: Plugin = {
	name: 'no-devtools',
	setup(b) {
		b.onResolve({filter: /^react-devtools-core$|^\.\/devtools\.js$/}, args =>
			args.path === 'react-devtools-core' || /[\\/]ink[\\/]build$/.test(args.resolveDir) ? {path: args.path, namespace: 'stub'} : undefined,
		);
		b.onLoad({filter: /.*/, namespace: 'stub'}, () => ({contents: 'export default {connectToDevTools() {}};', loader: 'js'}));
	},
};

// The floor for bytes per key is stock Ink's output with only the two fixes scripts/build.js makes
// for Ink to draw the right screen at all: the cursor fix (without it every update lands a row
// lower and scrolls) and no erase after a full-width line (without it xterm, and the bench's
// screen model, lose the last cell of every 80-column grid row Ink rewrites, so the replay never
// showed the console's screens). Byte savings the console's bundle makes in Ink (one ESC[nE for a
// run of unchanged lines) count in its favour. The patches come from the build's own module,
// anchor checks included: the floor fails rather than silently measuring unpatched Ink.
const inkScreenFixes: Plugin = {
	name: 'ink-screen-fixes',
	setup(b) {
		b.onLoad({filter: /ink[\\/]build[\\/]log-update\.js$/}, async args => ({
			contents: patchInkLogUpdate(await fs.promises.readFile(args.path, 'utf8'), args.path, [INK_CURSOR_FIX, INK_WIDTH_IMPORT, INK_FULL_WIDTH_ERASE]),
			loader: 'js',
		}));
	},
};

/** Bundles the minimal Ink app as scripts/build.js bundles the console; returns its path. */
export async function bundleMinimalApp(dir: string): Promise<string> {
	const outfile = path.join(dir, 'minimal-app.js');
	await build({
		entryPoints: [path.join(ROOT, 'scripts/bench/minimal-app.tsx')],
		outfile,
		bundle: true,
		platform: 'node',
		target: 'node20',
		format: 'esm',
		jsx: 'automatic',
		minify: true,
		legalComments: 'none',
		define: {'process.env.NODE_ENV': '"production"'},
		plugins: [noDevtools, inkScreenFixes],
		banner: {js: ["import {createRequire as __benchRequire} from 'node:module';", 'const require = __benchRequire(import.meta.url);'].join('\n')},
		absWorkingDir: ROOT,
		logLevel: 'warning',
	});
	return outfile;
}

export type Timed = {ms: number; code: number | null; stdout: string; stderr: string};

/** Runs a command to completion, timed from spawn to exit. */
export function timed(command: string, args: string[], options: {cwd?: string; timeoutMs?: number; input?: string} = {}): Promise<Timed> {
	return new Promise((resolve, reject) => {
		const started = performance.now();
		const child = spawn(command, args, {cwd: options.cwd ?? ROOT, stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe']});
		let stdout = '';
		let stderr = '';
		child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
		child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`${path.basename(command)} ${args.slice(0, 3).join(' ')}: no exit within ${options.timeoutMs} ms`));
		}, options.timeoutMs ?? 120_000);
		child.on('error', error => {
			clearTimeout(timer);
			reject(error);
		});
		child.on('close', code => {
			clearTimeout(timer);
			resolve({ms: performance.now() - started, code, stdout, stderr});
		});
		if (child.stdin) {
			// A program that exits without reading its input is not an error here.
			child.stdin.on('error', () => undefined);
			child.stdin.end(options.input);
		}
	});
}

/** `node dist/load.js --db DB FILES...`, as users run it; throws with the loader's words on failure. */
export async function load(db: string, files: string[], options: {replace?: boolean; timeoutMs?: number} = {}): Promise<Timed> {
	const args = [LOAD, '--db', db, ...(options.replace ? ['--replace'] : []), ...files];
	const result = await timed(process.execPath, args, {timeoutMs: options.timeoutMs});
	if (result.code !== 0) {
		const words = (result.stderr || result.stdout).trim().split('\n').slice(0, 6).join('\n');
		throw new Error(`node dist/load.js failed (exit ${result.code}): ${words}`);
	}
	return result;
}

/** The sqlite3 command-line tool, or a clear reason why not. */
export function findSqlite3(): {path: string} | {missing: string} {
	for (const candidate of ['/usr/bin/sqlite3', '/usr/local/bin/sqlite3']) if (fs.existsSync(candidate)) return {path: candidate};
	const which = spawnSync('sh', ['-c', 'command -v sqlite3'], {encoding: 'utf8'});
	if (which.status === 0 && which.stdout.trim()) return {path: which.stdout.trim()};
	return {missing: 'the sqlite3 command-line tool is not installed (Debian/Ubuntu: apt-get install sqlite3); the loader target needs it as its baseline'};
}
