import type {Rag} from './domain/types.js';

// Semantic tokens: views name what a thing is, the theme decides how it looks. Four palettes:
// a dark or a light background, in the 16 ANSI colours or the 256-colour cube. Every colour a
// palette sets on text reads at least 3:1 against what it is drawn on (test/theme.test.ts
// measures it on xterm's, VTE's and the Linux console's 16 colours and on the 256-colour cube),
// so the room can read it from the back on a projector. About 320 lines: the four palettes of
// every token and the two glyph sets sit together because choosing a colour or a mark for one
// means checking it against all the others (test/theme.test.ts). No token uses the faint (dim)
// attribute: projectors wash it out. Monochrome keeps bold, underline and reverse video and relies
// on the glyphs, which always carry the meaning on their own.

export type Style = {color?: string; backgroundColor?: string; bold?: boolean; dimColor?: boolean; inverse?: boolean; underline?: boolean};

export const TOKENS = [
	'rag.red',
	'rag.amber',
	'rag.green',
	'rag.none',
	'trend.good',
	'trend.bad',
	'trend.none',
	'spc.improvement',
	'spc.concern',
	'spc.neutral',
	'spc.common',
	'text.normal',
	'text.dim',
	'text.title',
	'text.heading',
	'text.key',
	'text.error',
	'text.notice',
	'selection',
	'chart.value',
	'chart.target',
	'chart.limit',
	'chart.mean',
	'chart.benchmark',
	'border',
] as const;
export type Token = (typeof TOKENS)[number];

export type Background = 'dark' | 'light';
export type Depth = 16 | 256;
type Palette = Record<Token, Style>;

const c256 = (index: number) => `ansi256(${index})`;

// Shared by every palette: what is not a colour.
const BASE: Partial<Palette> = {
	'text.normal': {},
	'text.title': {bold: true},
	'text.heading': {bold: true, underline: true},
	selection: {inverse: true},
};

// On a dark background the 16 ANSI colours read well, except blue (too dark), the Linux console's
// red (2.7:1 on black: bright red instead) and dark grey (about 2.9:1 in the Linux console and
// VTE): secondary text is plain.
const DARK_16: Palette = {
	...(BASE as Palette),
	'rag.red': {color: 'redBright', bold: true},
	'rag.amber': {color: 'yellow', bold: true},
	'rag.green': {color: 'green'},
	'rag.none': {},
	'trend.good': {color: 'green'},
	'trend.bad': {color: 'redBright'},
	'trend.none': {},
	'spc.improvement': {color: 'cyan', bold: true},
	'spc.concern': {color: 'yellow', bold: true},
	'spc.neutral': {color: 'magenta'},
	'spc.common': {},
	'text.dim': {},
	'text.key': {color: 'cyan', bold: true},
	'text.error': {color: 'redBright', bold: true},
	'text.notice': {color: 'yellow'},
	'chart.value': {color: 'cyan'},
	'chart.target': {color: 'green'},
	'chart.limit': {},
	'chart.mean': {},
	'chart.benchmark': {color: 'magenta'},
	border: {},
};

// On white, the ANSI yellow, green and cyan are 1.1-2.1:1: unreadable as text. RAG marks become
// badges (their letter on a coloured cell; black text never bold, which xterm draws grey), and
// everything else uses red, blue, magenta or plain text.
const LIGHT_16: Palette = {
	...(BASE as Palette),
	'rag.red': {color: 'whiteBright', backgroundColor: 'red', bold: true},
	'rag.amber': {color: 'black', backgroundColor: 'yellow'},
	'rag.green': {color: 'black', backgroundColor: 'green'},
	'rag.none': {},
	'trend.good': {color: 'blue'},
	'trend.bad': {color: 'red'},
	'trend.none': {},
	'spc.improvement': {color: 'blue', bold: true},
	'spc.concern': {color: 'red', bold: true},
	'spc.neutral': {color: 'magenta'},
	'spc.common': {},
	'text.dim': {},
	'text.key': {color: 'blue', bold: true},
	'text.error': {color: 'red', bold: true},
	'text.notice': {color: 'magenta'},
	'chart.value': {color: 'blue'},
	'chart.target': {color: 'magenta'},
	'chart.limit': {},
	'chart.mean': {},
	'chart.benchmark': {color: 'red'},
	border: {},
};

const DARK_256: Palette = {
	...(BASE as Palette),
	'rag.red': {color: c256(203), bold: true},
	'rag.amber': {color: c256(214), bold: true},
	'rag.green': {color: c256(77)},
	'rag.none': {color: c256(250)},
	'trend.good': {color: c256(77)},
	'trend.bad': {color: c256(203)},
	'trend.none': {color: c256(250)},
	'spc.improvement': {color: c256(75), bold: true},
	'spc.concern': {color: c256(214), bold: true},
	'spc.neutral': {color: c256(176)},
	'spc.common': {color: c256(250)},
	'text.dim': {color: c256(250)},
	'text.key': {color: c256(80), bold: true},
	'text.error': {color: c256(203), bold: true},
	'text.notice': {color: c256(214)},
	'chart.value': {color: c256(80)},
	'chart.target': {color: c256(77)},
	'chart.limit': {color: c256(248)},
	'chart.mean': {color: c256(248)},
	'chart.benchmark': {color: c256(177)},
	border: {color: c256(245)},
};

// Amber is 130 (#af5f00, 4.7:1 on white), not yellow.
const LIGHT_256: Palette = {
	...(BASE as Palette),
	'rag.red': {color: c256(124), bold: true},
	'rag.amber': {color: c256(130), bold: true},
	'rag.green': {color: c256(28)},
	'rag.none': {color: c256(238)},
	'trend.good': {color: c256(28)},
	'trend.bad': {color: c256(124)},
	'trend.none': {color: c256(238)},
	'spc.improvement': {color: c256(25), bold: true},
	'spc.concern': {color: c256(130), bold: true},
	'spc.neutral': {color: c256(90)},
	'spc.common': {color: c256(238)},
	'text.dim': {color: c256(238)},
	'text.key': {color: c256(25), bold: true},
	'text.error': {color: c256(124), bold: true},
	'text.notice': {color: c256(130)},
	'chart.value': {color: c256(25)},
	'chart.target': {color: c256(28)},
	'chart.limit': {color: c256(242)},
	'chart.mean': {color: c256(242)},
	'chart.benchmark': {color: c256(127)},
	border: {color: c256(242)},
};

export const PALETTES: Record<Background, Record<Depth, Palette>> = {
	dark: {16: DARK_16, 256: DARK_256},
	light: {16: LIGHT_16, 256: LIGHT_256},
};

function monochrome(style: Style): Style {
	const {color: _color, backgroundColor: _background, ...rest} = style;
	return rest;
}

export type Glyphs = {
	spark: string[];
	rag: Record<Rag, string>;
	/** A figure that should be there and is not (RAG column and marks). */
	missing: string;
	/** A month's figure in the trend chart (the reference lines are lines). */
	point: string;
	/** A figure revised while it was on screen (a load replaced it). */
	revised: string;
	up: string;
	down: string;
	flat: string;
	good: string;
	bad: string;
	selected: string;
	ellipsis: string;
	bullet: string;
	bar: string;
	barHalf: string;
	/** Between the parts of a heading ("Scorecard Dec 2017 · all indicators"). */
	dot: string;
	/** SPC column: SPC does not apply to this indicator (cumulative, rolling, multi-year). */
	noSpc: string;
	dash: string;
	rule: string;
	/** SPC assurance column: the limits are stale (a rebase is suggested), in place of P, F or ?. */
	stale: string;
};

const UNICODE: Glyphs = {
	spark: ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'],
	rag: {red: '●R', amber: '●A', green: '●G', none: '○ '},
	missing: '╳',
	point: '◆',
	revised: '↻',
	up: '↑',
	down: '↓',
	flat: '→',
	good: '+',
	bad: '−',
	selected: '▶',
	ellipsis: '…',
	bullet: '•',
	bar: '█',
	barHalf: '▌',
	dot: '·',
	noSpc: 'n/a',
	dash: '–',
	rule: '─',
	stale: 'S',
};

// For LANG=C and --ascii: terminals show `_` for what they cannot encode. One meaning per
// character (test/theme.test.ts checks it): `~` is SPC's common cause, so a cut is `...`; `.`
// belongs to that cut alone; `-` is "worse" alone; the sparkline's lowest level is `_`, never a
// space, so a month at the minimum still shows.
const ASCII: Glyphs = {
	spark: ['_', ',', ';', '|', '&', '#'],
	rag: {red: '*R', amber: '*A', green: '*G', none: 'o '},
	missing: 'x',
	point: '@',
	// A letter: ASCII has no spare mark left; the help and the status line say it in words.
	revised: 'r',
	up: '^',
	down: 'v',
	flat: '=',
	good: '+',
	bad: '-',
	selected: '>',
	ellipsis: '...',
	bullet: ':',
	bar: '#',
	barHalf: '#',
	dot: '/',
	noSpc: 'n/a',
	// A hyphen in ranges ("15-20"): text, not a mark.
	dash: '-',
	// Only ornament (the agenda's selected-item line): ASCII has no spare line character.
	rule: '',
	stale: 'S',
};

export type Theme = {
	color: boolean;
	ascii: boolean;
	background: Background;
	depth: Depth;
	glyphs: Glyphs;
	style: (token: Token) => Style;
	/** The escape sequence that starts a token's colour (for text coloured outside Ink: the chart). */
	sgr: (token: Token) => string;
	/** Said once in the footer: why the console draws what it draws (ASCII for a non-UTF-8 locale). */
	notice: string | null;
};

export type ThemeOptions = {color: boolean; ascii: boolean; background?: Background; depth?: Depth; notice?: string | null};

export function makeTheme(options: ThemeOptions): Theme {
	const background = options.background ?? 'dark';
	const depth = options.depth ?? 16;
	const palette = PALETTES[background][depth];
	const styles = new Map<Token, Style>();
	for (const token of TOKENS) styles.set(token, options.color ? palette[token] : monochrome(palette[token]));
	return {
		color: options.color,
		ascii: options.ascii,
		background,
		depth,
		glyphs: options.ascii ? ASCII : UNICODE,
		style: token => styles.get(token)!,
		sgr: token => styleSgr(styles.get(token)!),
		notice: options.notice ?? null,
	};
}

export function ragToken(rag: Rag): Token {
	return `rag.${rag}` as Token;
}

const NAMED: Record<string, number> = {black: 0, red: 1, green: 2, yellow: 3, blue: 4, magenta: 5, cyan: 6, white: 7, gray: 8, grey: 8, blackBright: 8};
for (const [name, index] of Object.entries({red: 9, green: 10, yellow: 11, blue: 12, magenta: 13, cyan: 14, white: 15})) NAMED[`${name}Bright`] = index;

/** A palette colour as an ANSI index 0-255 (named colours are 0-15), or null for none. */
export function colourIndex(colour: string | undefined): number | null {
	if (colour === undefined) return null;
	const cube = /^ansi256\((\d+)\)$/.exec(colour);
	if (cube) return Number(cube[1]);
	return NAMED[colour] ?? null;
}

function colourSgr(index: number, background: boolean): string {
	if (index < 8) return String((background ? 40 : 30) + index);
	if (index < 16) return String((background ? 100 : 90) + index - 8);
	return `${background ? 48 : 38};5;${index}`;
}

/** The SGR sequence that sets a style (empty for the plain style). */
export function styleSgr(style: Style): string {
	const codes: string[] = [];
	if (style.bold) codes.push('1');
	if (style.underline) codes.push('4');
	if (style.inverse) codes.push('7');
	const fg = colourIndex(style.color);
	if (fg !== null) codes.push(colourSgr(fg, false));
	const bg = colourIndex(style.backgroundColor);
	if (bg !== null) codes.push(colourSgr(bg, true));
	return codes.length === 0 ? '' : `\u001B[${codes.join(';')}m`;
}
