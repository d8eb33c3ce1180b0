// Changes to dependencies made in the bundle users run (scripts/build.js); each throws if the
// dependency changed under it, so the build fails rather than shipping without it.

// Two changes to Ink 6.8's incremental renderer, made in the bundle users run; the build fails
// if Ink changes and a change no longer applies.
// 1. It moves up one line too few when the frame ends with a newline (always, below full
//    height), so every update lands one row lower and scrolls. Upstream: fixed in Ink 7.0.0
//    (vadimdemedes/ink#910), which needs Node 22; drop this when the project moves to Node 22.
export const INK_CURSOR_FIX = [
	'buffer.push(ansiEscapes.cursorUp(previousVisible - 1));',
	"buffer.push(ansiEscapes.cursorUp(previousVisible - (previousOutput.endsWith('\\n') ? 0 : 1)));",
];
// 2. It steps over each unchanged line with its own ESC[E; one ESC[nE does the same in a few
//    bytes, which is most of what an arrow key costs over a slow link. Upstream: not changed
//    (Ink 7.1.1 still writes one cursorNextLine per unchanged line).
export const INK_LINE_STEPS = [
	"stream.write(buffer.join(''));",
	"stream.write(buffer.join('').replace(/(?:\\u001B\\[E){2,}/g, run => '\\u001B[' + run.length / 3 + 'E'));",
];
// 3. It writes each changed line, then ESC[K to erase what a longer old line left. After a line
//    as wide as the terminal the cursor sits on the last cell with a wrap pending, and xterm, VTE,
//    the Linux console and alacritty then erase that last cell (tmux does not, so tmux alone never
//    shows it): the grid's current month, a value's `%`. A full-width line has nothing beyond it to
//    erase, so it gets no ESC[K. Erasing first instead would flash each changed line (Ink wrote it
//    that way until vadimdemedes/ink#836). Upstream: not changed in Ink 7.1.1.
//    test/e2e-xterm.test.ts compares xterm's own screen with tmux's.
export const INK_WIDTH_IMPORT = ["import ansiEscapes from 'ansi-escapes';", "import ansiEscapes from 'ansi-escapes';\nimport scorecardWidth from 'string-width';"];
export const INK_FULL_WIDTH_ERASE = [
	'ansiEscapes.eraseEndLine +',
	"(stream.columns > 0 && scorecardWidth(nextLines[i]) >= stream.columns ? '' : ansiEscapes.eraseEndLine) +",
];
export const INK_PATCHES = [INK_CURSOR_FIX, INK_LINE_STEPS, INK_WIDTH_IMPORT, INK_FULL_WIDTH_ERASE];
/** Ink's log-update.js with the patches above (or some of them: the bench's floor takes only the cursor fix). */
export function patchInkLogUpdate(source, file = 'log-update.js', patches = INK_PATCHES) {
	let patched = source;
	for (const [from, to] of patches) {
		if (patched.split(from).length !== 2) throw new Error(`${file}: Ink changed; check the renderer patches in scripts/dependency-patches.js`);
		patched = patched.replace(from, to);
	}
	return patched;
}

// string-width works out each string's cells with a grapheme segmenter and Unicode-property regexes;
// Ink asks it about every character it draws. Strings of printable ASCII and the narrow symbols the
// console draws (arrows, box drawing, blocks, shapes, dots) are one cell a character, which a single
// regex test can say; anything else still goes the whole way. Two copies are patched: the
// top-level string-width 8.3 (Ink's) and wrap-ansi's nested 7.2, which has no fast path at all.
// Upstream: string-width 8.3 has its own path for plain ASCII only, not for styled text or these
// symbols (about 0.4 ms a row through its segmenter); 7.x has none.
// Does the ASCII half still pay against 8.3's own ASCII path? Measured with
// scripts/bench/string-width.mjs (ns a call, best of 5 rounds, 2 cores at load average 13-15,
// so +-30%): plain ASCII row, 8.3's own 290-430, here 220 (the same one-regex test: even, kept
// because the 7.2 copy has nothing of the kind: 300,000 there); styled ASCII (Ink's own output
// measured again), 8.3's own 1,100-2,800 (strip-ansi first), here 800-1,100; a row of the
// console's symbols 400,000-490,000 own, 300-800 here. Testing plain ASCII first with 8.3's cheap
// class before the symbol class halved plain ASCII (476 -> 222), so nothing was dropped.
export const NARROW_FAST_PATH = `
const scorecardAscii = /^[\\u0020-\\u007E]*$/;
const scorecardNarrow = /^[\\u0020-\\u007E\\u00B7\\u2013\\u2014\\u2018\\u2019\\u201C\\u201D\\u2022\\u2026\\u2190-\\u21FF\\u2212\\u2500-\\u25FC\\u25FF]*$/;
const scorecardSgr = /\\u001B\\[[0-9;]*m/g;
export default function stringWidth(string, options) {
	if (typeof string === 'string' && (options === undefined || (options.ambiguousIsNarrow !== false && !options.countAnsiEscapeCodes))) {
		// Colour and style codes take no cells; Ink measures styled text all the time.
		const text = string.includes('\\u001B') ? string.replace(scorecardSgr, '') : string;
		if (scorecardAscii.test(text) || scorecardNarrow.test(text)) return text.length;
	}
	return stringWidthSlow(string, options);
}
`;
/** string-width's index.js with the fast path in front of its own function. */
export function patchStringWidth(source, file = 'string-width/index.js') {
	const head = 'export default function stringWidth(';
	if (source.split(head).length !== 2) throw new Error(`${file}: string-width changed; check the fast path in scripts/dependency-patches.js`);
	return source.replace(head, 'function stringWidthSlow(') + NARROW_FAST_PATH;
}

// Segmenters and Unicode-set regexes made when first used, not when their module loads. Building
// the first Intl.Segmenter loads ICU's break-iterator data (about 8 ms) and `/^\p{RGI_Emoji}$/v`
// builds its set of strings (about 10 ms): at the console's start, before any text needs them
// (the fast paths here mean the grid's narrow text never does). `const NAME = EXPRESSION;` becomes
// an object with the methods the module calls, each making the real one on its first call; the
// build fails if the module uses NAME any other way. Upstream: string-width 8.3, slice-ansi 8 and
// @alcalzone/ansi-tokenize 0.2 all build theirs at load.
export function lazyConstant(source, file, name, methods) {
	const declaration = new RegExp(`const ${name} = ([^;\\n]+);\\n`);
	const found = declaration.exec(source);
	// Counted in the code, not the comments (string-width's mention "no segmenter").
	const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
	const uses = code.split(new RegExp(`\\b${name}\\b`)).length - 1;
	const methodUses = methods.reduce((sum, method) => sum + (code.split(`${name}.${method}(`).length - 1), 0);
	if (!found || uses !== methodUses + 1) throw new Error(`${file}: ${name} changed; check the lazy constants in scripts/dependency-patches.js`);
	const made = `scorecardLazy_${name}`;
	const wrapper = methods.map(method => `${method}: (...args) => (${made} ??= ${found[1]}).${method}(...args)`).join(', ');
	return source.replace(found[0], `let ${made};\nconst ${name} = {${wrapper}};\n`);
}

// The one character class both fast paths below trust to be one cell and one grapheme each:
// printable ASCII and the narrow symbols the console draws (none of them joins its neighbour).
const NARROW_CLASS = '\\u0020-\\u007E\\u00B7\\u2013\\u2014\\u2018\\u2019\\u201C\\u201D\\u2022\\u2026\\u2190-\\u21FF\\u2212\\u2500-\\u25FC\\u25FF';

// Ink's output splits every line it draws into styled characters through @alcalzone/ansi-tokenize,
// which walks the line with a grapheme segmenter: most of a frame's cost after layout. A line of
// only escape sequences and the narrow characters above is one grapheme a UTF-16 unit (ESC is a
// control, always its own grapheme), so it is walked unit by unit, the loop body unchanged.
// Anything else still goes through the segmenter. Upstream: not changed in 0.2.5.
export const TOKENIZE_LOOP = [
	'for (const { segment, index } of segmenter.segment(str)) {',
	'for (const { segment, index } of (scorecardNarrowLine.test(str) ? scorecardUnits(str) : segmenter.segment(str))) {',
];
const TOKENIZE_HELPERS = `
const scorecardNarrowLine = /^[\\u001B${NARROW_CLASS}]*$/;
function scorecardUnits(str) {
	const units = new Array(str.length);
	for (let index = 0; index < str.length; index++) units[index] = {segment: str[index], index};
	return units;
}
`;
/** ansi-tokenize's tokenize.js: its segmenter made lazily, and the unit-by-unit walk for narrow lines. */
export function patchTokenize(source, file = '@alcalzone/ansi-tokenize/build/tokenize.js') {
	const [from, to] = TOKENIZE_LOOP;
	if (source.split(from).length !== 2) throw new Error(`${file}: ansi-tokenize changed; check the tokenize fast path in scripts/dependency-patches.js`);
	return lazyConstant(source.replace(from, to), file, 'segmenter', ['segment']) + TOKENIZE_HELPERS;
}

/** string-width (either copy): its segmenter, and 8.3's RGI emoji set, made when first used. */
export function lazyStringWidth(source, file = 'string-width/index.js') {
	let patched = lazyConstant(source, file, 'segmenter', ['segment']);
	if (patched.includes('const rgiEmojiRegex = ')) patched = lazyConstant(patched, file, 'rgiEmojiRegex', ['test']);
	return patched;
}

/** slice-ansi's tokenize-ansi.js: its segmenter made when first used. */
export function patchSliceAnsi(source, file = 'slice-ansi/tokenize-ansi.js') {
	return lazyConstant(source, file, 'GRAPHEME_SEGMENTER', ['segment']);
}

// Yoga's WebAssembly is a base64 data: URL that its Emscripten loader reads with fetch() when
// fetch exists, and in Node that loads undici, Node's whole HTTP client (about 15 ms of the
// console's start), to decode 90 KB it already holds. Its own synchronous path (atob) is taken
// instead, as it is where fetch does not exist. Upstream: yoga-layout 3.2.1.
export const YOGA_NO_FETCH = ['function ya(){return w||"function"!=typeof fetch?', 'function ya(){return w||!0?'];
export function patchYoga(source, file = 'yoga-layout/dist/binaries/yoga-wasm-base64-esm.js') {
	const [from, to] = YOGA_NO_FETCH;
	if (source.split(from).length !== 2) throw new Error(`${file}: yoga-layout changed; check the wasm loading patch in scripts/dependency-patches.js`);
	return source.replace(from, to);
}

// Ink turns a frame into text by splitting each line into styled characters and joining them
// again (@alcalzone/ansi-tokenize's styledChars.js): each character got its own copy of the
// styles in force, and each pair of neighbours a style diff built from three Sets, though nearly
// every neighbour has the same styles as the one before: thousands of arrays and Sets a full
// frame, most of its garbage. Characters between two style changes now share one copy (nothing
// writes to it), and neighbours with the same codes switch nothing, which is what the diff says
// for them. Upstream: not changed in 0.2.5.
export const STYLED_CHARS_SHARE = [
	`        else if (token.type === "char") {
            ret.push({
                ...token,
                styles: [...codes],
            });`,
	`        else if (token.type === "char") {
            ret.push({
                ...token,
                styles: (scorecardShared ??= [...codes]),
            });`,
];
export const STYLED_CHARS_CODES = ['            codes = reduceAnsiCodesIncremental(codes, [token]);', '            codes = reduceAnsiCodesIncremental(codes, [token]);\n            scorecardShared = undefined;'];
export const STYLED_CHARS_START = ['    let codes = [];\n    const ret = [];', '    let codes = [];\n    let scorecardShared;\n    const ret = [];'];
export const STYLED_CHARS_SAME = [
	'        else {\n            ret += ansiCodesToString(diffAnsiCodes(chars[i - 1].styles, char.styles));',
	'        else if (!scorecardSameCodes(chars[i - 1].styles, char.styles)) {\n            ret += ansiCodesToString(diffAnsiCodes(chars[i - 1].styles, char.styles));',
];
const STYLED_CHARS_HELPER = `
function scorecardSameCodes(from, to) {
	if (from === to) return true;
	if (from.length !== to.length) return false;
	for (let i = 0; i < from.length; i++) if (from[i].code !== to[i].code || from[i].endCode !== to[i].endCode) return false;
	return true;
}
`;
export function patchStyledChars(source, file = '@alcalzone/ansi-tokenize/build/styledChars.js') {
	let patched = source;
	for (const [from, to] of [STYLED_CHARS_START, STYLED_CHARS_CODES, STYLED_CHARS_SHARE, STYLED_CHARS_SAME]) {
		if (patched.split(from).length !== 2) throw new Error(`${file}: ansi-tokenize changed; check the styled characters patch in scripts/dependency-patches.js`);
		patched = patched.replace(from, to);
	}
	return patched + STYLED_CHARS_HELPER;
}

// Ink's Output starts each frame as a grid of blank cells, a new object (and styles array) for
// every cell of the terminal; cells are only ever replaced, never changed, so one blank serves.
export const OUTPUT_BLANK = [
	`                row.push({
                    type: 'char',
                    value: ' ',
                    fullWidth: false,
                    styles: [],
                });`,
	'                row.push(scorecardBlank);',
];
export function patchInkOutput(source, file = 'ink/build/output.js') {
	const [from, to] = OUTPUT_BLANK;
	if (source.split(from).length !== 2) throw new Error(`${file}: Ink changed; check the output patch in scripts/dependency-patches.js`);
	return `${source.replace(from, to)}\nconst scorecardBlank = Object.freeze({type: 'char', value: ' ', fullWidth: false, styles: Object.freeze([])});\n`;
}

// Ink 6.8 sanitizes every text node's text (and again each parent's, for nested Text) by walking
// it character by character through its ANSI tokenizer whenever it holds an escape: all styled
// text does. Text whose only escapes are SGR sequences (colour and style, ESC [ digits ; m) comes
// back unchanged from that walk, so it is returned as it is; anything else still takes the walk.
// Upstream: not changed in Ink 7.1.1.
export const SANITIZE_SGR_ONLY = [
	'    if (!hasAnsiControlCharacters(text)) {\n        return text;\n    }',
	"    if (!hasAnsiControlCharacters(text) || !hasAnsiControlCharacters(text.replace(/\\u001B\\[[0-9;]*m/g, ''))) {\n        return text;\n    }",
];
export function patchSanitizeAnsi(source, file = 'ink/build/sanitize-ansi.js') {
	const [from, to] = SANITIZE_SGR_ONLY;
	if (source.split(from).length !== 2) throw new Error(`${file}: Ink changed; check the sanitizer patch in scripts/dependency-patches.js`);
	return source.replace(from, to);
}
