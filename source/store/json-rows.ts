import type {Connection} from './connection.js';

// Many rows in one parameter: a batch of rows as one JSON array, inserted by SQLite's jsonb_each.
// Binding each value through the driver costs the loader's main thread about 0.35 µs a value (a
// third of a big load's time there); one JSON string per batch costs a tenth of that, and SQLite
// reads it on its own thread while the next batch is parsed.
//
// Numbers must arrive exactly as JavaScript holds them: SQLite's own text-to-real conversion is
// not always correctly rounded (about 6 in 100,000 divisions differ in their last bit). So a
// number that is not a safe integer travels as [m, e], an integer mantissa and a power of two,
// and SQL rebuilds it as m * 2^e, which is exact.

export type JsonValue = string | number | null;

// A batch's JSON stays far below the store's 16 MB limit on a value (store/connection.ts) whatever
// its rows hold (a commentary's long text, an SPC result): a batch is sent once its texts and
// numbers come to this many characters. Its JSON is longer by at most the escapes (6 characters
// for a control character, 2 for a quote) and 3 bytes a character in UTF-8: under 12 MB.
const MAX_BATCH_CHARACTERS = 2 * 1024 * 1024;
/** `real`: a number in full (see above); `plain`: text or a safe integer, as JSON holds it. */
export type JsonColumn = {name: string; real: boolean};

const bits = new DataView(new ArrayBuffer(8));

/** A number as JSON carries it exactly to SQLite: itself when a safe integer, else [mantissa, exponent]. */
export function exactNumber(value: number): number | [number, number] {
	if (Number.isSafeInteger(value)) return value === 0 ? 0 : value; // -0 is stored as 0
	if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
	bits.setFloat64(0, value);
	const high = bits.getUint32(0);
	const low = bits.getUint32(4);
	const biased = (high >>> 20) & 0x7ff;
	const top = biased === 0 ? high & 0xfffff : (high & 0xfffff) + 0x100000;
	// Trailing zero bits make the JSON longer, not the number more exact: shifted out (x & -x is the lowest set bit).
	const zeros = low !== 0 ? 31 - Math.clz32(low & -low) : 63 - Math.clz32(top & -top);
	const mantissa = (top * 2 ** 32 + low) / 2 ** zeros;
	const exponent = (biased === 0 ? -1074 : biased - 1075) + zeros;
	return [high >>> 31 ? -mantissa : mantissa, exponent];
}

/** The SQL that reads column `index` of a jsonb_each row (its `value` is the row's array). */
export function jsonColumn(index: number, real: boolean): string {
	if (!real) return `value->>${index}`;
	return `iif(json_type(value, '$[${index}]') = 'array', (value->>'$[${index}][0]') * pow(2, value->>'$[${index}][1]'), value->>${index})`;
}

/** One row's values as JSON array elements, numbers of real columns made exact (the row itself when none needs it). */
export function jsonRow(columns: readonly JsonColumn[], row: readonly JsonValue[]): readonly unknown[] {
	let out: unknown[] | null = null;
	for (let i = 0; i < row.length; i++) {
		const value = row[i]!;
		if (typeof value !== 'number' || !columns[i]!.real || (Number.isSafeInteger(value) && !Object.is(value, -0))) continue;
		out ??= [...row];
		out[i] = exactNumber(value);
	}
	return out ?? row;
}

/** Characters a row counts for against MAX_BATCH_CHARACTERS: its texts' lengths, and a number's longest JSON. */
function rowCharacters(row: readonly JsonValue[]): number {
	let characters = 2;
	for (const value of row) characters += typeof value === 'string' ? value.length + 3 : 26;
	return characters;
}

/**
 * `SELECT <columns> FROM jsonb_each(?)`: the rows of one batch (each a JSON array in `columns`
 * order). jsonb_each parses the batch once; each row's fields are read from SQLite's binary JSON,
 * not re-parsed from text per field (a third of json_each's cost).
 */
export function selectJsonRows(columns: readonly JsonColumn[]): string {
	return `SELECT ${columns.map((column, i) => `${jsonColumn(i, column.real)} AS ${column.name}`).join(', ')} FROM jsonb_each(?)`;
}

/**
 * Inserts rows a batch at a time, each batch one statement with one parameter. Batches are sent
 * without waiting for the one before to finish (at most one in flight): the caller goes on making
 * the next while SQLite writes. `settle` waits for the last; an error is thrown there or from the
 * next `add`. `table` and column names are the caller's constants.
 */
export class JsonInserter {
	private buffer: Array<readonly unknown[]> = [];
	private bytes = 0;
	private inFlight: Promise<unknown> | null = null;
	private readonly sql: string;

	constructor(
		private readonly connection: Connection,
		table: string,
		private readonly columns: readonly JsonColumn[],
		private readonly batch = 5000,
		/** What follows the SELECT, e.g. an ON CONFLICT clause (SQLite needs a WHERE before it). */
		tail = '',
	) {
		this.sql = `INSERT INTO ${table} (${columns.map(column => column.name).join(', ')}) ${selectJsonRows(columns)}${tail}`;
	}

	/**
	 * Adds a row, kept until its batch is sent (the caller leaves it as it is); returns a promise
	 * only when a batch was sent and the one before had to be waited for. The batch is one
	 * JSON.stringify: a tenth of the cost of a string a row, and far less garbage.
	 */
	add(row: readonly JsonValue[]): Promise<void> | undefined {
		return this.push(jsonRow(this.columns, row), row);
	}

	/** As add, for a row made for the inserter alone: its numbers are made exact in place. */
	addOwn(row: JsonValue[]): Promise<void> | undefined {
		const out = row as unknown[];
		for (let i = 0; i < row.length; i++) {
			const value = row[i];
			if (typeof value === 'number' && this.columns[i]!.real && !(Number.isSafeInteger(value) && !Object.is(value, -0))) out[i] = exactNumber(value);
		}
		return this.push(out, row);
	}

	private push(json: readonly unknown[], row: readonly JsonValue[]): Promise<void> | undefined {
		this.buffer.push(json);
		this.bytes += rowCharacters(row);
		if (this.buffer.length >= this.batch || this.bytes >= MAX_BATCH_CHARACTERS) return this.send();
		return undefined;
	}

	private async send(): Promise<void> {
		const rows = this.buffer;
		this.buffer = [];
		this.bytes = 0;
		const before = this.inFlight;
		this.inFlight = null;
		if (before) await before;
		if (rows.length === 0) return;
		const sent = this.connection.run(this.sql, [JSON.stringify(rows)]);
		// Handled here so a failure waits, unreported, for the next add or settle to throw it.
		sent.catch(() => undefined);
		this.inFlight = sent;
	}

	/** Sends what is buffered and waits until every batch is written. */
	async settle(): Promise<void> {
		await this.send();
		const last = this.inFlight;
		this.inFlight = null;
		if (last) await last;
	}

	/** Waits for the batch in flight, ignoring its outcome (after a failure elsewhere). */
	async abandon(): Promise<void> {
		this.buffer = [];
		this.bytes = 0;
		await this.inFlight?.catch(() => undefined);
		this.inFlight = null;
	}
}

/** All rows at once (a catalogue's, a load's history): batched as JsonInserter does, then settled. */
export async function insertJsonRows(connection: Connection, table: string, columns: readonly JsonColumn[], rows: readonly JsonValue[][], tail = ''): Promise<void> {
	const inserter = new JsonInserter(connection, table, columns, 5000, tail);
	for (const row of rows) {
		const waiting = inserter.add(row);
		if (waiting) await waiting;
	}
	await inserter.settle();
}
