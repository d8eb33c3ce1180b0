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
			const names = keys as string[];
			// Every column is checked before a row is made: a damaged one throws, and nothing is half made.
			for (const column of packed) {
				if (!Array.isArray(column)) checkRuns(column, length);
				else if (column.length !== length) throw new Error('packed JSON: a column of the wrong length');
			}
			// Rows filled a column at a time: each store is of one key, so V8 gives every row one
			// shape (row by row, the key changes at each store and the rows are slow to make).
			const rows: Array<Record<string, Json>> = new Array(length);
			for (let i = 0; i < length; i++) rows[i] = {};
			for (let k = 0; k < names.length; k++) {
				const name = names[k]!;
				const column = packed[k]!;
				if (Array.isArray(column)) {
					// A column of numbers, text and nulls is used as it is; one holding arrays or objects is unpacked cell by cell.
					const nested = column.some(item => typeof item === 'object' && item !== null);
					for (let i = 0; i < length; i++) rows[i]![name] = nested ? unpack(column[i]!) : column[i]!;
				} else {
					const runs = (column as {r: Json[]}).r;
					for (let r = 0, at = 0; r < runs.length; r += 2) {
						const value = runs[r]!;
						const count = runs[r + 1] as number;
						// A nested value repeated: each row its own copy, as JSON.parse would give.
						const nested = typeof value === 'object' && value !== null;
						for (let n = 0; n < count; n++) rows[at++]![name] = nested ? unpack(value) : value;
					}
				}
			}
			return rows;
		}
		const out: Record<string, Json> = {};
		for (const [key, item] of Object.entries(value)) out[key.startsWith(ESCAPED) ? key.slice(1) : key] = unpack(item);
		return out;
	}
	return value;
}

/** Throws unless `column` is runs that make exactly `length` values. */
function checkRuns(column: Json, length: number): void {
	const runs = (column as {r?: unknown} | null)?.r;
	if (!Array.isArray(runs)) throw new Error('packed JSON: a column that is neither values nor runs');
	let total = 0;
	for (let i = 0; i < runs.length; i += 2) {
		const count = runs[i + 1];
		if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || total + count > length) throw new Error('packed JSON: runs longer than their table');
		total += count;
	}
	if (total !== length) throw new Error('packed JSON: a column of the wrong length');
}

export function packJson(value: unknown): string {
	return JSON.stringify(pack(value) ?? null);
}

/** Throws (as JSON.parse does) on text that is not packed JSON. */
export function unpackJson(text: string): unknown {
	return unpack(JSON.parse(text) as Json);
}

