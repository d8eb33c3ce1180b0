// Builds what users run: one esbuild bundle per entry, production React, sqlite3 left external
// (a native addon). Start-up is module loading, so bundling is most of the console's speed.
import fs from 'node:fs';
import {build} from 'esbuild';

const banner = [
	'#!/usr/bin/env node',
	// Bundled CommonJS dependencies call require(); give the ESM bundle one.
	"import {createRequire as __scorecardRequire} from 'node:module';",
	'const require = __scorecardRequire(import.meta.url);',
].join('\n');

// Ink loads its React devtools bridge (and with it a WebSocket library) only when DEV=true; the
// console never needs it, so the bundle carries an empty module instead: less to load at start.
const noDevtools = {
	name: 'no-devtools',
	setup(b) {
		b.onResolve({filter: /^react-devtools-core$|^\.\/devtools\.js$/}, args =>
			args.path === 'react-devtools-core' || /[\\/]ink[\\/]build$/.test(args.resolveDir) ? {path: args.path, namespace: 'stub'} : undefined,
		);
		b.onLoad({filter: /.*/, namespace: 'stub'}, () => ({contents: 'export default {connectToDevTools() {}};', loader: 'js'}));
	},
};

// Two changes to Ink 6.8's incremental renderer, made in the bundle users run; the build fails
// if Ink changes and a change no longer applies.
// 1. It moves up one line too few when the frame ends with a newline (always, below full
//    height), so every update lands one row lower and scrolls.
// 2. It steps over each unchanged line with its own ESC[E; one ESC[nE does the same in a few
//    bytes, which is most of what an arrow key costs over a slow link.
const INK_PATCHES = [
	[
		'buffer.push(ansiEscapes.cursorUp(previousVisible - 1));',
		"buffer.push(ansiEscapes.cursorUp(previousVisible - (previousOutput.endsWith('\\n') ? 0 : 1)));",
	],
	[
		"stream.write(buffer.join(''));",
		"stream.write(buffer.join('').replace(/(?:\\u001B\\[E){2,}/g, run => '\\u001B[' + run.length / 3 + 'E'));",
	],
];
const patchInk = {
	name: 'patch-ink-incremental-renderer',
	setup(b) {
		b.onLoad({filter: /ink[\\/]build[\\/]log-update\.js$/}, async args => {
			let source = await fs.promises.readFile(args.path, 'utf8');
			for (const [from, to] of INK_PATCHES) {
				if (source.split(from).length !== 2) throw new Error(`${args.path}: Ink changed; check the renderer patches in scripts/build.js`);
				source = source.replace(from, to);
			}
			return {contents: source, loader: 'js'};
		});
	},
};

// string-width works out each string's cells with a grapheme segmenter and Unicode-property regexes;
// Ink asks it about every character it draws. Strings of printable ASCII and the narrow symbols the
// console draws (arrows, box drawing, blocks, shapes, dots) are one cell a character, which a single
// regex test can say; anything else still goes the whole way.
const NARROW_FAST_PATH = `
const scorecardNarrow = /^[\\u0020-\\u007E\\u00B7\\u2013\\u2014\\u2018\\u2019\\u201C\\u201D\\u2022\\u2026\\u2190-\\u21FF\\u2212\\u2500-\\u25FC\\u25FF]*$/;
const scorecardSgr = /\\u001B\\[[0-9;]*m/g;
export default function stringWidth(string, options) {
	if (typeof string === 'string' && (options === undefined || (options.ambiguousIsNarrow !== false && !options.countAnsiEscapeCodes))) {
		// Colour and style codes take no cells; Ink measures styled text all the time.
		const text = string.includes('\\u001B') ? string.replace(scorecardSgr, '') : string;
		if (scorecardNarrow.test(text)) return text.length;
	}
	return stringWidthSlow(string, options);
}
`;
const fastStringWidth = {
	name: 'fast-string-width',
	setup(b) {
		b.onLoad({filter: /[\\/]string-width[\\/]index\.js$/}, async args => {
			const source = await fs.promises.readFile(args.path, 'utf8');
			const head = 'export default function stringWidth(';
			if (source.split(head).length !== 2) throw new Error(`${args.path}: string-width changed; check the fast path in scripts/build.js`);
			return {contents: source.replace(head, 'function stringWidthSlow(') + NARROW_FAST_PATH, loader: 'js'};
		});
	},
};

await build({
	entryPoints: {cli: 'source/cli.tsx', load: 'scripts/load.ts'},
	outdir: 'dist',
	bundle: true,
	platform: 'node',
	target: 'node20',
	format: 'esm',
	jsx: 'automatic',
	minify: true,
	legalComments: 'none',
	define: {'process.env.NODE_ENV': '"production"'},
	external: ['sqlite3'],
	plugins: [noDevtools, patchInk, fastStringWidth],
	banner: {js: banner},
	logLevel: 'warning',
});

fs.chmodSync('dist/cli.js', 0o755);
fs.chmodSync('dist/load.js', 0o755);
