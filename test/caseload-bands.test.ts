import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {thresholdBandLabel, thresholdBands} from '../source/domain/caseload-bands.js';

// The histogram's bands follow the threshold: what is marked above is what the headline counts.

const rows = [3, 12, 16, 17.5, 18, 19.9, 20, 22, 40].map(caseload => ({team: 'EAST', service: 'assessment', fte: 1, caseload}));

describe('caseload bands around the threshold', () => {
	it('keeps the 5-wide bands when the threshold is on an edge', () => {
		const bands = thresholdBands(rows, 20);
		assert.deepEqual(bands.map(band => thresholdBandLabel(band)), ['0–5', '6–10', '11–15', '16–20', '21–25', '26–30', '31+']);
		assert.deepEqual(bands.map(band => band.count), [1, 0, 1, 5, 1, 0, 1]);
		assert.deepEqual(bands.filter(band => band.threshold).map(band => band.high), [20]);
	});

	it('splits the band the threshold falls in, so the marked bands hold exactly the workers above it', () => {
		const bands = thresholdBands(rows, 17.5);
		assert.deepEqual(bands.map(band => thresholdBandLabel(band, '-')), ['0-5', '6-10', '11-15', '16-17.5', '>17.5-20', '21-25', '26-30', '31+']);
		const above = rows.filter(row => row.caseload > 17.5).length;
		assert.equal(bands.filter(band => band.above).reduce((sum, band) => sum + band.count, 0), above);
		assert.equal(bands.find(band => band.threshold)?.high, 17.5);
	});

	it('marks a band for a threshold past the last edge', () => {
		const bands = thresholdBands(rows, 35);
		assert.equal(bands.filter(band => band.threshold).length, 1);
		assert.equal(bands.at(-1)!.threshold, true);
	});
});
