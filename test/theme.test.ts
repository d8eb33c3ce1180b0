// The room's themes: every colour readable on its background (RAG above all, amber on white
// included), no faint text, 16 colours meaning the 16 ANSI colours, and ASCII marks with one
// meaning each. Colours are measured as the terminal draws the codes the theme emits.
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {PALETTES, TOKENS, colourIndex, makeTheme, styleSgr, type Background, type Depth, type Glyphs, type Style} from '../source/theme.js';
import {asciiNotice, backgroundFromEnv, backgroundFromOsc11, contrastRatio, detectTerminal} from '../source/terminal-detect.js';
import {XTERM_16, cubeColour, hex, type Rgb} from './helpers/colours.js';

// The 16 colours of three terminals, and whether each draws bold text in the bright colour.
const TERMINALS: Record<string, {colours: string[]; boldIsBright: boolean; backgrounds: Background[]}> = {
	xterm: {
		colours: XTERM_16,
		boldIsBright: true,
		backgrounds: ['dark', 'light'],
	},
	'VTE (GNOME Terminal, Tango)': {
		colours: ['#2e3436', '#cc0000', '#4e9a06', '#c4a000', '#3465a4', '#75507b', '#06989a', '#d3d7cf', '#555753', '#ef2929', '#8ae234', '#fce94f', '#729fcf', '#ad7fa8', '#34e2e2', '#eeeeec'],
		boldIsBright: false,
		backgrounds: ['dark', 'light'],
	},
	'Linux console': {
		colours: ['#000000', '#aa0000', '#00aa00', '#aa5500', '#0000aa', '#aa00aa', '#00aaaa', '#aaaaaa', '#555555', '#ff5555', '#55ff55', '#ffff55', '#5555ff', '#ff55ff', '#55ffff', '#ffffff'],
		boldIsBright: true,
		backgrounds: ['dark'],
	},
};

const PAGE: Record<Background, Rgb> = {dark: [0, 0, 0], light: [255, 255, 255]};

/** Every way a terminal may draw a style: its foreground against what it is drawn on. */
function drawn(style: Style, background: Background, colours: string[], boldIsBright: boolean): Array<{fg: Rgb; bg: Rgb}> {
	const resolve = (index: number | null, fallback: Rgb, bold: boolean): Rgb[] => {
		if (index === null) return [fallback];
		if (index >= 16) return [cubeColour(index)];
		const plain = hex(colours[index]!);
		return bold && boldIsBright && index < 8 ? [plain, hex(colours[index + 8]!)] : [plain];
	};
	const page = PAGE[background];
	const text: Rgb = background === 'dark' ? [255, 255, 255] : [0, 0, 0];
	const bgs = resolve(colourIndex(style.backgroundColor), page, false);
	const fgs = resolve(colourIndex(style.color), text, style.bold === true);
	return fgs.flatMap(fg => bgs.map(bg => ({fg, bg})));
}

describe('colours the room can read', () => {
	for (const [terminal, {colours, boldIsBright, backgrounds}] of Object.entries(TERMINALS)) {
		for (const background of backgrounds) {
			for (const depth of [16, 256] as Depth[]) {
				it(`${background} theme, ${depth} colours, in ${terminal}: every coloured token at least 3:1 on what it is drawn on`, () => {
					const palette = PALETTES[background][depth];
					for (const token of TOKENS) {
						for (const {fg, bg} of drawn(palette[token], background, colours, boldIsBright)) {
							const ratio = contrastRatio(fg, bg);
							assert.ok(ratio >= 3, `${token} ${JSON.stringify(palette[token])}: ${ratio.toFixed(2)}:1 (${fg} on ${bg})`);
						}
					}
				});
			}
		}
	}

	it('amber on white is not yellow: the light themes emit a dark amber or a badge, 4.5:1 or better in xterm', () => {
		for (const depth of [16, 256] as Depth[]) {
			const theme = makeTheme({color: true, ascii: false, background: 'light', depth});
			const style = theme.style('rag.amber');
			for (const {fg, bg} of drawn(style, 'light', TERMINALS['xterm']!.colours, true)) assert.ok(contrastRatio(fg, bg) >= 4.5, `${depth}: ${JSON.stringify(style)}`);
			assert.notEqual(style.color, 'yellow');
		}
	});

	it('no token is faint (dim): projectors wash it out', () => {
		for (const background of ['dark', 'light'] as Background[]) {
			for (const depth of [16, 256] as Depth[]) {
				for (const token of TOKENS) assert.notEqual(PALETTES[background][depth][token].dimColor, true, `${background} ${depth} ${token}`);
			}
		}
	});

	it('16 colours means the 16 ANSI colours: every code the 16-colour themes emit is 30-37, 40-47, 90-97 or 100-107', () => {
		for (const background of ['dark', 'light'] as Background[]) {
			const theme = makeTheme({color: true, ascii: false, background, depth: 16});
			for (const token of TOKENS) {
				const sgr = theme.sgr(token);
				const codes = sgr === '' ? [] : sgr.slice(2, -1).split(';').map(Number);
				assert.ok(!sgr.includes('38;') && !sgr.includes('48;'), `${background} ${token}: ${JSON.stringify(sgr)}`);
				for (const code of codes) assert.ok([1, 4, 7].includes(code) || (code >= 30 && code <= 47) || (code >= 90 && code <= 107), `${token}: ${code}`);
			}
			const deep = makeTheme({color: true, ascii: false, background, depth: 256});
			assert.match(deep.sgr('rag.amber'), /38;5;\d+/, 'the 256-colour theme uses the cube');
		}
	});

	it('monochrome: no colour at all, bold and reverse video kept', () => {
		const theme = makeTheme({color: false, ascii: false, background: 'light', depth: 16});
		for (const token of TOKENS) {
			assert.equal(theme.style(token).color, undefined);
			assert.equal(theme.style(token).backgroundColor, undefined);
		}
		assert.equal(theme.style('selection').inverse, true);
		assert.equal(styleSgr(theme.style('rag.red')), '\u001B[1m');
	});
});

describe('choosing colours and characters from the terminal', () => {
	const env = (extra: Record<string, string>) => ({LANG: 'C.UTF-8', ...extra});
	it('TERM=screen and TERM=linux mean 16 colours, even with COLORTERM=truecolor from a profile; xterm-256color means 256', () => {
		assert.equal(detectTerminal({}, env({TERM: 'screen', COLORTERM: 'truecolor'})).level, 1);
		assert.equal(detectTerminal({}, env({TERM: 'linux'})).level, 1);
		assert.equal(detectTerminal({}, env({TERM: 'xterm-256color'})).level, 2);
		assert.equal(detectTerminal({}, env({TERM: 'screen-256color'})).level, 2);
		assert.equal(detectTerminal({color: '256'}, env({TERM: 'linux'})).level, 2, 'the flag wins');
		assert.equal(detectTerminal({color: '16'}, env({TERM: 'xterm-256color', COLORTERM: 'truecolor'})).level, 1);
	});

	it('a non-UTF-8 locale chooses ASCII and says why, once; --ascii says nothing', () => {
		const latin = detectTerminal({}, {LANG: 'en_GB.ISO-8859-1', TERM: 'xterm'});
		assert.equal(latin.ascii, true);
		assert.match(asciiNotice(latin) ?? '', /^ASCII: locale en_GB\.ISO-8859-1 is not UTF-8/);
		assert.ok((asciiNotice(latin) ?? '').length <= 80, 'one line at 80 columns');
		assert.equal(asciiNotice(detectTerminal({ascii: true}, env({}))), null);
		assert.equal(asciiNotice(detectTerminal({}, env({}))), null);
		const none = detectTerminal({}, {TERM: 'xterm'});
		assert.match(asciiNotice(none) ?? '', /locale none set/);
	});

	it('COLORFGBG: a light background is 7 or 9-15, "default" says nothing', () => {
		assert.equal(backgroundFromEnv({COLORFGBG: '0;15'}), 'light');
		assert.equal(backgroundFromEnv({COLORFGBG: '0;default;7'}), 'light');
		assert.equal(backgroundFromEnv({COLORFGBG: '15;0'}), 'dark');
		assert.equal(backgroundFromEnv({COLORFGBG: '7;8'}), 'dark');
		assert.equal(backgroundFromEnv({COLORFGBG: 'default;default'}), null);
		assert.equal(backgroundFromEnv({}), null);
	});

	it("OSC 11 replies: xterm's, with BEL or ST, 2 or 4 hex digits; junk is no answer", () => {
		assert.equal(backgroundFromOsc11('\u001B]11;rgb:ffff/ffff/ffff\u0007'), 'light');
		assert.equal(backgroundFromOsc11('\u001B]11;rgb:0000/0000/0000\u001B\\'), 'dark');
		assert.equal(backgroundFromOsc11('\u001B]11;rgb:fd/f6/e3\u0007'), 'light', 'Solarized light');
		assert.equal(backgroundFromOsc11('\u001B]11;rgb:2e2e/3434/3636\u0007'), 'dark');
		assert.equal(backgroundFromOsc11('\u001B[?62;c'), null);
	});
});

/** Each character a set of glyphs draws as a mark, and the marks that use it. */
function meanings(glyphs: Glyphs): Map<string, Set<string>> {
	const marks: Array<[string, string]> = [
		// A sparkline's levels and a histogram's bar both draw an amount: one meaning.
		...glyphs.spark.map(level => ['amount', level] as [string, string]),
		...Object.entries(glyphs.rag).map(([rag, text]) => [`rag.${rag}`, text] as [string, string]),
		['missing', glyphs.missing],
		['a month\'s figure in the chart', glyphs.point],
		['revised while shown', glyphs.revised],
		['up', glyphs.up],
		['down', glyphs.down],
		// `=` flat in ASCII, and the SPC column's zero-width limits: both "no change" (every month the same).
		['no change', glyphs.flat],
		['no change', '='],
		['too few months for SPC', '<'],
		['better', glyphs.good],
		['worse', glyphs.bad],
		['selected', glyphs.selected],
		['cut', glyphs.ellipsis],
		['bullet', glyphs.bullet],
		['amount', glyphs.bar],
		['amount', glyphs.barHalf],
		['separator', glyphs.dot],
		['SPC does not apply', glyphs.noSpc],
		['rule', glyphs.rule],
		['stale', glyphs.stale],
		// The SPC column's own letters and marks.
		['common cause', '~'],
		['concern', '!'],
		['hit and miss', '?'],
	];
	const found = new Map<string, Set<string>>();
	for (const [meaning, text] of marks) {
		// Letters are words (R, A, G, S, n/a): the mark characters are the rest.
		for (const char of text.replace(/[A-Za-z ]/g, '')) {
			if (!found.has(char)) found.set(char, new Set());
			found.get(char)!.add(meaning.startsWith('rag.') ? 'RAG' : meaning);
		}
	}
	return found;
}

describe('marks', () => {
	for (const ascii of [true, false]) {
		it(`${ascii ? 'ASCII' : 'Unicode'}: one meaning per character`, () => {
			const theme = makeTheme({color: false, ascii});
			for (const [char, uses] of meanings(theme.glyphs)) {
				// `/` is both the separator and part of "n/a", a word.
				const real = [...uses].filter(use => !(char === '/' && use === 'SPC does not apply'));
				assert.ok(real.length <= 1, `${JSON.stringify(char)} means ${[...uses].join(', ')}`);
			}
		});
	}

	it('the lowest sparkline level is visible (not a space) in both sets; ASCII has only ASCII', () => {
		for (const ascii of [true, false]) {
			const {spark} = makeTheme({color: false, ascii}).glyphs;
			assert.notEqual(spark[0]!.trim(), '');
			assert.equal(new Set(spark).size, spark.length);
		}
		const glyphs = makeTheme({color: false, ascii: true}).glyphs;
		const all = JSON.stringify(glyphs);
		assert.ok([...all].every(char => char.charCodeAt(0) <= 0x7e), all);
	});
});
