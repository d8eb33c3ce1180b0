// Does each half of the string-width fast path (scripts/dependency-patches.js) pay against the
// installed copies' own code? `node scripts/bench/string-width.mjs`: ns per call, best of 5 rounds.
import fs from 'node:fs';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {NARROW_FAST_PATH, patchStringWidth} from '../dependency-patches.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
// Inside node_modules, so the copies' own imports (strip-ansi...) resolve as in the build.
const dir = fs.mkdtempSync(path.join(ROOT, 'node_modules', '.scorecard-sw-bench-'));
process.on('exit', () => fs.rmSync(dir, {recursive: true, force: true}));

async function load(file, name, transform) {
	const source = fs.readFileSync(path.join(ROOT, 'node_modules', file), 'utf8');
	const origin = pathToFileURL(path.dirname(path.join(ROOT, 'node_modules', file))).href;
	const target = path.join(dir, name);
	fs.writeFileSync(target, transform(source).replace(/from '\.\//g, `from '${origin}/`));
	return (await import(pathToFileURL(target).href)).default;
}

const test = 'if (scorecardAscii.test(text) || scorecardNarrow.test(text)) return text.length;';
if (!NARROW_FAST_PATH.includes(test)) throw new Error('the fast path changed: update this benchmark');
const symbolsOnly = source => patchStringWidth(source).replace(test, 'if (scorecardNarrow.test(text)) return text.length;');
const variants = {};
for (const [file, tag] of [['string-width/index.js', '8.3'], ['wrap-ansi/node_modules/string-width/index.js', '7.2']]) {
	variants[`${tag} own`] = await load(file, `own-${tag}.mjs`, source => source);
	variants[`${tag} fast path`] = await load(file, `fast-${tag}.mjs`, patchStringWidth);
	variants[`${tag} one class, no ASCII test`] = await load(file, `class-${tag}.mjs`, symbolsOnly);
}
const inputs = {
	'plain ASCII row': '   2 Re-referrals within 12 ...       22%       24% *G  v+       24% ~ ? ######',
	'short ASCII piece': '  92%',
	'styled ASCII': '\u001B[1m\u001B[36mEnter\u001B[39m\u001B[22m\u001B[2m open  \u001B[22m',
	'narrow symbols row': '▶  1 Unallocated cases open …         1         0 ●A  ↓+         3 L+F █▆▃▆▅█▁▅▁',
};
const N = 50_000;
const best = {};
for (let round = 0; round < 5; round++) {
	for (const [input, text] of Object.entries(inputs)) {
		for (const [variant, width] of Object.entries(variants)) {
			const started = process.hrtime.bigint();
			for (let i = 0; i < N; i++) width(text);
			const key = `${input.padEnd(20)} ${variant.padEnd(28)}`;
			best[key] = Math.min(best[key] ?? Infinity, Number(process.hrtime.bigint() - started) / N);
		}
	}
}
for (const [key, ns] of Object.entries(best)) console.log(`${key} ${ns.toFixed(0).padStart(8)} ns`);
