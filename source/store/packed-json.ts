// JSON packed for the store's derived tables: an array of objects that share their keys is kept
// column by column, and a column whose values repeat is kept as runs. The domain's SPC results
// (36 points with their segment's limits, and every signal) take a fifth of their plain JSON's
// room. unpackJson gives back exactly what JSON.parse(JSON.stringify(value)) would.

type Json = null | boolean | number | string | Json[] | {[key: string]: Json};

// A packed array of objects: {"~": keys, "n": length, "c": columns}. A column is a plain array, or
// {"r": runs} with runs as [value, count, value, count, ...]. An object's own key "~" is escaped.
// The store is a file others can write: unpacking refuses runs that would expand beyond MAX_ITEMS.
const TABLE = '~';
const ESCAPED = '~~';
const MAX_ITEMS = 100_000;

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Packed JSON of `value`, taken as JSON.stringify takes it: undefined (and functions) dropped from
 * objects and null in arrays, non-finite numbers null.
 */
function pack(value: unknown): Json | undefined {
	if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
	if (typeof value === 'number') return Number.isFinite(value) ? value : null;
	if (Array.isArray(value)) return packArray(value);
	if (isPlainObject(value)) {
		const out: Record<string, Json> = {};
		for (const key of Object.keys(value)) {
			const packed = pack(value[key]);
			if (packed !== undefined) out[key === TABLE || key.startsWith(ESCAPED) ? `~${key}` : key] = packed;
		}
		return out;
	}
	return undefined;
}

function packArray(value: unknown[]): Json {
	const first: unknown = value[0];
	if (value.length >= 2 && isPlainObject(first)) {
		const keys = Object.keys(first);
		const table = packTable(value, keys);
		if (table !== null) return table;
	}
	return value.map(item => pack(item) ?? null);
}

/** Rows that all have `keys`, in that order, each holding a value JSON keeps, as columns; else null. */
function packTable(rows: unknown[], keys: string[]): Json | null {
	for (const row of rows) {
		if (!isPlainObject(row)) return null;
		// Object.keys's order without an array a row: for...in walks the same own keys first.
		let k = 0;
		for (const key in row) {
			if (!Object.hasOwn(row, key) || key !== keys[k]) return null;
			k++;
		}
		if (k !== keys.length) return null;
	}
	const columns: Json[] = [];
	for (const key of keys) {
		const values: Json[] = new Array(rows.length);
		for (let i = 0; i < rows.length; i++) {
			const cell = (rows[i] as Record<string, unknown>)[key];
			// Numbers, text and nulls as they are (most cells); anything else packed in turn.
			const packed = typeof cell === 'string' || cell === null ? cell : typeof cell === 'number' && Number.isFinite(cell) ? cell : pack(cell);
			if (packed === undefined) return null;
			values[i] = packed;
		}
		columns.push(column(values));
	}
	return {[TABLE]: keys, n: rows.length, c: columns};
}

/** Runs when they make the column shorter; scalar values only (a nested value stays as it is). */
function column(values: Json[]): Json {
	if (values.some(value => typeof value === 'object' && value !== null)) return values;
	const runs: Json[] = [];
	for (let i = 0; i < values.length; ) {
		let j = i + 1;
		while (j < values.length && values[j] === values[i]) j++;
		runs.push(values[i]!, j - i);
		i = j;
	}
	return runs.length < values.length ? {r: runs} : values;
}

function unpack(value: Json): Json {
	if (Array.isArray(value)) return value.map(unpack);
	if (isPlainObject(value)) {
		const keys = value[TABLE];
		if (Array.isArray(keys)) {
			const length = value['n'];
			if (typeof length !== 'number' || !Number.isInteger(length) || length < 0 || length > MAX_ITEMS) throw new Error('packed JSON: a table of a bad length');
			const packed = value['c'];
			if (!Array.isArray(packed) || packed.length !== keys.length || !keys.every(key => typeof key === 'string')) throw new Error('packed JSON: a table without all its columns');
			// A column of numbers, text and nulls is used as it is; only one holding arrays or objects is unpacked cell by cell.
			const columns = packed.map(column => {
				const values = expand(column, length);
				return values.some(item => typeof item === 'object' && item !== null) ? values.map(unpack) : values;
			});
			const names = keys as string[];
			const rows: Json[] = new Array(length);
			for (let i = 0; i < length; i++) {
				const row: Record<string, Json> = {};
				for (let k = 0; k < names.length; k++) row[names[k]!] = columns[k]![i]!;
				rows[i] = row;
			}
			return rows;
		}
		const out: Record<string, Json> = {};
		for (const [key, item] of Object.entries(value)) out[key.startsWith(ESCAPED) ? key.slice(1) : key] = unpack(item);
		return out;
	}
	return value;
}

function expand(column: Json, length: number): Json[] {
	const values: Json[] = [];
	if (Array.isArray(column)) values.push(...column);
	else {
		const runs = (column as {r?: unknown} | null)?.r;
		if (!Array.isArray(runs)) throw new Error('packed JSON: a column that is neither values nor runs');
		for (let i = 0; i < runs.length; i += 2) {
			const count = runs[i + 1];
			if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || values.length + count > length) throw new Error('packed JSON: runs longer than their table');
			for (let n = 0; n < count; n++) values.push(runs[i] as Json);
		}
	}
	if (values.length !== length) throw new Error('packed JSON: a column of the wrong length');
	return values;
}

export function packJson(value: unknown): string {
	return JSON.stringify(pack(value) ?? null);
}

/** Throws (as JSON.parse does) on text that is not packed JSON. */
export function unpackJson(text: string): unknown {
	return unpack(JSON.parse(text) as Json);
}

