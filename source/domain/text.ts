// Free text from files is shown, never executed: no escape sequences or control characters reach a terminal.
// CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), other ESC sequences, then C0/C1 controls.
// eslint-disable-next-line no-control-regex
const ESCAPES = /\u001B\[[0-?]*[ -/]*[@-~]|\u009B[0-?]*[ -/]*[@-~]|\u001B\][^\u0007\u001B]*(?:\u0007|\u001B\\)?|\u009D[^\u0007\u001B]*(?:\u0007|\u001B\\)?|\u001B[P^_][^\u001B]*(?:\u001B\\)?|\u001B[ -/]*[0-~]?/g;
// eslint-disable-next-line no-control-regex
// Zero-width joiners (U+200C, U+200D) stay: they hold emoji sequences and some scripts together.
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200B\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** Strip escape sequences and control characters; keep newlines (tabs become spaces). */
export function sanitizeText(text: string): string {
	return text.replace(ESCAPES, '').replace(/\t/g, ' ').replace(/\r\n?/g, '\n').replace(CONTROLS, '');
}

/** For one-line fields (titles, names): also fold newlines to spaces and trim. */
export function sanitizeLine(text: string): string {
	return sanitizeText(text).replace(/\s*\n\s*/g, ' ').trim();
}

const ASCII_FOR: Record<string, string> = {'‘': "'", '’': "'", '“': '"', '”': '"', '–': '-', '—': '-', '…': '...', '•': '*', '·': '.', '£': 'GBP', '±': ''};

/** For terminals without UTF-8 (LANG=C, --ascii): typographic marks as their ASCII forms, anything else '?'. */
export function toAscii(text: string): string {
	return text.replace(/[^\n\x20-\x7E]/g, char => ASCII_FOR[char] ?? '?');
}

/**
 * A team as people say it in the meeting: "Other citywide teams (UASC, NRPF, Homeless)" is
 * "Other citywide teams".
 */
export function shortName(name: string): string {
	return name.replace(/\s*\([^)]*\)\s*$/, '').trim() || name;
}

// What a terminal (or a message, or --print) is given: text from a store, a file name, a path,
// a flag or an extract passes this first. Unlike the loader's cleaning, which drops what it
// removes, nothing is silently lost here: every control character (C0 but the line break, DEL,
// C1) and every bidirectional control is shown as `?`, so an escape sequence is visibly there
// but inert, and no text can reorder what follows it on the line.
// eslint-disable-next-line no-control-regex
const UNSHOWABLE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex
const UNSHOWABLE_IN_LINE = /[\u0000-\u0008\u000A-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;
// Plain printable ASCII, the usual case: nothing to do.
const PLAIN = /^[\u0020-\u007E]*$/;

/** Multi-line text (commentary, definitions) for display: line breaks kept, tabs as spaces, every other control `?`. */
export function displayText(text: string): string {
	if (PLAIN.test(text)) return text;
	return text.replace(/\r\n?/g, '\n').replace(/\t/g, ' ').replace(UNSHOWABLE, '?');
}

/** One-line text (titles, names, codes, paths, flags, messages) for display: also a line break is `?`, a tab a space. */
export function displayLine(text: string): string {
	if (PLAIN.test(text)) return text;
	return text.replace(/\t/g, ' ').replace(UNSHOWABLE_IN_LINE, '?');
}

/** At most `max` characters of `text` (whole code points), `…` marking a cut. */
export function excerpt(text: string, max: number): string {
	if (text.length <= max) return text;
	let end = Math.max(0, max - 1);
	// Never split a surrogate pair.
	const code = text.charCodeAt(end - 1);
	if (code >= 0xd800 && code <= 0xdbff) end--;
	return `${text.slice(0, end)}…`;
}

/** A user's or a file's text quoted in a message: shown safely and at most `max` characters. */
export function quoted(text: string, max = 40): string {
	return displayLine(excerpt(text, max));
}
