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
// its rows hold (a commentary's long text, an SPC result): a batch is sent at this many characters.
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
	let mantissa = (high & 0xfffff) * 2 ** 32 + low;
	let exponent: number;
	if (biased === 0) exponent = -1074;
	else {
		mantissa += 2 ** 52;
		exponent = biased - 1075;
	}
	// Trailing zero bits make the JSON longer, not the number more exact.
	while (mantissa % 2 === 0) {
		mantissa /= 2;
		exponent++;
	}
	return [high >>> 31 ? -mantissa : mantissa, exponent];
}

/** The SQL that reads column `index` of a jsonb_each row (its `value` is the row's array). */
export function jsonColumn(index: number, real: boolean): string {
	if (!real) return `value->>${index}`;
	return `iif(json_type(value, '$[${index}]') = 'array', (value->>'$[${index}][0]') * pow(2, value->>'$[${index}][1]'), value->>${index})`;
}

/** One row's values as JSON array elements, numbers of real columns made exact. */
export function jsonRow(columns: readonly JsonColumn[], row: readonly JsonValue[]): unknown[] {
	const out: unknown[] = new Array(row.length);
	for (let i = 0; i < row.length; i++) {
		const value = row[i]!;
		out[i] = typeof value === 'number' && columns[i]!.real ? exactNumber(value) : value;
	}
	return out;
}

/** JSON.stringify(jsonRow(columns, row)), written directly: a big load's rows are most of its main thread's work. */
export function jsonRowText(columns: readonly JsonColumn[], row: readonly JsonValue[]): string {
	let text = '[';
	for (let i = 0; i < row.length; i++) {
		if (i > 0) text += ',';
		const value = row[i];
		if (typeof value === 'number') {
			if (columns[i]!.real) {
				const exact = exactNumber(value);
				text += typeof exact === 'number' ? String(exact) : `[${exact[0]},${exact[1]}]`;
			} else text += Number.isFinite(value) ? String(value) : 'null';
		} else if (typeof value === 'string') text += JSON.stringify(value);
		else text += 'null';
	}
	return `${text}]`;
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
	private buffer: string[] = [];
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

	/** Adds a row; returns a promise only when a batch was sent and the one before had to be waited for. */
	add(row: readonly JsonValue[]): Promise<void> | undefined {
		const text = jsonRowText(this.columns, row);
		this.buffer.push(text);
		this.bytes += text.length;
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
		const sent = this.connection.run(this.sql, [`[${rows.join(',')}]`]);
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
