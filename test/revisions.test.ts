// Figures revised while shown: found at the precision shown, worded for the room.
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {findRevisions, revisionWords} from '../source/domain/revisions.js';
import {holdAgenda, sameItems} from '../source/domain/agenda-hold.js';
import type {AgendaItem} from '../source/domain/agenda.js';
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

describe('the agenda held still', () => {
	const item = (key: string, line = key) => ({key, line}) as unknown as AgendaItem;
	it('keeps the items on screen in their order; one no longer raised stays, marked gone; new ones come last', () => {
		const shown = [item('A'), item('B'), item('C')];
		const next = [item('C', 'C now'), item('D'), item('A', 'A now')];
		const held = holdAgenda(shown, next);
		assert.deepEqual(held.map(each => each.key), ['A', 'B', 'C', 'D']);
		assert.equal(held[0]!.line, 'A now', 'updated in place');
		assert.equal(held[1]!.gone, true);
		assert.equal(held[2]!.line, 'C now');
		// Nothing changed: the same objects, so the view sees no change.
		assert.ok(sameItems(holdAgenda(held, next), held));
		// Not yet held: the agenda as it is.
		assert.deepEqual(holdAgenda(null, next).map(each => each.key), ['C', 'D', 'A']);
	});
});
