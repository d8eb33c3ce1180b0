// The layers, read from the import statements: the domain is pure and stands alone, the store
// knows nothing of the console, and views reach data only through the store client.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {describe, it} from 'node:test';

const root = path.resolve(import.meta.dirname, '..', 'source');

function sourceFiles(folder: string): string[] {
	return fs.readdirSync(folder, {withFileTypes: true}).flatMap(entry => {
		const full = path.join(folder, entry.name);
		if (entry.isDirectory()) return sourceFiles(full);
		return /\.tsx?$/.test(entry.name) ? [full] : [];
	});
}

/** Every module a file imports (static, re-exported or dynamic): relative ones as paths under source/. */
function importsOf(file: string): string[] {
	const text = fs.readFileSync(file, 'utf8');
	const found = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)|(?:^|\n)import\s+'([^']+)'/g)].map(
		match => match[1] ?? match[2] ?? match[3]!,
	);
	return found.map(specifier =>
		specifier.startsWith('.') ? path.relative(root, path.resolve(path.dirname(file), specifier)).replace(/\.js$/, '') : `package:${specifier}`,
	);
}

const files = sourceFiles(root).map(file => ({file: path.relative(root, file), imports: importsOf(file)}));
const under = (folder: string) => files.filter(entry => entry.file.startsWith(`${folder}/`));

describe('import rules', () => {
	it('finds the modules it checks (the scan itself works)', () => {
		assert.ok(under('domain').length >= 8);
		const scorecard = files.find(entry => entry.file === 'domain/scorecard.ts')!;
		assert.ok(scorecard.imports.includes('domain/types'), scorecard.imports.join(', '));
		const client = files.find(entry => entry.file === 'store/client.ts')!;
		assert.ok(client.imports.includes('package:node:fs'), client.imports.join(', '));
	});

	it('domain/ imports only domain/ (no store, no views, no packages)', () => {
		const bad = under('domain').flatMap(entry =>
			entry.imports.filter(target => !target.startsWith('domain/')).map(target => `${entry.file} -> ${target}`),
		);
		assert.deepEqual(bad, []);
	});

	it('store/ imports no view, hook, component or presentation module', () => {
		const forbidden = ['views/', 'hooks/', 'components/', 'text-layout/', 'input/', 'app', 'console', 'theme', 'package:ink', 'package:react'];
		const bad = under('store').flatMap(entry =>
			entry.imports.filter(target => forbidden.some(prefix => target.startsWith(prefix))).map(target => `${entry.file} -> ${target}`),
		);
		assert.deepEqual(bad, []);
	});

	it('views, components and hooks reach the store only through the client', () => {
		const bad = [...under('views'), ...under('components'), ...under('hooks')].flatMap(entry =>
			entry.imports
				.filter(target => target.startsWith('store/') && target !== 'store/client')
				.map(target => `${entry.file} -> ${target}`),
		);
		assert.deepEqual(bad, []);
	});

	it('no module outside the store and the loader imports the SQLite driver', () => {
		const bad = files.filter(entry => !entry.file.startsWith('store/') && entry.imports.includes('package:sqlite3')).map(entry => entry.file);
		assert.deepEqual(bad, []);
	});

	it('only the input module listens to stdin (no useInput, no Ink input emitter, no stdin.on elsewhere)', () => {
		const bad = files
			.filter(entry => !entry.file.startsWith('input/'))
			.filter(entry => /\buseInput\b|internal_eventEmitter|\bstdin\.(on|once|addListener|prependListener)\(/.test(fs.readFileSync(path.join(root, entry.file), 'utf8')))
			.map(entry => entry.file);
		assert.deepEqual(bad, []);
		const input = fs.readFileSync(path.join(root, 'input/use-key-input.ts'), 'utf8');
		assert.match(input, /stdin\.on\('data'/, 'the scan looks for what the input module does');
	});

	it('has no import cycles, type imports included (the domain\'s types stand on their own)', () => {
		const graph = new Map(files.map(entry => [entry.file.replace(/\.tsx?$/, ''), entry.imports]));
		const cycles: string[] = [];
		const done = new Set<string>();
		const visit = (node: string, path: string[]) => {
			if (path.includes(node)) {
				cycles.push([...path.slice(path.indexOf(node)), node].join(' -> '));
				return;
			}
			if (done.has(node)) return;
			for (const next of graph.get(node) ?? []) if (graph.has(next)) visit(next, [...path, node]);
			done.add(node);
		};
		for (const node of graph.keys()) visit(node, []);
		assert.deepEqual(cycles, []);
	});

	it('declares no exported name twice (one meaning per name across source/)', () => {
		const declared = new Map<string, string[]>();
		for (const entry of files) {
			const text = fs.readFileSync(path.join(root, entry.file), 'utf8');
			for (const match of text.matchAll(/^export (?:async )?(?:type|interface|function|const|class|enum) ([A-Za-z_$][\w$]*)/gm)) {
				declared.set(match[1]!, [...(declared.get(match[1]!) ?? []), entry.file]);
			}
		}
		assert.ok(declared.has('createKeyDecoder') && declared.has('ScorecardView'), 'the scan finds declarations');
		const twice = [...declared].filter(([, where]) => where.length > 1).map(([name, where]) => `${name}: ${where.join(', ')}`);
		assert.deepEqual(twice, []);
	});

	it('keeps source files to about 250 lines, or says in the opening comment why one is longer', () => {
		const scripts = path.resolve(root, '..', 'scripts');
		const long = [...sourceFiles(root), ...sourceFiles(scripts)].flatMap(file => {
			const lines = fs.readFileSync(file, 'utf8').split('\n');
			if (lines.length <= 270) return [];
			const opening = lines.slice(0, 30).join('\n');
			return /About [\d,]+ lines/i.test(opening) ? [] : [`${path.relative(path.dirname(root), file)}: ${lines.length} lines, no reason in its opening comment`];
		});
		assert.deepEqual(long, []);
	});
});
