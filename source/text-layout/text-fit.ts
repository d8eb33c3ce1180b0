import stringWidth from 'string-width';

// Fitting text into terminal cells: widths are cells, not UTF-16 units (CJK is two cells, a
// combining mark none), and text is cut only between graphemes, so an emoji sequence joined
// with ZWJ is kept whole or dropped whole, never split into a replacement character.

// Made when first needed: the first Intl.Segmenter loads ICU's break data (about 8 ms at start),
// and the grid's narrow text never needs one.
let graphemeSegmenter: Intl.Segmenter | undefined;
const segmenter = {segment: (text: string) => (graphemeSegmenter ??= new Intl.Segmenter(undefined, {granularity: 'grapheme'})).segment(text)};
const PRINTABLE_ASCII = /^[\x20-\x7E]*$/;
// Printable ASCII and the narrow symbols the console draws (… · ▶ ● arrows, blocks, box
// drawing): one cell and one grapheme a UTF-16 unit, none joining its neighbour (the same class
// as the bundle's string-width fast path, scripts/dependency-patches.js).
const NARROW = /^[\x20-\x7E\u00B7\u2013\u2014\u2018\u2019\u201C\u201D\u2022\u2026\u2190-\u21FF\u2212\u2500-\u25FC\u25FF]*$/;

export function graphemes(text: string): string[] {
	return Array.from(segmenter.segment(text), part => part.segment);
}

function firstGrapheme(text: string): string {
	for (const {segment} of segmenter.segment(text)) return segment;
	return '';
}

/** Cells the text takes on a terminal. */
export function cellWidth(text: string): number {
	return PRINTABLE_ASCII.test(text) ? text.length : stringWidth(text);
}

/**
 * The longest start of `text` that fits `width` cells (it may be a cell short, before a wide
 * character). Reads only as far as it takes: its cost follows `width`, not the text's length.
 */
export function takeCells(text: string, width: number): string {
	if (text.length <= width * 4 ? NARROW.test(text) : NARROW.test(text.slice(0, width))) return text.slice(0, Math.max(0, width));
	let out = '';
	let used = 0;
	for (const {segment} of segmenter.segment(text)) {
		const cells = cellWidth(segment);
		if (used + cells > width) break;
		out += segment;
		used += cells;
	}
	return out;
}

export function fit(text: string, width: number, ellipsis = '…'): string {
	if (width <= 0) return '';
	if (cellWidth(text) <= width) return text;
	const room = width - cellWidth(ellipsis);
	if (room <= 0) return takeCells(text, width);
	return takeCells(text, room) + ellipsis;
}

export function padEnd(text: string, width: number, ellipsis = '…'): string {
	const fitted = fit(text, width, ellipsis);
	return fitted + ' '.repeat(Math.max(0, width - cellWidth(fitted)));
}

export function padStart(text: string, width: number, ellipsis = '…'): string {
	const fitted = fit(text, width, ellipsis);
	return ' '.repeat(Math.max(0, width - cellWidth(fitted))) + fitted;
}

/** Word-wrap to a width in cells, keeping paragraph breaks; words wider than the width are cut between graphemes. */
export function wrapText(text: string, width: number): string[] {
	const out: string[] = [];
	if (width <= 0) return out;
	for (const paragraph of text.split('\n')) {
		let line = '';
		let lineCells = 0;
		for (const word of paragraph.split(/\s+/).filter(Boolean)) {
			let rest = word;
			// A word wider than the line is cut a line at a time, each cut reading only that line's
			// worth: a long word (10,000 characters of one) costs its length, not its length squared.
			while (rest.length > width && takeCells(rest, width).length < rest.length) {
				if (line) {
					out.push(line);
					line = '';
					lineCells = 0;
				}
				// At least one grapheme a line, even one wider than the width.
				const head = takeCells(rest, width) || firstGrapheme(rest);
				out.push(head);
				rest = rest.slice(head.length);
			}
			while (cellWidth(rest) > width) {
				// A short run of wide characters (CJK) wider than the line.
				if (line) {
					out.push(line);
					line = '';
					lineCells = 0;
				}
				const head = takeCells(rest, width) || firstGrapheme(rest);
				out.push(head);
				rest = rest.slice(head.length);
			}
			const cells = cellWidth(rest);
			if (!line) {
				line = rest;
				lineCells = cells;
			} else if (lineCells + 1 + cells <= width) {
				line += ` ${rest}`;
				lineCells += 1 + cells;
			} else {
				out.push(line);
				line = rest;
				lineCells = cells;
			}
		}
		out.push(line);
	}
	return out;
}
