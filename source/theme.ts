import type {Rag} from './domain/types.js';

// Semantic tokens: views name what a thing is, the theme decides how it looks. The colour palette
// uses the 16 ANSI colours only, so it reads the same on every terminal; monochrome keeps
// bold/inverse/dim and relies on the glyphs, which always carry the meaning on their own.

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

const COLOUR: Record<Token, Style> = {
	'rag.red': {color: 'red', bold: true},
	'rag.amber': {color: 'yellow', bold: true},
	'rag.green': {color: 'green'},
	'rag.none': {color: 'gray'},
	'trend.good': {color: 'green'},
	'trend.bad': {color: 'red'},
	'trend.none': {color: 'gray'},
	'spc.improvement': {color: 'blue', bold: true},
	'spc.concern': {color: 'yellow', bold: true},
	'spc.neutral': {color: 'magenta'},
	'spc.common': {color: 'gray'},
	'text.normal': {},
	'text.dim': {dimColor: true},
	'text.title': {bold: true},
	'text.heading': {bold: true, underline: true},
	'text.key': {color: 'cyan', bold: true},
	'text.error': {color: 'red', bold: true},
	'text.notice': {color: 'yellow'},
	selection: {inverse: true},
	'chart.value': {color: 'cyan'},
	'chart.target': {color: 'green'},
	'chart.limit': {color: 'gray'},
	'chart.mean': {color: 'gray'},
	'chart.benchmark': {color: 'magenta'},
	border: {color: 'gray'},
};

function monochrome(style: Style): Style {
	const {color: _color, backgroundColor: _background, ...rest} = style;
	return rest;
}

export type Glyphs = {
	spark: string[];
	rag: Record<Rag, string>;
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
	dot: string;
	dash: string;
	rule: string;
	/** SPC assurance column: the limits are stale (a rebase is suggested), in place of P, F or ?. */
	stale: string;
};

const UNICODE: Glyphs = {
	spark: ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'],
	rag: {red: '●R', amber: '●A', green: '●G', none: '○ '},
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
	dash: '–',
	rule: '─',
	stale: 'S',
};

// For LANG=C and --ascii: terminals show `_` for what they cannot encode.
const ASCII: Glyphs = {
	// One meaning per character: `~` is SPC's common cause, so truncation is `...` and the ramp avoids it.
	spark: [' ', '.', ':', '-', '=', '+', '*', '#'],
	rag: {red: '*R', amber: '*A', green: '*G', none: 'o '},
	up: '^',
	down: 'v',
	flat: '>',
	good: '+',
	bad: '-',
	selected: '>',
	ellipsis: '...',
	bullet: '-',
	bar: '#',
	barHalf: '+',
	dot: '.',
	dash: '-',
	rule: '-',
	stale: 'S',
};

export type Theme = {
	color: boolean;
	ascii: boolean;
	glyphs: Glyphs;
	style: (token: Token) => Style;
};

export function makeTheme(options: {color: boolean; ascii: boolean}): Theme {
	const styles = new Map<Token, Style>();
	for (const token of TOKENS) styles.set(token, options.color ? COLOUR[token] : monochrome(COLOUR[token]));
	return {
		color: options.color,
		ascii: options.ascii,
		glyphs: options.ascii ? ASCII : UNICODE,
		style: token => styles.get(token)!,
	};
}

export function ragToken(rag: Rag): Token {
	return `rag.${rag}` as Token;
}

/** Colour and charset from the environment, flags first. */
export function detectTerminal(
	flags: {color?: string | boolean; ascii?: boolean},
	env: NodeJS.ProcessEnv = process.env,
): {color: boolean; level: 0 | 1 | 2 | 3; ascii: boolean} {
	let level: 0 | 1 | 2 | 3 = 1;
	if (flags.color === false || flags.color === 'none' || flags.color === 'never') level = 0;
	else if (flags.color === '16') level = 1;
	else if (flags.color === '256') level = 2;
	else if (flags.color === 'truecolor') level = 3;
	else if ('NO_COLOR' in env && env['NO_COLOR'] !== undefined) level = 0;
	else if (env['FORCE_COLOR'] === '0' || env['FORCE_COLOR'] === 'false') level = 0;
	else if (env['TERM'] === 'dumb') level = 0;
	else if (env['COLORTERM'] === 'truecolor' || env['COLORTERM'] === '24bit') level = 3;
	else if (/256/.test(env['TERM'] ?? '')) level = 2;
	const locale = env['LC_ALL'] || env['LC_CTYPE'] || env['LANG'] || '';
	const utf8 = /utf-?8/i.test(locale);
	// --no-ascii forces Unicode for a UTF-8 terminal whose locale says otherwise.
	return {color: level > 0, level, ascii: flags.ascii ?? !utf8};
}
