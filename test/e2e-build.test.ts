// The bundle the other end-to-end tests run: present, current, and able to start. An import cycle
// between modules deadlocks the bundle's start-up (Ink and yoga use top-level await, so esbuild
// starts modules asynchronously and a cycle waits on itself): the console then exits at once.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {after, describe, it} from 'node:test';
import {CLI, LOADER, REPO, assertBuilt, sampleStore, spawnConsole, type PtyConsole} from './helpers/pty.js';
import {SAMPLE} from './helpers/sample.js';

function sourceFiles(dir: string): string[] {
	return fs.readdirSync(dir, {withFileTypes: true}).flatMap(entry => {
		const file = path.join(dir, entry.name);
		if (entry.isDirectory()) return sourceFiles(file);
		return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [file] : [];
	});
}

/** Relative imports that run code (not `import type`, not dynamic import()). */
function runtimeImports(file: string, known: Set<string>): string[] {
	const text = fs.readFileSync(file, 'utf8');
	const found: string[] = [];
	for (const match of text.matchAll(/^(?:import|export)\s+(type\s+)?(?:[^;'"]*?\sfrom\s+)?'(\.{1,2}\/[^']+)'/gm)) {
		if (match[1]) continue;
		const clause = match[0];
		// `import {type A, type B} from` is type-only too.
		const names = /\{([^}]*)\}/.exec(clause)?.[1];
		if (names && !/\*|\w+\s+from/.test(clause.replace(/\{[^}]*\}/, '')) && names.split(',').every(name => !name.trim() || name.trim().startsWith('type '))) continue;
		const target = path.resolve(path.dirname(file), match[2]!).replace(/\.js$/, '');
		const resolved = [`${target}.ts`, `${target}.tsx`].find(candidate => known.has(candidate));
		if (resolved) found.push(resolved);
	}
	return found;
}

function importCycles(files: string[]): string[] {
	const known = new Set(files);
	const graph = new Map(files.map(file => [file, runtimeImports(file, known)]));
	const state = new Map<string, 'open' | 'done'>();
	const stack: string[] = [];
	const cycles: string[] = [];
	const visit = (file: string) => {
		state.set(file, 'open');
		stack.push(file);
		for (const next of graph.get(file) ?? []) {
			if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next].map(each => path.relative(REPO, each)).join(' -> '));
			else if (!state.has(next)) visit(next);
		}
		stack.pop();
		state.set(file, 'done');
	};
	for (const file of files) if (!state.has(file)) visit(file);
	return cycles;
}

describe('the built console', () => {
	let cli: PtyConsole | undefined;
	after(() => cli?.close());

	it('is built from the current source (the e2e tests run dist/, not source/)', () => {
		assertBuilt();
		const built = Math.min(fs.statSync(CLI).mtimeMs, fs.statSync(LOADER).mtimeMs);
		const newer = [...sourceFiles(path.join(REPO, 'source')), ...sourceFiles(path.join(REPO, 'scripts'))].filter(file => fs.statSync(file).mtimeMs > built + 1000);
		assert.deepEqual(newer.map(file => path.relative(REPO, file)), [], 'changed since the last build: run `npm run build`');
	});

	it('has no import cycles between modules (they deadlock the bundle at start-up)', () => {
		const cycles = importCycles([...sourceFiles(path.join(REPO, 'source')), ...sourceFiles(path.join(REPO, 'scripts'))]);
		assert.deepEqual(cycles, [], 'import cycles: move what both sides need into a third module');
	});

	it('starts: opens the alternate screen and draws the scorecard', async () => {
		const db = await sampleStore();
		cli = spawnConsole({args: ['--db', db]});
		const ready = cli.waitForText(SAMPLE.header, {timeout: 15_000}).then(() => 'drawn' as const);
		const result = await Promise.race([ready, cli.exited.then(exit => exit)]);
		assert.equal(result, 'drawn', `the console exited before drawing anything: ${JSON.stringify(result)}; it wrote: ${JSON.stringify(cli.output.slice(0, 500))}`);
		cli.press('q');
		assert.equal((await cli.exitCode()).exitCode, 0);
	});
});
