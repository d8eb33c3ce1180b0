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

// Ink 6.8's incremental renderer moves up one line too few when the frame ends with a newline
// (always, below full height), so every update lands one row lower and scrolls. Fixed here, in
// the bundle users run; the build fails if Ink changes and the fix no longer applies.
const INK_CURSOR_BUG = 'buffer.push(ansiEscapes.cursorUp(previousVisible - 1));';
const INK_CURSOR_FIX = "buffer.push(ansiEscapes.cursorUp(previousVisible - (previousOutput.endsWith('\\n') ? 0 : 1)));";
const fixInkCursor = {
	name: 'fix-ink-incremental-cursor',
	setup(b) {
		b.onLoad({filter: /ink[\\/]build[\\/]log-update\.js$/}, async args => {
			const source = await fs.promises.readFile(args.path, 'utf8');
			if (!source.includes(INK_CURSOR_BUG)) throw new Error(`${args.path}: Ink changed; check the incremental cursor fix in scripts/build.js`);
			return {contents: source.replace(INK_CURSOR_BUG, INK_CURSOR_FIX), loader: 'js'};
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
	plugins: [noDevtools, fixInkCursor],
	banner: {js: banner},
	logLevel: 'warning',
});

fs.chmodSync('dist/cli.js', 0o755);
fs.chmodSync('dist/load.js', 0o755);
