import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {
	changeWords,
	describeCell,
	hasRedOrAmberCell,
	isRedOrAmber,
	matchesFilter,
	matrixCell,
	nextRedOrAmberCell,
	ragSummary,
	sortIndicators,
} from '../source/domain/red-amber.js';
import type {IndicatorMonth, TeamFigure} from '../source/domain/scorecard.js';
import type {Rag} from '../source/domain/types.js';

// What the meeting looks for first, as pure rules: red and amber rows and cells, sorting, summaries.

function team(code: string, value: number, rag: Rag): TeamFigure {
	return {team: code, name: code, numerator: null, denominator: null, value, rag, trend: null, direction: null, change: null};
}

function row(code: string, number: number, rag: Rag, extra: Partial<IndicatorMonth> = {}): IndicatorMonth {
	return {
		code,
		number,
		title: `Indicator ${code}`,
		unit: 'percent',
		polarity: 'higher',
		measure: 'monthly',
		definition: '',
		targets: [],
		target: 85,
		amber: 5,
		value: 90,
		numerator: null,
		denominator: null,
		rag,
		trend: null,
		direction: null,
		previousValue: null,
		previous6: null,
		benchmarks: {},
		commentary: null,
		teams: [],
		series: [],
		rebases: [],
		spc: null,
		...extra,
	} as IndicatorMonth;
}

describe('problems', () => {
	it('calls red and amber problems, green and unrated not', () => {
		assert.deepEqual(
			(['red', 'amber', 'green', 'none'] as Rag[]).map(rag => isRedOrAmber(row('A', 1, rag))),
			[true, true, false, false],
		);
		assert.equal(hasRedOrAmberCell(row('A', 1, 'green', {teams: [team('EAST', 1, 'green'), team('NWC', 1, 'amber')]})), true);
		assert.equal(hasRedOrAmberCell(row('A', 1, 'green', {teams: [team('EAST', 1, 'green')]})), false);
	});

	it('finds the next red or amber cell row by row, wrapping, and backwards', () => {
		const rows = [
			row('A', 1, 'green', {teams: [team('EAST', 1, 'green'), team('NWC', 1, 'red')]}),
			row('B', 2, 'amber', {teams: [team('EAST', 1, 'green')]}),
			row('C', 3, 'green', {value: null}),
		];
		const columns = ['EAST', 'NWC', 'ALL'];
		assert.deepEqual(nextRedOrAmberCell(rows, columns, {row: 'A', column: 'EAST'}, 1), {row: 'A', column: 'NWC'});
		assert.deepEqual(nextRedOrAmberCell(rows, columns, {row: 'A', column: 'NWC'}, 1), {row: 'B', column: 'ALL'});
		assert.deepEqual(nextRedOrAmberCell(rows, columns, {row: 'B', column: 'ALL'}, 1), {row: 'A', column: 'NWC'}, 'wraps round');
		assert.deepEqual(nextRedOrAmberCell(rows, columns, {row: 'A', column: 'NWC'}, -1), {row: 'B', column: 'ALL'}, 'backwards wraps too');
		assert.equal(nextRedOrAmberCell([rows[2]!], columns, {row: 'C', column: 'EAST'}, 1), null, 'an empty cell is never a problem');
		assert.equal(matrixCell(rows[2]!, 'ALL'), null);
	});

	it('sorts by number, worst first, and by the biggest change on last month', () => {
		const rows = [
			row('G', 1, 'green', {value: 90, previousValue: 45}),
			row('R', 2, 'red', {value: 50, previousValue: 49}),
			row('A', 3, 'amber', {value: 80, previousValue: null}),
			row('R2', 4, 'red', {value: 40, previousValue: 50, trend: 'worsening'}),
		];
		assert.deepEqual(sortIndicators(rows, 'number').map(r => r.code), ['G', 'R', 'A', 'R2']);
		assert.deepEqual(sortIndicators(rows, 'worst').map(r => r.code), ['R2', 'R', 'A', 'G']);
		assert.deepEqual(sortIndicators(rows, 'change').map(r => r.code), ['G', 'R2', 'R', 'A'], 'relative change; no last month goes last');
	});

	it('counts the month in words', () => {
		const rows = [row('A', 1, 'red'), row('B', 2, 'amber'), row('C', 3, 'green'), row('D', 4, 'green')];
		assert.equal(ragSummary(rows), '1 red · 1 amber · 2 green');
		assert.equal(ragSummary([...rows, row('E', 5, 'none')], '.'), '1 red . 1 amber . 2 green . 1 not rated');
	});

	it('describes a team cell in words', () => {
		const fa45 = row('FA45', 3, 'green', {teams: [{...team('OTHER', 63.27, 'red'), numerator: 31, denominator: 49, change: -14, direction: 'down', trend: 'worsening'}]});
		assert.equal(describeCell(fa45, 'Other citywide teams', matrixCell(fa45, 'OTHER'), '2017-12'), 'FA45 Other citywide teams: 63% (31/49), red, target 85%, down 14 pts on last month (worse)');
		assert.equal(describeCell(fa45, 'East', null, '2017-12'), 'FA45 East: missing, no figure for Dec 2017', 'a team figure due and not there');
		const bare = row('REREF', 2, 'green');
		assert.equal(describeCell(bare, 'East', null, '2017-12'), 'REREF East: no team breakdown for Dec 2017');
		assert.equal(changeWords('percent', {change: null, direction: null, trend: null}), 'no figure last month');
	});

	it('filters by number, code or title', () => {
		const fa45 = row('FA45', 3, 'green', {title: 'Family assessments'});
		assert.ok(matchesFilter(fa45, 'family') && matchesFilter(fa45, 'fa45') && matchesFilter(fa45, '3') && matchesFilter(fa45, '  '));
		assert.ok(!matchesFilter(fa45, 'adoption'));
	});
});
