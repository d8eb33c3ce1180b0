import {sanitizeLine, sanitizeText} from '../domain/text.js';

// Free text from files as the store keeps it: no escape sequences or control characters (the
// domain's sanitising), and no invisible format characters (Unicode category Cf: BOMs, word
// joiners, soft hyphens, bidirectional marks) either. Line and paragraph separators are line
// breaks: commentary keeps them as paragraphs, one-line fields fold them to spaces.
// Zero-width (non-)joiners and emoji tag characters are Cf too, but they hold an emoji sequence
// (a family, a flag of England) together: they stay, and views keep each grapheme whole.
const FORMAT = /(?![\u200C\u200D\u{E0020}-\u{E007F}])\p{Cf}/gu;
const SEPARATORS = /[\u2028\u2029\u0085]/g;

export function cleanText(text: string): string {
	return sanitizeText(text.replace(SEPARATORS, '\n').replace(FORMAT, ''));
}

export function cleanLine(text: string): string {
	return sanitizeLine(text.replace(SEPARATORS, '\n').replace(FORMAT, ''));
}
