import {sanitizeLine, sanitizeText, toAscii} from '../../domain/text.js';
import type {Theme} from '../../theme.js';

/** Free text for the terminal: sanitized again (defence in depth), and plain ASCII when asked. */
export function displayText(text: string, theme: Theme): string {
	const clean = sanitizeText(text);
	return theme.ascii ? toAscii(clean) : clean;
}

/** One-line fields (codes, titles, names): newlines folded too. */
export function displayLine(text: string, theme: Theme): string {
	return displayText(sanitizeLine(text), theme);
}
