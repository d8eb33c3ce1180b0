// The caseload summary on hand-made rows: small enough to check every figure by hand.
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {bandIndex, bandLabel, emptyBands, summarise, summariseCaseloads, type CaseloadInput} from '../source/domain/caseloads.ts';
import {median} from '../source/domain/statistics.ts';
import {teamOrderOf} from '../source/domain/scorecard.ts';

const teamOrder = teamOrderOf(['EAST', 'NWC', 'SOUTH', 'DCSC', 'OTHER'].map(code => ({code})));

const row = (caseload: number, fte = 1, team = 'EAST', service = 'assessment'): CaseloadInput => ({team, service, fte, caseload});

describe('caseload summary', () => {
	it('takes the mean as Σcaseload / ΣFTE, not the mean of the workers’ rates', () => {
		// Rates 10 and 20 per FTE: their mean is 15, but 20 cases over 1.5 FTE is 13.3.
		const summary = summarise('x', 'x', [row(10, 1), row(10, 0.5)], 20);
		assert.equal(summary.workers, 2);
		assert.equal(summary.fte, 1.5);
		assert.ok(Math.abs(summary.mean! - 20 / 1.5) < 1e-9);
		assert.equal(summary.max, 20);
	});

	it('takes the median of per-FTE caseloads, averaging the middle two for an even count', () => {
		assert.equal(summarise('x', 'x', [row(4), row(30), row(12)], 20).median, 12);
		assert.equal(summarise('x', 'x', [row(4), row(30), row(12), row(8, 0.5)], 20).median, 14);
		assert.equal(median([]), null);
		assert.equal(median([7]), 7);
	});

	it('counts workers above the threshold per FTE; exactly the threshold is not above', () => {
		const rows = [row(20), row(10, 0.5), row(21), row(11, 0.5), row(19)];
		// Per FTE: 20, 20, 21, 22, 19.
		assert.equal(summarise('x', 'x', rows, 20).above, 2);
		assert.equal(summarise('x', 'x', rows, 19).above, 4);
		assert.equal(summarise('x', 'x', rows, 22).above, 0);
	});

	it('puts per-FTE caseloads in bands of five: 0–5, 6–10, …, 26–30, 31+', () => {
		assert.deepEqual(
			[0, 5, 5.5, 10, 12.5, 20, 20.5, 30, 31, 80].map(bandIndex),
			[0, 0, 1, 1, 2, 3, 4, 5, 6, 6],
		);
		assert.deepEqual(
			emptyBands(20).map(band => bandLabel(band)),
			['0–5', '6–10', '11–15', '16–20', '21–25', '26–30', '31+'],
		);
		assert.equal(bandLabel(emptyBands(20)[1]!, '-'), '6-10');
		const summary = summarise('x', 'x', [row(3), row(5), row(6), row(10, 0.5), row(40), row(26)], 20);
		assert.deepEqual(
			summary.bands.map(band => band.count),
			[2, 1, 0, 1, 0, 1, 1],
		);
	});

	it('marks the threshold’s band and the bands wholly above it', () => {
		const at20 = emptyBands(20);
		assert.deepEqual(at20.map(band => band.threshold), [false, false, false, true, false, false, false]);
		assert.deepEqual(at20.map(band => band.above), [false, false, false, false, true, true, true]);
		const at15 = emptyBands(15);
		assert.equal(at15.findIndex(band => band.threshold), 2);
		assert.deepEqual(at15.map(band => band.above), [false, false, false, true, true, true, true]);
		// A threshold inside a band: that band is only partly above, so it is not marked above.
		const at17 = emptyBands(17);
		assert.equal(at17.findIndex(band => band.threshold), 3);
		assert.equal(at17[3]!.above, false);
		assert.equal(at17[4]!.above, true);
	});

	it('summarises per service in the report’s order, per team in team order, and for all', () => {
		const rows = [
			row(15, 1, 'SOUTH', 'safeguarding'),
			row(25, 1, 'EAST', 'safeguarding'),
			row(10, 1, 'DCSC', 'disabled_children'),
			row(18, 1, 'EAST', 'assessment'),
			row(12, 0.5, 'NWC', 'children_in_care'),
		];
		const result = summariseCaseloads(rows, 20, {teamOrder});
		assert.deepEqual(
			result.services.map(s => [s.label, s.workers, s.above]),
			[
				['Assessment', 1, 0],
				['Safeguarding', 2, 1],
				['Children in care', 1, 1],
				['Disabled children', 1, 0],
			],
		);
		assert.deepEqual(result.teams.map(t => t.key), ['EAST', 'NWC', 'SOUTH', 'DCSC']);
		assert.equal(result.teams[0]!.workers, 2);
		assert.equal(result.all.workers, 5);
		assert.equal(result.all.above, 2);
		assert.equal(result.all.fte, 4.5);
		assert.equal(result.all.median, 18);
		assert.equal(result.threshold, 20);
	});

	it('has no figures for no workers, and leaves a worker with no FTE out of the per-FTE figures', () => {
		const none = summariseCaseloads([], 20);
		assert.equal(none.all.workers, 0);
		assert.equal(none.all.mean, null);
		assert.equal(none.all.median, null);
		assert.equal(none.all.max, null);
		assert.deepEqual(none.services, []);
		const zero = summarise('x', 'x', [row(5, 0), row(10)], 20);
		assert.equal(zero.workers, 2);
		assert.equal(zero.median, 10);
		assert.equal(zero.bands.reduce((sum, band) => sum + band.count, 0), 1);
	});
});
