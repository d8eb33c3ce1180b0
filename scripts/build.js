// Builds what users run: one esbuild bundle per entry, production React, sqlite3 left external
// (a native addon). Start-up is module loading, so bundling is most of the console's speed.
import fs from 'node:fs';
import {build} from 'esbuild';
import {lazyStringWidth, patchInkLogUpdate, patchInkOutput, patchSanitizeAnsi, patchSliceAnsi, patchStringWidth, patchStyledChars, patchTokenize, patchYoga} from './dependency-patches.js';

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

const patchInk = {
	name: 'patch-ink-incremental-renderer',
	setup(b) {
		b.onLoad({filter: /ink[\\/]build[\\/]log-update\.js$/}, async args => ({
			contents: patchInkLogUpdate(await fs.promises.readFile(args.path, 'utf8'), args.path),
			loader: 'js',
		}));
	},
};

const fastStringWidth = {
	name: 'fast-string-width',
	setup(b) {
		b.onLoad({filter: /[\\/]string-width[\\/]index\.js$/}, async args => ({
			contents: patchStringWidth(lazyStringWidth(await fs.promises.readFile(args.path, 'utf8'), args.path), args.path),
			loader: 'js',
		}));
	},
};

// Ink's line tokenizer walks narrow lines without a segmenter, a frame's characters share their
// styles and blank cells, styled text skips the sanitizer's walk; segmenters made when first used; Yoga's WebAssembly decoded without fetch().
const lazyText = {
	name: 'lazy-text',
	setup(b) {
		b.onLoad({filter: /[\\/]@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]tokenize\.js$/}, async args => ({
			contents: patchTokenize(await fs.promises.readFile(args.path, 'utf8'), args.path),
			loader: 'js',
		}));
		b.onLoad({filter: /[\\/]@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]styledChars\.js$/}, async args => ({
			contents: patchStyledChars(await fs.promises.readFile(args.path, 'utf8'), args.path),
			loader: 'js',
		}));
		b.onLoad({filter: /ink[\\/]build[\\/]sanitize-ansi\.js$/}, async args => ({
			contents: patchSanitizeAnsi(await fs.promises.readFile(args.path, 'utf8'), args.path),
			loader: 'js',
		}));
		b.onLoad({filter: /ink[\\/]build[\\/]output\.js$/}, async args => ({
			contents: patchInkOutput(await fs.promises.readFile(args.path, 'utf8'), args.path),
			loader: 'js',
		}));
		b.onLoad({filter: /[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/}, async args => ({
			contents: patchYoga(await fs.promises.readFile(args.path, 'utf8'), args.path),
			loader: 'js',
		}));
		b.onLoad({filter: /[\\/]slice-ansi[\\/]tokenize-ansi\.js$/}, async args => ({
			contents: patchSliceAnsi(await fs.promises.readFile(args.path, 'utf8'), args.path),
			loader: 'js',
		}));
	},
};

// Chunk names carry a hash: an earlier build's chunks would stay beside the new ones.
fs.rmSync('dist/chunks', {recursive: true, force: true});

const options = {
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
	// Code only some runs need (the console's Ink views for --json, the workbook reader for a CSV
	// load) goes in chunks of its own, loaded by dynamic import when used: start-up is module parsing.
	splitting: true,
	chunkNames: 'chunks/[name]-[hash]',
	plugins: [noDevtools, patchInk, fastStringWidth, lazyText],
	banner: {js: banner},
	logLevel: 'warning',
};
// Each command built on its own: code the two share is in each (they never run in one process),
// so --json loads one file and a chunk or two, not a chunk for every way the commands overlap.
await build({...options, entryPoints: {cli: 'source/cli.tsx'}});
await build({...options, entryPoints: {load: 'scripts/load.ts'}});

fs.chmodSync('dist/cli.js', 0o755);
fs.chmodSync('dist/load.js', 0o755);
