import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {after, describe, it} from 'node:test';
import {pathToFileURL} from 'node:url';
// @ts-expect-error: a plain JavaScript build module, without types.
import {lazyConstant, lazyStringWidth, patchInkLogUpdate, patchInkOutput, patchSanitizeAnsi, patchSliceAnsi, patchStringWidth, patchStyledChars, patchTokenize, patchYoga} from '../scripts/dependency-patches.js';

// The bundle's changes to Ink and string-width, applied to the installed sources and run: the
// string-width fast path must agree with string-width itself, and Ink's renderer must land where
// the frame is.

const ROOT = path.resolve(import.meta.dirname, '..');
// Inside node_modules, so the patched modules' own imports resolve as they do in the build.
const dir = fs.mkdtempSync(path.join(ROOT, 'node_modules', '.scorecard-patch-test-'));
after(() => fs.rmSync(dir, {recursive: true, force: true}));

async function patched(file: string, patch: (source: string) => string, name: string) {
	const source = fs.readFileSync(path.join(ROOT, 'node_modules', file), 'utf8');
	const target = path.join(dir, name);
	// Relative imports of the original stay pointed at the original's folder.
	const text = patch(source).replace(/from (['"])\.\//g, (_, quote: string) => `from ${quote}${pathToFileURL(path.dirname(path.join(ROOT, 'node_modules', file))).href}/`);
	fs.writeFileSync(target, text);
	return import(pathToFileURL(target).href);
}

/**
 * Every installed copy of string-width the bundle can pull in (the build patches each one it
 * meets): Ink's top-level 8.x and wrap-ansi's nested 7.x, found on disk rather than listed.
 */
function stringWidthCopies(): string[] {
	const found: string[] = [];
	const walk = (folder: string, depth: number) => {
		for (const entry of fs.readdirSync(folder, {withFileTypes: true})) {
			if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
			const next = path.join(folder, entry.name);
			if (entry.name === 'string-width' && fs.existsSync(path.join(next, 'index.js'))) found.push(path.relative(path.join(ROOT, 'node_modules'), path.join(next, 'index.js')));
			else if (depth < 4 && (entry.name === 'node_modules' || entry.name.startsWith('@') || folder.endsWith('node_modules'))) walk(next, depth + 1);
		}
	};
	walk(path.join(ROOT, 'node_modules'), 0);
	return found.sort();
}

describe('string-width fast path', () => {
	const copies = stringWidthCopies();
	it('finds the copies the build patches: the top-level one and wrap-ansi\'s nested one', () => {
		assert.ok(copies.includes('string-width/index.js'), copies.join(', '));
		assert.ok(copies.includes('wrap-ansi/node_modules/string-width/index.js'), copies.join(', '));
	});
	for (const [index, copy] of copies.entries()) {
		it(`gives ${copy}'s own answer for plain, styled, wide and odd text`, async () => {
			const {default: fast} = (await patched(copy, (source: string) => patchStringWidth(lazyStringWidth(source)), `string-width-${index}.mjs`)) as {default: (s: string, o?: object) => number};
			const {default: own} = (await patched(copy, source => source, `string-width-original-${index}.mjs`)) as {default: (s: string, o?: object) => number};
			const {default: top} = (await import('string-width')) as {default: (s: string, o?: object) => number};
			// An older copy (7.x) counts a few text-style symbols that can be emoji (▶ U+25B6, ◀, ↔...)
			// as two cells where 8.3 and terminals draw one: there the fast path must give 8.3's
			// answer, the width Ink lays the line out with; everywhere else the copy's own.
			const agrees = (text: string, options: object | undefined, what: string) => {
				const width = fast(text, options);
				const ok = width === own(text, options) || (own(text, options) !== top(text, options) && width === top(text, options));
				assert.ok(ok, `${what}${JSON.stringify(text)}: ${width}, the copy says ${own(text, options)}, 8.3 ${top(text, options)}`);
			};
			const samples = [
				'',
				'Family assessments completed in timescale',
				'▶  3 Family assessments comp…       92%       85% ●G  ↑+       90% H+P ▅▃▇▅▄▃▁▇█',
				'\u001B[1m\u001B[33m●A\u001B[39m\u001B[22m  \u001B[32m↓+\u001B[39m',
				'┌───────┬───┐│ EAST │├┼┤╭╮╰╯',
				'· – — ‘ ’ “ ” • … −',
				'日本語 table',
				'emoji 👍 and ✅',
				'◽◾ wide squares',
				'e\u0301 combining',
				'tab\there',
				'\u001B]0;title\u0007 osc',
				'soft\u00ADhyphen',
				'£ € ±',
			];
			for (const sample of samples) {
				agrees(sample, undefined, '');
				agrees(sample, {ambiguousIsNarrow: false}, 'wide ambiguous: ');
				agrees(sample, {countAnsiEscapeCodes: true}, 'counting codes: ');
			}
			for (let code = 0x20; code < 0x2600; code++) {
				const char = String.fromCharCode(code);
				agrees(char, undefined, `U+${code.toString(16)} `);
			}
		});
	}
});

describe('Ink incremental renderer', () => {
	it('moves up to the frame it drew, and steps over unchanged lines in one move', async () => {
		const {default: logUpdate} = (await patched('ink/build/log-update.js', patchInkLogUpdate, 'log-update.mjs')) as {
			default: {create: (stream: {write: (s: string) => void}, options: {incremental: boolean}) => (s: string) => void};
		};
		const written: string[] = [];
		const log = logUpdate.create({write: text => written.push(text)}, {incremental: true});
		// Ink hands frames below full height with a trailing newline: the cursor sits under the frame.
		log('one\ntwo\nthree\nfour\nfive\n');
		written.length = 0;
		log('one\nTWO\nthree\nfour\nfive\n');
		const update = written.join('');
		assert.match(update, /^\u001B\[5A/, 'up five lines: to the top of the five-line frame');
		assert.match(update, /TWO/);
		assert.match(update, /\u001B\[3E/, 'the three unchanged lines below in one move');
		assert.doesNotMatch(update, /one|three/, 'unchanged lines are not written');
	});

	it('erases after a changed line only when the line is narrower than the terminal (a full-width line keeps its last cell in xterm)', async () => {
		const {default: logUpdate} = (await patched('ink/build/log-update.js', patchInkLogUpdate, 'log-update-width.mjs')) as {
			default: {create: (stream: {write: (s: string) => void; columns?: number}, options: {incremental: boolean}) => (s: string) => void};
		};
		const written: string[] = [];
		const log = logUpdate.create({write: text => written.push(text), columns: 10}, {incremental: true});
		log('aaaaaaaaaa\nshort\n▁▂▃▄▅▆▇█●A\n');
		written.length = 0;
		// Row 1 fills the 10 columns, row 2 does not, row 3 fills them with the console's symbols (styled).
		log('bbbbbbbbbb\nlonger\n▁▂▃▄▅▆▇█\u001B[33m●A\u001B[39m\n');
		const update = written.join('');
		assert.match(update, /bbbbbbbbbb\n/, 'the full-width line is followed by its newline, no erase');
		assert.doesNotMatch(update, /bbbbbbbbbb\u001B\[K/);
		assert.doesNotMatch(update, /●A\u001B\[39m\u001B\[K/, 'a styled full-width line: no erase either');
		assert.match(update, /longer\u001B\[K\n/, 'a shorter line still erases what the old one left');
		// Without a width (a stream that is not a terminal) every line erases, as Ink does.
		const plainWritten: string[] = [];
		const plainLog = logUpdate.create({write: text => plainWritten.push(text)}, {incremental: true});
		plainLog('one\n');
		plainLog('two\n');
		assert.match(plainWritten.join(''), /two\u001B\[K/);
	});
});

// Lines as Ink's output hands them to the tokenizer: the grid's (styled, narrow symbols) and
// anything else (wide, emoji, combining, links, CR LF), which must still go through the segmenter.
const LINES = [
	'',
	'plain ascii line',
	'\u001B[7m▶  2 Re-referrals within 12 …       22%       24% \u001B[0m\u001B[7;38;5;77m●G\u001B[0m\u001B[7m  \u001B[0m',
	'   5 Children with a child p… 34.0 /10k      none ○   ↑  33.2 /10k ~   ▁▁▁▁▁▁▁▁▁',
	'\u001B[1;3;31mbold\u001B[22;23;39m · – — ‘ ’ “ ” • … − ┌─┬─┐ ╳ ◽',
	'東部チーム wide',
	'emoji 👍 and ✅ and 👩‍👩‍👧',
	'e\u0301 combining ▶\uFE0F selector',
	'\u001B]8;;https://example.org\u0007link\u001B]8;;\u0007 osc',
	'crlf\r\nhere',
	'lone \u001B escape and \u001B[ broken',
];

describe('the tokenizer Ink draws lines with', () => {
	it('splits every line exactly as the unpatched tokenizer does, narrow lines without a segmenter', async () => {
		const {tokenize: fast} = (await patched('@alcalzone/ansi-tokenize/build/tokenize.js', patchTokenize, 'tokenize.mjs')) as {tokenize: (s: string, end?: number) => unknown[]};
		const {tokenize: own} = (await patched('@alcalzone/ansi-tokenize/build/tokenize.js', source => source, 'tokenize-original.mjs')) as {tokenize: (s: string, end?: number) => unknown[]};
		for (const line of LINES) {
			assert.deepEqual(fast(line), own(line), JSON.stringify(line));
			assert.deepEqual(fast(line, 10), own(line, 10), `${JSON.stringify(line)} to 10 cells`);
		}
		for (let code = 0x20; code < 0x2600; code++) {
			const line = `a${String.fromCharCode(code)}b\u001B[33m${String.fromCharCode(code)}\u001B[39m`;
			assert.deepEqual(fast(line), own(line), `U+${code.toString(16)}`);
		}
	});

	it('styled characters sharing their styles join back into the same text as before', async () => {
		type Chars = {styledCharsFromTokens: (t: unknown[]) => Array<{styles: unknown[]}>; styledCharsToString: (c: unknown[]) => string};
		const {tokenize} = (await import('@alcalzone/ansi-tokenize')) as {tokenize: (s: string) => unknown[]};
		const fast = (await patched('@alcalzone/ansi-tokenize/build/styledChars.js', patchStyledChars, 'styledChars.mjs')) as Chars;
		const own = (await patched('@alcalzone/ansi-tokenize/build/styledChars.js', source => source, 'styledChars-original.mjs')) as Chars;
		const lines = [...LINES, '\u001B[1m\u001B[2mbold dim\u001B[22m plain \u001B[38;5;214m\u001B[48;5;17mcolour\u001B[39m\u001B[49m', '\u001B[31mred\u001B[31mred again\u001B[0m'];
		for (const line of lines) {
			const chars = fast.styledCharsFromTokens(tokenize(line));
			assert.deepEqual(chars, own.styledCharsFromTokens(tokenize(line)), JSON.stringify(line));
			assert.equal(fast.styledCharsToString(chars), own.styledCharsToString(chars), JSON.stringify(line));
			// Characters mixed from two lines (as Ink's grid mixes them) join as before too.
			const mixed = [...chars.slice(0, 4), ...own.styledCharsFromTokens(tokenize(lines[2]!)).slice(3, 12), ...chars.slice(4)];
			assert.equal(fast.styledCharsToString(mixed), own.styledCharsToString(mixed), `mixed ${JSON.stringify(line)}`);
		}
	});

	it('Ink\'s output grid starts from one shared blank cell and draws the same frame', async () => {
		type OutputClass = new (o: {width: number; height: number}) => {write: (x: number, y: number, text: string, o: {transformers: unknown[]}) => void; get: () => {output: string; height: number}};
		const {default: Fast} = (await patched('ink/build/output.js', patchInkOutput, 'output.mjs')) as {default: OutputClass};
		const {default: Own} = (await patched('ink/build/output.js', source => source, 'output-original.mjs')) as {default: OutputClass};
		const draw = (Output: OutputClass) => {
			const output = new Output({width: 30, height: 6});
			for (const [index, line] of LINES.slice(0, 6).entries()) output.write(index, index, line, {transformers: []});
			output.write(2, 5, '\u001B[7m▶ selected\u001B[27m', {transformers: []});
			return output.get();
		};
		assert.deepEqual(draw(Fast), draw(Own));
	});

	it('Ink\'s sanitizer returns SGR-only text as it is and strips everything else as before', async () => {
		const {default: fast} = (await patched('ink/build/sanitize-ansi.js', patchSanitizeAnsi, 'sanitize-ansi.mjs')) as {default: (s: string) => string};
		const {default: own} = (await patched('ink/build/sanitize-ansi.js', source => source, 'sanitize-ansi-original.mjs')) as {default: (s: string) => string};
		const texts = [
			...LINES,
			'\u001B[2J\u001B[Hcleared \u001B[31mred\u001B[39m',
			'\u001B[1;3;38;5;214mstyled\u001B[0m then \u001B[5A up',
			'\u001B\u001B[31mdouble escape',
			'\u001B[31m\u001B',
			'\u001B[38:5:214mcolon form\u001B[m',
			'c1 \u009B31m csi \u001B[32mgreen',
			'\u001B[?25l hide \u001B[0m',
			'\u001B]0;title\u0007 \u001B[1mbold\u001B[22m',
		];
		for (const text of texts) assert.equal(fast(text), own(text), JSON.stringify(text));
		assert.equal(fast('\u001B[2Jx\u001B[31my'), 'x\u001B[31my', 'a screen clear is still stripped');
	});

	it('slice-ansi, with its segmenter made when first used, cuts as before', async () => {
		await patched('slice-ansi/tokenize-ansi.js', patchSliceAnsi, 'tokenize-ansi-lazy.mjs');
		const lazy = pathToFileURL(path.join(dir, 'tokenize-ansi-lazy.mjs')).href;
		const {default: fast} = (await patched('slice-ansi/index.js', source => source.replace("from './tokenize-ansi.js'", `from '${lazy}'`), 'slice-ansi.mjs')) as {default: (s: string, a: number, b?: number) => string};
		const {default: own} = (await import('slice-ansi')) as {default: (s: string, a: number, b?: number) => string};
		for (const line of LINES) for (const [start, end] of [[0, 5], [2, 9], [3, undefined]] as const) assert.equal(fast(line, start, end), own(line, start, end), `${JSON.stringify(line)} ${start}-${end}`);
	});

	it('a lazy constant refuses a module that uses it any other way', () => {
		const source = 'const segmenter = new Intl.Segmenter();\nexport const f = s => segmenter.segment(s);\n';
		assert.match(lazyConstant(source, 'x.js', 'segmenter', ['segment']), /scorecardLazy_segmenter \?\?= new Intl\.Segmenter\(\)/);
		assert.throws(() => lazyConstant(`${source}export {segmenter};\n`, 'x.js', 'segmenter', ['segment']), /segmenter changed/);
		assert.throws(() => lazyConstant('const other = 1;\n', 'x.js', 'segmenter', ['segment']), /segmenter changed/);
	});
});

describe('Yoga without fetch', () => {
	it('instantiates its WebAssembly from the base64 it holds, never calling fetch, and lays out as before', async () => {
		const {default: load} = (await patched('yoga-layout/dist/binaries/yoga-wasm-base64-esm.js', patchYoga, 'yoga-wasm.mjs')) as {default: () => Promise<Record<string, unknown>>};
		const wrapAssembly = pathToFileURL(path.join(ROOT, 'node_modules/yoga-layout/dist/src/wrapAssembly.js')).href;
		const {default: wrap} = (await import(wrapAssembly)) as {default: (lib: unknown) => {Node: {create: () => YogaNode}}};
		type YogaNode = {setWidth(n: number): void; setHeight(n: number): void; setFlexGrow(n: number): void; insertChild(c: YogaNode, i: number): void; calculateLayout(): void; getComputedWidth(): number; getComputedHeight(): number};
		const realFetch = globalThis.fetch;
		let fetched = 0;
		globalThis.fetch = ((...args: Parameters<typeof fetch>) => {
			fetched++;
			return realFetch(...args);
		}) as typeof fetch;
		try {
			const yoga = wrap(await load());
			const root = yoga.Node.create();
			root.setWidth(80);
			root.setHeight(24);
			const child = yoga.Node.create();
			child.setFlexGrow(1);
			root.insertChild(child, 0);
			root.calculateLayout();
			assert.equal(child.getComputedWidth(), 80);
			assert.equal(child.getComputedHeight(), 24);
		} finally {
			globalThis.fetch = realFetch;
		}
		assert.equal(fetched, 0, 'fetch was called');
	});
});
