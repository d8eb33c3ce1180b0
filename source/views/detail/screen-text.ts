import {sanitizeLine, sanitizeText, toAscii} from '../../domain/text.js';
import type {Theme} from '../../theme.js';

/** Free text as this terminal shows it: sanitized again (defence in depth), and plain ASCII when asked. */
export function screenText(text: string, theme: Theme): string {
	const clean = sanitizeText(text);
	return theme.ascii ? toAscii(clean) : clean;
}

/** One-line fields (codes, titles, names): newlines folded too. */
export function screenLine(text: string, theme: Theme): string {
	return screenText(sanitizeLine(text), theme);
}
