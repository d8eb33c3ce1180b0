// Windows-1252, the encoding of Excel's plain "CSV" on a UK or US Windows: ISO-8859-1 but for
// 0x80-0x9F, which hold € ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ. Node 20's
// TextDecoder('windows-1252') decodes those as control characters (as ISO-8859-1), so the table is here.

/** The characters of bytes 0x80-0x9F; an empty string where Windows-1252 has none (0x81, 0x8D, 0x8F, 0x90, 0x9D). */
export const WINDOWS_1252_HIGH: readonly string[] = [
	'\u20ac', '', '\u201a', '\u0192', '\u201e', '\u2026', '\u2020', '\u2021', '\u02c6', '\u2030', '\u0160', '\u2039', '\u0152', '', '\u017d', '',
	'', '\u2018', '\u2019', '\u201c', '\u201d', '\u2022', '\u2013', '\u2014', '\u02dc', '\u2122', '\u0161', '\u203a', '\u0153', '', '\u017e', '\u0178',
];

/** Bytes that are not text in Windows-1252: the position of the first, or -1. */
export function firstUndefinedWindows1252(bytes: Uint8Array): number {
	for (let i = 0; i < bytes.length; i++) {
		const b = bytes[i]!;
		if (b >= 0x80 && b <= 0x9f && WINDOWS_1252_HIGH[b - 0x80] === '') return i;
	}
	return -1;
}

/** Windows-1252 bytes as text (one byte, one character: a chunk boundary never splits one). */
export function decodeWindows1252(bytes: Uint8Array): string {
	let text = '';
	const CHUNK = 8192;
	for (let start = 0; start < bytes.length; start += CHUNK) {
		const part = bytes.subarray(start, start + CHUNK);
		let piece = Buffer.from(part).toString('latin1');
		if (part.some(b => b >= 0x80 && b <= 0x9f)) piece = piece.replace(/[\u0080-\u009f]/g, char => WINDOWS_1252_HIGH[char.charCodeAt(0) - 0x80] || char);
		text += piece;
	}
	return text;
}
