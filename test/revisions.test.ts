// Figures revised while shown: found at the precision shown, worded for the room.
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {findRevisions, revisionWords} from '../source/domain/revisions.js';
import type {IndicatorMonth, Scorecard} from '../source/domain/scorecard.js';
import {unitDecimals} from '../source/domain/units.js';

function card(period: string, rows: Array<{code: string; value: number | null; teams?: Record<string, number>}>): Scorecard {
	return {
		period,
		settings: {} as Scorecard['settings'],
		indicators: rows.map(
			row =>
				({
					code: row.code,
					unit: 'percent',
					value: row.value,
					teams: Object.entries(row.teams ?? {}).map(([team, value]) => ({team, value})),
				}) as unknown as IndicatorMonth,
		),
	};
}

describe('revisions', () => {
	it('a figure of the month shown that changed at the precision shown, the whole service\'s or a team\'s', () => {
		const before = card('2017-12', [{code: 'FA45', value: 63.2, teams: {EAST: 95}}, {code: 'CPV', value: 88}]);
		const after = card('2017-12', [{code: 'FA45', value: 82.1, teams: {EAST: 95.3}}, {code: 'CPV', value: 88.4}]);
		const found = findRevisions(before, after, '07:43', unitDecimals);
		assert.deepEqual(
			found.map(r => [r.indicator, r.team, r.was, r.now]),
			[['FA45', 'ALL', 63.2, 82.1]],
			'95% to 95.3% and 88% to 88.4% read the same: not revisions',
		);
		assert.equal(revisionWords(found[0]!), 'revised 07:43: was 63%, now 82%');
	});

	it('another month, a figure come in for a partial month, teams not read before: none of them revisions', () => {
		const before = card('2017-12', [{code: 'FA45', value: null}]);
		assert.deepEqual(findRevisions(before, card('2017-12', [{code: 'FA45', value: 70, teams: {EAST: 80}}]), '07:43', unitDecimals), []);
		assert.deepEqual(findRevisions(card('2017-11', [{code: 'FA45', value: 60}]), card('2017-12', [{code: 'FA45', value: 70}]), '07:43', unitDecimals), []);
	});

	it('a figure taken away is a revision to "no figure"', () => {
		const found = findRevisions(card('2017-12', [{code: 'FA45', value: 63}]), card('2017-12', [{code: 'FA45', value: null}]), '07:50', unitDecimals);
		assert.equal(revisionWords(found[0]!), 'revised 07:50: was 63%, now no figure');
	});
});
