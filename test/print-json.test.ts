// --json's writer: it writes an indicator at a time (the JSON text of each, cut from inside a
// wrapper) and escapes what a terminal could act on; the text must be exactly what
// JSON.stringify(whole, null, 2) makes of the same data, escaped the same way.
import assert from 'node:assert/strict';
import {before, describe, it} from 'node:test';
import type {Scorecard} from '../source/domain/scorecard.js';
import {safeJson, scorecardJson, scorecardJsonParts} from '../source/print-json.js';
import {openStoreReadOnly} from '../source/store/queries.js';
import {readScorecard} from '../source/store/read-scorecard.js';
import {sampleStore} from './helpers/temp-store.js';

/** The whole written at once, as before the writer went part by part. */
const atOnce = (text: string) => safeJson(JSON.parse(text));

describe('--json written an indicator at a time', () => {
	let scorecard: Scorecard;
	before(async () => {
		const connection = await openStoreReadOnly(await sampleStore());
		try {
			scorecard = (await readScorecard(connection, {full: true})).scorecard;
		} finally {
			await connection.close();
		}
	});

	it('is the text of the whole stringified at once, its parts in order', () => {
		const text = scorecardJson(scorecard);
		assert.ok(scorecard.indicators.length > 5 && text.includes('"signals": [\n'));
		assert.equal(text, atOnce(text));
		const parts = [...scorecardJsonParts(scorecard)];
		assert.equal(parts.length, scorecard.indicators.length + 2);
		assert.equal(parts.join(''), text);
	});

	it('escapes what a terminal could act on, in any part, and leaves other text as it is', () => {
		// DEL alone in a part otherwise plain ASCII, and characters beyond ASCII in another.
		const titles: Record<number, string> = {1: 'plain\u007Fdel', 2: 'a\u2028b\u007Fc\u0085d\u202Ee é 中'};
		const indicators = scorecard.indicators.map((row, i) => (titles[i] === undefined ? row : {...row, title: titles[i]}));
		const text = scorecardJson({...scorecard, indicators});
		assert.ok(text.includes('"title": "plain\\u007fdel"'));
		assert.ok(text.includes('"title": "a\\u2028b\\u007fc\\u0085d\\u202ee é 中"'));
		assert.equal(text, atOnce(text));
	});

	it('writes the whole at once when a text of the store looks like its mark for the indicators', () => {
		for (const title of ['\u0000', '\u00000']) {
			const indicators = scorecard.indicators.map((row, i) => (i === 0 ? {...row, title} : row));
			const text = scorecardJson({...scorecard, indicators});
			assert.equal(JSON.parse(text).indicators[0].title, title);
			assert.equal(text, atOnce(text));
		}
		const none = scorecardJson({...scorecard, indicators: []});
		assert.equal(none, safeJson({period: scorecard.period, settings: scorecard.settings, indicators: []}));
	});
});
