// Terminal palettes and WCAG contrast, for tests that measure what a terminal draws.
import {contrastRatio} from '../../source/terminal-detect.js';
import type {Cell, Colour} from './xterm.js';

export type Rgb = [number, number, number];
export const hex = (text: string): Rgb => [0, 2, 4].map(i => parseInt(text.slice(i + 1, i + 3), 16)) as Rgb;

/** xterm's default 16 colours (XTerm(379)); bold text in colours 0-7 is drawn bright (boldColors). */
export const XTERM_16 = ['#000000', '#cd0000', '#00cd00', '#cdcd00', '#0000ee', '#cd00cd', '#00cdcd', '#e5e5e5', '#7f7f7f', '#ff0000', '#00ff00', '#ffff00', '#5c5cff', '#ff00ff', '#00ffff', '#ffffff'];

/** The 256-colour cube and grey ramp, as xterm (and every terminal that has them) defines them. */
export function cubeColour(index: number): Rgb {
	if (index >= 232) {
		const level = 8 + (index - 232) * 10;
		return [level, level, level];
	}
	const i = index - 16;
	const level = (n: number) => (n === 0 ? 0 : 55 + n * 40);
	return [level(Math.floor(i / 36)), level(Math.floor(i / 6) % 6), level(i % 6)];
}

/** A cell's colour in xterm's palette, `fallback` for the default. */
export function xtermRgb(colour: Colour, fallback: Rgb, bold = false): Rgb {
	if (colour.kind === 'default') return fallback;
	if (colour.kind === 'rgb') return colour.rgb;
	if (colour.index < 16) return hex(XTERM_16[bold && colour.index < 8 ? colour.index + 8 : colour.index]!);
	return cubeColour(colour.index);
}

/** The contrast of a cell's glyph against what it is drawn on, in xterm with the given page colours. */
export function cellContrast(cell: Cell, page: {foreground: Rgb; background: Rgb}): number {
	let fg = xtermRgb(cell.fg, page.foreground, cell.bold);
	let bg = xtermRgb(cell.bg, page.background);
	if (cell.inverse) [fg, bg] = [bg, fg];
	return contrastRatio(fg, bg);
}
