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
