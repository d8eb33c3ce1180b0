import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {buildAgenda, type AgendaInput, type MeasureRevision} from '../source/domain/agenda.js';
import {addMonths} from '../source/domain/periods.js';
import type {IndicatorMonth, Scorecard, TeamFigure} from '../source/domain/scorecard.js';
import type {Assurance, SpcResult, SpcRule, SpcSide, Variation} from '../source/domain/spc.js';
import type {Polarity, Rag, Unit} from '../source/domain/types.js';
import type {TeamDef} from '../source/domain/types.js';

// Hand-made scorecards: each test sets exactly the RAG, SPC verdicts and figures it is about.

const PERIOD = '2017-12';
const PREVIOUS = '2017-11';

const TEAMS: TeamDef[] = [
	{code: 'EAST', name: 'East', population: 1},
	{code: 'SOUTH', name: 'South', population: 1},
	{code: 'OTHER', name: 'Other citywide teams (UASC, NRPF, Homeless)', population: null},
];

type SpcSpec = {rule?: SpcRule | null; side?: SpcSide | null; variation?: Variation; assurance?: Assurance | null; values?: number[]};

/** An SPC result whose latest point carries `rule`/`side` (or nothing), ending at `period`. */
function spc(spec: SpcSpec, period = PERIOD): SpcResult {
	const values = spec.values ?? [80, 81, 79, 80];
	const rule = spec.rule ?? null;
	const side = rule === null ? null : (spec.side ?? 'low');
	const points = values.map((value, i) => ({
		period: addMonths(period, i - values.length + 1),
		value,
		mean: 80,
		upper: 90,
		lower: 70,
		nearUpper: 86,
		nearLower: 74,
		rule: i === values.length - 1 ? rule : null,
		side: i === values.length - 1 ? side : null,
		segment: 0,
	}));
	return {
		mean: 80,
		upper: 90,
		lower: 70,
		nearUpper: 86,
		nearLower: 74,
		trial: false,
		variation: spec.variation ?? (rule === null ? 'common' : 'concern'),
		assurance: spec.assurance ?? null,
		signals: [],
		points,
	};
}

function team(code: string, value: number, rag: Rag, s: SpcResult | null = null): TeamFigure {
	return {team: code, name: code, numerator: null, denominator: null, value, rag, trend: null, direction: null, change: null, spc: s};
}

type IndicatorSpec = {
	code?: string;
	number?: number;
	unit?: Unit;
	polarity?: Polarity;
	value?: number | null;
	rag?: Rag;
	spc?: SpcResult | null;
	teams?: TeamFigure[];
	period?: string;
};

function indicator(spec: IndicatorSpec = {}): IndicatorMonth {
	const period = spec.period ?? PERIOD;
	const value = spec.value === undefined ? 90 : spec.value;
	return {
		code: spec.code ?? 'FA45',
		number: spec.number ?? 3,
		title: 'Family assessments completed in timescale',
		unit: spec.unit ?? 'percent',
		polarity: spec.polarity ?? 'higher',
		measure: 'monthly',
		definition: '',
		targets: [],
		target: 85,
		amber: 5,
		value,
		numerator: null,
		denominator: null,
		rag: spec.rag ?? 'green',
		trend: null,
		direction: null,
		previousValue: null,
		previous6: null,
		benchmarks: {},
		commentary: null,
		teams: spec.teams ?? [],
		series: value === null ? [] : [{period, value, target: 85}],
		rebases: [],
		spc: spec.spc ?? null,
	};
}

function input(current: IndicatorMonth[], previous: IndicatorMonth[] | null, revisions: MeasureRevision[] = []): AgendaInput {
	const card = (period: string, indicators: IndicatorMonth[]): Scorecard => ({period, indicators});
	return {period: PERIOD, current: card(PERIOD, current), previous: previous ? card(PREVIOUS, previous) : null, teams: TEAMS, revisions};
}

const prev = (spec: IndicatorSpec) => indicator({...spec, period: PREVIOUS});

describe('buildAgenda: what is raised', () => {
	it('raises nothing for a team when nothing changed', () => {
		const signal = spc({rule: 'limit', side: 'low', variation: 'concern', assurance: 'fail'});
		const now = team('OTHER', 63.27, 'red', signal);
		const before = team('OTHER', 63, 'red', spc({rule: 'limit', side: 'low', variation: 'concern', assurance: 'fail'}, PREVIOUS));
		const green = {rag: 'green' as Rag, spc: spc({})};
		assert.deepEqual(buildAgenda(input([indicator({...green, teams: [now]})], [prev({...green, teams: [before]})])), []);
	});

	it('keeps the whole service\'s continuing problems in view: a concern still signalling, a target still failed', () => {
		const same = {rag: 'amber' as Rag, spc: spc({rule: 'limit', side: 'low', variation: 'concern', assurance: 'fail'})};
		const items = buildAgenda(input([indicator(same)], [prev(same)]));
		assert.deepEqual(
			items.map(item => [item.team, item.severity, item.kind, item.reasons]),
			[['ALL', 'watch', 'ongoing', ['special cause concern continues: beyond the lower limit', 'consistently failing the target (it lies outside the process limits)']]],
		);
	});

	it('does not call a green figure consistently failing, though the limits say so', () => {
		const green = {rag: 'green' as Rag, spc: spc({assurance: 'fail'})};
		assert.deepEqual(buildAgenda(input([indicator(green)], [prev(green)])), []);
	});

	it('raises a RAG that got worse, amber as watch and red as concern, and not one that got better', () => {
		const items = buildAgenda(
			input(
				[
					indicator({code: 'A', number: 1, rag: 'amber'}),
					indicator({code: 'B', number: 2, rag: 'red'}),
					indicator({code: 'C', number: 3, rag: 'red'}),
					indicator({code: 'D', number: 4, rag: 'amber'}),
				],
				[prev({code: 'A', rag: 'green'}), prev({code: 'B', rag: 'amber'}), prev({code: 'C', rag: 'green'}), prev({code: 'D', rag: 'red'})],
			),
		);
		assert.deepEqual(
			items.map(item => [item.indicator, item.severity, item.reasons]),
			[
				['B', 'concern', ['worse than last month (was amber)']],
				['C', 'concern', ['worse than last month (was green)']],
				['A', 'watch', ['worse than last month (was green)']],
			],
		);
		assert.equal(items[2]!.line, 'A whole service: 90%, amber, worse than last month (was green)');
	});

	it('says why a new special cause concern in a team is raised, in words, with the short team name', () => {
		const other = team('OTHER', 63.27, 'red', spc({rule: 'two_of_three', side: 'low', variation: 'concern'}));
		const before = team('OTHER', 78, 'red', spc({}, PREVIOUS));
		const [item, ...rest] = buildAgenda(input([indicator({teams: [other]})], [prev({teams: [before]})]));
		assert.equal(rest.length, 0);
		assert.equal(item!.team, 'OTHER');
		assert.equal(item!.teamName, 'Other citywide teams (UASC, NRPF, Homeless)');
		assert.equal(item!.severity, 'concern');
		assert.equal(item!.line, 'FA45 Other citywide teams: 63%, red, special cause concern: 2 of 3 points near the lower limit');
		assert.equal(item!.previousValue, 78);
	});

	it('raises a special cause already there last month only as sustained, and one that turned from improvement to concern as new', () => {
		const still = spc({rule: 'shift', side: 'high', variation: 'improvement'});
		const turned = spc({rule: 'limit', side: 'low', variation: 'concern'});
		const items = buildAgenda(
			input(
				[indicator({code: 'SEEN', number: 1, spc: still}), indicator({code: 'CPVISIT', number: 2, spc: turned})],
				[
					prev({code: 'SEEN', spc: spc({rule: 'two_of_three', side: 'high', variation: 'improvement'}, PREVIOUS)}),
					prev({code: 'CPVISIT', spc: spc({rule: 'two_of_three', side: 'high', variation: 'improvement'}, PREVIOUS)}),
				],
			),
		);
		assert.deepEqual(
			items.map(item => [item.indicator, item.kind, item.reasons]),
			[
				['CPVISIT', 'concern', ['special cause concern: beyond the lower limit']],
				// Raised again only as a sustained improvement, after everything new.
				['SEEN', 'sustained', ['improvement sustained: 7+ points above the mean']],
			],
		);
	});

	it('raises new improvements last, and a special cause with no good direction as information', () => {
		const items = buildAgenda(
			input(
				[
					indicator({code: 'UP', number: 1, spc: spc({rule: 'limit', side: 'high', variation: 'improvement'})}),
					indicator({code: 'CPP', number: 2, polarity: 'none', rag: 'none', unit: 'rate_per_10k', value: 32.91, spc: spc({rule: 'shift', side: 'low', variation: 'neutral_low'})}),
				],
				[prev({code: 'UP', spc: spc({}, PREVIOUS)}), prev({code: 'CPP', polarity: 'none', rag: 'none', spc: null})],
			),
		);
		assert.deepEqual(
			items.map(item => [item.indicator, item.severity, item.line]),
			[
				['CPP', 'info', 'CPP whole service: 32.9 /10k, special cause, neither good nor bad: 7+ points below the mean'],
				['UP', 'improvement', 'UP whole service: 90%, green, special cause improvement: beyond the upper limit'],
			],
		);
	});

	it('raises assurance that moved to failing, naming what it was, and not one failing both months', () => {
		const items = buildAgenda(
			input(
				[indicator({code: 'NEW', number: 1, spc: spc({assurance: 'fail'})}), indicator({code: 'OLD', number: 2, spc: spc({assurance: 'fail'})})],
				[prev({code: 'NEW', spc: spc({assurance: 'hit_and_miss'}, PREVIOUS)}), prev({code: 'OLD', spc: spc({assurance: 'fail'}, PREVIOUS)})],
			),
		);
		assert.deepEqual(
			items.map(item => [item.indicator, item.severity, item.reasons]),
			[['NEW', 'concern', ['now consistently failing the target (was hit and miss)']]],
		);
	});

	it('raises figures the last load revised up to the month shown, not later ones', () => {
		const revisions: MeasureRevision[] = [
			{indicator: 'FA45', team: 'EAST', period: '2017-11', previous: 93.2, current: 94.1},
			{indicator: 'FA45', team: 'EAST', period: '2018-01', previous: 50, current: 60},
			{indicator: 'FA45', team: 'SOUTH', period: '2017-12', previous: 88.04, current: 88.1},
		];
		const teams = [team('EAST', 95, 'green'), team('SOUTH', 88.1, 'green')];
		const items = buildAgenda(input([indicator({teams})], [prev({teams})], revisions));
		assert.deepEqual(
			items.map(item => [item.team, item.severity, item.line]),
			[
				['EAST', 'info', 'FA45 East: 95%, green, revised: Nov 2017 was 93% now 94%'],
				['SOUTH', 'info', 'FA45 South: 88%, green, revised: Dec 2017 recounted, still 88%'],
			],
		);
	});

	it('raises a team or the service that had a figure last month and has none now', () => {
		const items = buildAgenda(
			input(
				[indicator({code: 'FA45', number: 1, teams: [team('SOUTH', 90, 'green')]}), indicator({code: 'GONE', number: 2, value: null, rag: 'none'})],
				[prev({code: 'FA45', teams: [team('EAST', 93, 'green'), team('SOUTH', 90, 'green')]}), prev({code: 'GONE', value: 41})],
			),
		);
		assert.deepEqual(
			items.map(item => [item.indicator, item.team, item.severity, item.value, item.line]),
			[
				['FA45', 'EAST', 'info', null, 'FA45 East: no figure, missing this month (Nov 2017: 93%)'],
				['GONE', 'ALL', 'info', null, 'GONE whole service: no figure, missing this month (Nov 2017: 41%)'],
			],
		);
	});

	it('compares nothing with last month when the store has no previous month', () => {
		const items = buildAgenda(input([indicator({rag: 'red', spc: spc({rule: 'limit', side: 'low', variation: 'concern'})})], null));
		assert.deepEqual(items.map(item => item.reasons), [['special cause concern: beyond the lower limit']]);
	});
});

describe('buildAgenda: ranking', () => {
	it('ranks concerns, amber, revisions, missing data, then improvements; by indicator number within each', () => {
		const concern = spc({rule: 'limit', side: 'low', variation: 'concern'});
		const improvement = spc({rule: 'limit', side: 'high', variation: 'improvement'});
		const items = buildAgenda(
			input(
				[
					indicator({code: 'IMPROVE', number: 1, spc: improvement}),
					indicator({code: 'MISSING', number: 2, value: null, rag: 'none'}),
					indicator({code: 'REVISED', number: 3}),
					indicator({code: 'AMBER', number: 4, rag: 'amber'}),
					indicator({code: 'LATE', number: 9, spc: concern}),
					indicator({code: 'EARLY', number: 5, rag: 'red', teams: [team('SOUTH', 60, 'red', concern), team('EAST', 60, 'red', concern)]}),
				],
				[
					prev({code: 'IMPROVE'}),
					prev({code: 'MISSING'}),
					prev({code: 'REVISED'}),
					prev({code: 'AMBER', rag: 'green'}),
					prev({code: 'LATE'}),
					prev({code: 'EARLY', rag: 'amber'}),
				],
				[{indicator: 'REVISED', team: 'ALL', period: PERIOD, previous: 80, current: 90}],
			),
		);
		assert.deepEqual(
			items.map(item => item.key),
			['EARLY/ALL', 'EARLY/EAST', 'EARLY/SOUTH', 'LATE/ALL', 'AMBER/ALL', 'REVISED/ALL', 'MISSING/ALL', 'IMPROVE/ALL'],
		);
		assert.deepEqual(
			items.map(item => item.severity),
			['concern', 'concern', 'concern', 'concern', 'watch', 'info', 'info', 'improvement'],
		);
	});

	it('makes one item per indicator and team with all its reasons, most pressing first, ranked by the most pressing', () => {
		const items = buildAgenda(
			input(
				[indicator({code: 'CPVISIT', rag: 'amber', spc: spc({rule: 'limit', side: 'low', variation: 'concern', assurance: 'fail'})})],
				[prev({code: 'CPVISIT', rag: 'green', spc: spc({rule: 'two_of_three', side: 'high', variation: 'improvement', assurance: 'pass'}, PREVIOUS)})],
				[{indicator: 'CPVISIT', team: 'ALL', period: PREVIOUS, previous: 93, current: 94}],
			),
		);
		assert.equal(items.length, 1);
		assert.equal(items[0]!.severity, 'concern');
		assert.deepEqual(items[0]!.reasons, [
			'special cause concern: beyond the lower limit',
			'now consistently failing the target (was consistently passing)',
			'worse than last month (was green)',
			'revised: Nov 2017 was 93% now 94%',
		]);
		assert.equal(
			items[0]!.line,
			'CPVISIT whole service: 90%, amber, special cause concern: beyond the lower limit; now consistently failing the target (was consistently passing); worse than last month (was green); revised: Nov 2017 was 93% now 94%',
		);
	});
});

describe('buildAgenda: the chart', () => {
	it('gives the last 12 months ending with the month shown, gaps as null', () => {
		const s = spc({rule: 'limit', side: 'low', variation: 'concern', values: [70, 71, 72]});
		const current = indicator({teams: [team('EAST', 72, 'red', s)]});
		const [item] = buildAgenda(input([current], [prev({})]));
		assert.equal(item!.last12.length, 12);
		assert.deepEqual(item!.last12.slice(-4), [null, 70, 71, 72]);
	});
});
