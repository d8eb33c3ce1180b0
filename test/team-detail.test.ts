import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {buildScorecard} from '../source/domain/scorecard.js';
import {asTeam, teamHistories, type TeamRow} from '../source/domain/team-detail.js';

// One indicator as a team sees it: hand-made figures, worked by hand.

const def = {
	code: 'FA45',
	number: 3,
	title: 'Family assessments',
	unit: 'percent' as const,
	polarity: 'higher' as const,
	measure: 'monthly' as const,
	definition: '',
	targets: [{effectiveFrom: '2000-01', target: 85, amber: 5}],
};

function row(team: string, period: string, numerator: number, denominator: number): TeamRow {
	return {indicator: 'FA45', team, period, numerator, denominator, value: (100 * numerator) / denominator};
}

const months = Array.from({length: 14}, (_, i) => `2017-${String(i + 1).padStart(2, '0')}`).slice(0, 12);
const rows: TeamRow[] = [
	// OTHER: 40 of 50 every month, then 30 of 50 in December.
	...months.map(period => row('OTHER', period, period === '2017-12' ? 30 : 40, 50)),
	...months.map(period => row('EAST', period, 90, 100)),
	...months.map(period => row('ALL', period, period === '2017-12' ? 120 : 130, 150)),
	// A later month is never part of December's history.
	row('OTHER', '2018-01', 50, 50),
];
const teams = [
	{code: 'EAST', name: 'East', population: null},
	{code: 'OTHER', name: 'Other citywide teams (UASC)', population: null},
];
const indicator = buildScorecard({period: '2017-12', indicators: [def], teams, measures: rows, benchmarks: [], commentary: [], rebases: []}).indicators[0]!;

describe('a team\'s history of an indicator', () => {
	it('pools the previous six months and keeps the series up to the month', () => {
		const histories = teamHistories(indicator, rows, '2017-12');
		const other = histories.get('OTHER')!;
		// Jun-Nov: 240 of 300.
		assert.equal(other.previous6, 80);
		assert.equal(other.previousValue, 80);
		assert.equal(other.series.length, 12);
		assert.equal(other.series.at(-1)!.period, '2017-12');
		assert.equal(other.series.at(-1)!.target, 85);
		assert.ok(other.spc, 'SPC on twelve months');
		assert.equal(other.spc!.points.at(-1)!.value, 60);
		assert.equal(histories.get('EAST')!.previous6, 90);
	});

	it('shows only the chart\'s months, with SPC from the whole history', () => {
		const other = teamHistories(indicator, rows, '2017-12', 6).get('OTHER')!;
		assert.deepEqual(other.series.map(point => point.period), ['2017-07', '2017-08', '2017-09', '2017-10', '2017-11', '2017-12']);
		assert.ok(other.spc!.points.every(point => point.period >= '2017-07'));
		// The mean comes from the first twelve months, not the six shown.
		assert.ok(Math.abs(other.spc!.mean - (11 * 80 + 60) / 12) < 1e-9);
	});

	it('puts the team\'s figures in the indicator\'s place, and nothing for a team without a figure', () => {
		const other = asTeam(indicator, 'OTHER', teamHistories(indicator, rows, '2017-12').get('OTHER'))!;
		assert.equal(other.value, 60);
		assert.equal(other.rag, 'red');
		assert.equal(other.trend, 'worsening');
		assert.equal(other.numerator, 30);
		assert.equal(other.previous6, 80);
		assert.equal(other.title, 'Family assessments');
		assert.equal(other.teams.length, 2);
		assert.equal(asTeam(indicator, 'SOUTH', undefined), null);
		// Before the history is read: this month's figures, no series yet.
		const early = asTeam(indicator, 'OTHER', undefined)!;
		assert.equal(early.value, 60);
		assert.equal(early.previousValue, 80);
		assert.deepEqual(early.series, []);
	});
});
