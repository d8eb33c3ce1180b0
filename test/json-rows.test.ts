import assert from 'node:assert/strict';
import {after, describe, it} from 'node:test';
import {Connection} from '../source/store/connection.js';
import {JsonInserter, exactNumber} from '../source/store/json-rows.js';
import {seededRandom as random} from '../scripts/seeded-random.js';

// The loader sends rows to SQLite as one JSON parameter a batch. SQLite's own text-to-real
// conversion is not always correctly rounded, so numbers travel as a mantissa and a power of two:
// every number must come back bit for bit, and text exactly.

describe('rows sent as JSON', () => {
	let connection: Connection;
	after(() => connection?.close());

	it('keep every number exactly (divisions, tiny, huge, negative, integers) and every text', async () => {
		connection = await Connection.open('', {readonly: false});
		await connection.exec('CREATE TEMP TABLE t (i INTEGER, label, x)');
		const next = random(7);
		const values: Array<number | null> = [null, 0, -0, 1, -1, 2 ** 53, 2 ** 53 + 2, -(2 ** 60), 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, 0.1, 1 / 3, 61.01566756002698, 328974.390501463];
		for (let i = 0; i < 20_000; i++) {
			const kind = i % 5;
			values.push(kind === 0 ? (100 * Math.floor(next() * 1000)) / (1 + Math.floor(next() * 999)) : kind === 1 ? next() * 1e6 : kind === 2 ? Math.round(next() * 1e4) / 10 : kind === 3 ? next() * 1e-300 : -next() * 1e12);
		}
		const texts = ['a\u0000b', 'tab\tnl\nquote" back\\', '😀👩‍👩‍👧 漢字', '\u001b[31mred', '\u2028', '', 'plain'];
		const inserter = new JsonInserter(connection, 'temp.t', [{name: 'i', real: false}, {name: 'label', real: false}, {name: 'x', real: true}], 1000);
		for (const [i, value] of values.entries()) {
			const waiting = inserter.add([i, texts[i % texts.length]!, value]);
			if (waiting) await waiting;
		}
		await inserter.settle();
		const rows = await connection.all<{i: number; label: string; x: number | null}>('SELECT i, label, x FROM t ORDER BY i');
		assert.equal(rows.length, values.length);
		const wrong = rows.filter(row => row.label !== texts[row.i % texts.length] || !(row.x === values[row.i] || (row.x === 0 && Object.is(values[row.i], -0))));
		assert.deepEqual(wrong.slice(0, 5), []);
	});

	it('encodes a number that is not a safe integer as mantissa and power of two', () => {
		assert.equal(exactNumber(42), 42);
		assert.deepEqual(exactNumber(0.5), [1, -1]);
		assert.deepEqual(exactNumber(-0.75), [-3, -2]);
		assert.deepEqual(exactNumber(2 ** 60), [1, 60]);
		assert.throws(() => exactNumber(Number.NaN), /not a finite number/);
	});

	it('throws a failed batch from the next add or from settle, never as an unhandled rejection', async () => {
		const c = await Connection.open('', {readonly: false});
		try {
			await c.exec('CREATE TEMP TABLE u (k TEXT NOT NULL)');
			const inserter = new JsonInserter(c, 'temp.u', [{name: 'k', real: false}], 2);
			assert.equal(inserter.add(['a']), undefined);
			const sending = inserter.add([null]);
			await sending;
			await assert.rejects(async () => {
				for (let i = 0; i < 4; i++) await inserter.add(['b']);
				await inserter.settle();
			}, /NOT NULL/);
		} finally {
			await c.close();
		}
	});

	it('sends batches far below the store\'s limit on a value, whatever the rows hold', async () => {
		const c = await Connection.open('', {readonly: false});
		try {
			await c.exec('CREATE TEMP TABLE v (i INTEGER, text TEXT)');
			// 2,000 commentaries of 10,000 characters: 20 MB in a batch of 5,000 rows, beyond the 16 MB limit.
			const inserter = new JsonInserter(c, 'temp.v', [{name: 'i', real: false}, {name: 'text', real: false}], 5000);
			const long = 'é'.repeat(10_000);
			for (let i = 0; i < 2000; i++) {
				const waiting = inserter.add([i, `${i}${long}`]);
				if (waiting) await waiting;
			}
			await inserter.settle();
			const row = await c.get<{n: number; total: number}>('SELECT count(*) AS n, sum(length(text)) AS total FROM v');
			assert.deepEqual(row, {n: 2000, total: 2000 * 10_000 + [...Array(2000).keys()].reduce((sum, i) => sum + String(i).length, 0)});
		} finally {
			await c.close();
		}
	});
});
