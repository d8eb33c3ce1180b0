import type {Background} from './theme.js';

// What the terminal in front of the room can show, from the environment and the flags: how many
// colours (16-colour terminals such as TERM=screen and TERM=linux get the 16 ANSI colours whatever
// COLORTERM a profile set), whether to draw ASCII (and why), and the background's lightness (from
// COLORFGBG, or the terminal's answer to OSC 11); and WCAG's contrast arithmetic the themes are
// measured with.

export type TerminalChoice = {
	color: boolean;
	level: 0 | 1 | 2 | 3;
	ascii: boolean;
	/** ASCII because the locale is not UTF-8 (not asked for with --ascii). */
	asciiFromLocale: boolean;
	/** The locale's name, for saying why. */
	locale: string;
};

// Terminals known to have only the 16 colours, whatever COLORTERM a shell profile set.
const SIXTEEN_COLOUR_TERMS = /^(screen|linux|vt\d+|ansi|cons25|tmux)$/;

/** Colour and charset from the environment, flags first. */
export function detectTerminal(flags: {color?: string | boolean; ascii?: boolean}, env: NodeJS.ProcessEnv = process.env): TerminalChoice {
	const term = env['TERM'] ?? '';
	let level: 0 | 1 | 2 | 3 = 1;
	if (flags.color === false || flags.color === 'none' || flags.color === 'never') level = 0;
	else if (flags.color === '16') level = 1;
	else if (flags.color === '256') level = 2;
	else if (flags.color === 'truecolor') level = 3;
	else if ('NO_COLOR' in env && env['NO_COLOR'] !== undefined) level = 0;
	else if (env['FORCE_COLOR'] === '0' || env['FORCE_COLOR'] === 'false') level = 0;
	else if (term === 'dumb') level = 0;
	else if (SIXTEEN_COLOUR_TERMS.test(term)) level = 1;
	else if (env['COLORTERM'] === 'truecolor' || env['COLORTERM'] === '24bit') level = 3;
	else if (/256/.test(term)) level = 2;
	const locale = env['LC_ALL'] || env['LC_CTYPE'] || env['LANG'] || '';
	const utf8 = /utf-?8/i.test(locale);
	// --no-ascii forces Unicode for a UTF-8 terminal whose locale says otherwise.
	const ascii = flags.ascii ?? !utf8;
	return {color: level > 0, level, ascii, asciiFromLocale: flags.ascii === undefined && ascii, locale: locale || 'none set'};
}

/** The footer's one-time word on ASCII chosen for the locale. */
export function asciiNotice(choice: TerminalChoice): string | null {
	if (!choice.asciiFromLocale) return null;
	return `ASCII: locale ${choice.locale} is not UTF-8 (set LANG=C.UTF-8, or --no-ascii)`;
}

/**
 * The background from `COLORFGBG` ("fg;bg" or "fg;default;bg", set by rxvt, Konsole and some
 * others): ANSI 7 and 9-15 are light, 0-6 and 8 dark. null when it is not set or says "default".
 */
export function backgroundFromEnv(env: NodeJS.ProcessEnv = process.env): Background | null {
	const value = env['COLORFGBG'];
	if (!value) return null;
	const last = value.split(';').at(-1) ?? '';
	if (!/^\d+$/.test(last)) return null;
	const index = Number(last);
	return index === 7 || (index >= 9 && index <= 15) ? 'light' : 'dark';
}

/**
 * A terminal's reply to OSC 11 (`ESC ] 11 ; rgb:RRRR/GGGG/BBBB` ended by BEL or ST): light when
 * the background's relative luminance is over one half. null for anything else.
 */
export function backgroundFromOsc11(reply: string): Background | null {
	const match = /\u001B\]11;rgba?:([0-9a-f]{1,4})\/([0-9a-f]{1,4})\/([0-9a-f]{1,4})/i.exec(reply);
	if (!match) return null;
	const [r, g, b] = match.slice(1, 4).map(hex => parseInt(hex!, 16) / (16 ** hex!.length - 1)) as [number, number, number];
	return relativeLuminance([r * 255, g * 255, b * 255]) > 0.5 ? 'light' : 'dark';
}

/** WCAG 2's relative luminance of an sRGB colour (channels 0-255). */
export function relativeLuminance([r, g, b]: [number, number, number]): number {
	const linear = (channel: number) => {
		const c = channel / 255;
		return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
	};
	return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** WCAG 2's contrast ratio of two colours, 1 to 21. */
export function contrastRatio(a: [number, number, number], b: [number, number, number]): number {
	const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
	return (light + 0.05) / (dark + 0.05);
}
