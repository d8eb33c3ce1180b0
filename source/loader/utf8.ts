import crypto from 'node:crypto';
import {isUtf8} from 'node:buffer';
import fs from 'node:fs';

// One streaming pass over a file's bytes: its SHA-256, whether it holds any text, and where
// (line and character column, 1-based, after a BOM) the first byte that is not UTF-8 is.

export type ByteCheck = {sha256: string; text: boolean; invalid?: {line: number; column: number; byte: number}};

const CHUNK = 1 << 20;

export async function checkBytes(path: string): Promise<ByteCheck> {
	const hash = crypto.createHash('sha256');
	let valid = true;
	let text = false;
	await scan(path, (data, bytes) => {
		hash.update(bytes);
		// Node's own check is fast; the byte-by-byte walk below runs only to locate a bad byte.
		if (!isUtf8(data)) valid = false;
		for (let i = 0; !text && i < data.length; i++) {
			const b = data[i]!;
			if (b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) text = true;
		}
		return valid;
	});
	if (!valid) return {sha256: '', text, invalid: await locateInvalid(path)};
	return {sha256: hash.digest('hex'), text};
}

/** Feed `visit` the file's complete characters (after a BOM) chunk by chunk, with the raw bytes read; stop when it returns false. */
async function scan(path: string, visit: (data: Buffer, bytes: Buffer) => boolean): Promise<void> {
	const handle = await fs.promises.open(path, 'r');
	try {
		const buffer = Buffer.alloc(CHUNK);
		let carry = Buffer.alloc(0);
		let first = true;
		while (true) {
			const {bytesRead} = await handle.read(buffer, 0, CHUNK, null);
			const eof = bytesRead === 0;
			const bytes = buffer.subarray(0, bytesRead);
			let data = carry.length === 0 ? bytes : Buffer.concat([carry, bytes]);
			if (first && (data.length >= 3 || eof)) {
				if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) data = data.subarray(3);
				first = false;
			} else if (first) {
				carry = Buffer.from(data);
				continue;
			}
			// A character split between chunks waits for the next one.
			const end = eof ? data.length : completeEnd(data);
			if (!visit(data.subarray(0, end), bytes) || eof) return;
			carry = Buffer.from(data.subarray(end));
		}
	} finally {
		await handle.close();
	}
}

async function locateInvalid(path: string): Promise<{line: number; column: number; byte: number}> {
	let line = 1;
	let column = 1;
	let previous = -1;
	let found: {line: number; column: number; byte: number} | undefined;
	await scan(path, data => {
		const bad = firstInvalidUtf8(data);
		for (let i = 0; i < bad; i++) {
			const b = data[i]!;
			// CRLF, LF and a lone CR (old Mac exports) each end one line.
			if (b === 0x0d || (b === 0x0a && previous !== 0x0d)) {
				line++;
				column = 1;
			} else if (b === 0x0a) column = 1;
			else if ((b & 0xc0) !== 0x80) column++;
			previous = b;
		}
		if (bad < data.length) found = {line, column, byte: data[bad]!};
		return found === undefined;
	});
	return found ?? {line, column, byte: 0};
}

/** Offset after the last complete character (an incomplete sequence at the end is left out). */
function completeEnd(data: Uint8Array): number {
	for (let back = 1; back <= 3 && back <= data.length; back++) {
		const b = data[data.length - back]!;
		if ((b & 0xc0) === 0x80) continue;
		const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
		return need > back ? data.length - back : data.length;
	}
	return data.length;
}

/** Byte offset of the first byte that is not valid UTF-8 (the decoder only says that there is one). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
	let i = 0;
	while (i < bytes.length) {
		const b = bytes[i]!;
		let need: number;
		let min: number;
		if (b < 0x80) {
			i++;
			continue;
		} else if (b >= 0xc2 && b <= 0xdf) {
			need = 1;
			min = 0x80;
		} else if (b >= 0xe0 && b <= 0xef) {
			need = 2;
			min = 0x800;
		} else if (b >= 0xf0 && b <= 0xf4) {
			need = 3;
			min = 0x10000;
		} else {
			return i;
		}
		let code = b & (0xff >> (need + 2));
		for (let k = 1; k <= need; k++) {
			const next = bytes[k + i];
			if (next === undefined || (next & 0xc0) !== 0x80) return i;
			code = (code << 6) | (next & 0x3f);
		}
		if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return i;
		i += need + 1;
	}
	return bytes.length;
}
