import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {buildAgenda, type AgendaInput, type MeasureRevision} from '../source/domain/agenda.js';
import {addMonths} from '../source/domain/periods.js';
import type {IndicatorMonth, Scorecard, TeamFigure} from '../source/domain/scorecard.js';
import type {Assurance, SpcResult, SpcRule, SpcSide, Variation} from '../source/domain/spc.js';
import {DEFAULT_SETTINGS} from '../source/domain/store-settings.js';
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

type SpcSpec = {rule?: SpcRule | null; side?: SpcSide | null; variation?: Variation; assurance?: Assurance | null; values?: number[]; rebaseSuggested?: string | null; baseline?: {from: string; to: string}};

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
		baseline: spec.baseline ?? {from: points[0]!.period, to: points.at(-1)!.period},
		rebaseSuggested: spec.rebaseSuggested ?? null,
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
	const card = (period: string, indicators: IndicatorMonth[]): Scorecard => ({period, indicators, settings: {...DEFAULT_SETTINGS}});
	return {period: PERIOD, current: card(PERIOD, current), previous: previous ? card(PREVIOUS, previous) : null, teams: TEAMS, revisions};
}

const prev = (spec: IndicatorSpec) => indicator({...spec, period: PREVIOUS});

const T = 'Family assessments completed in timescale';

describe('buildAgenda: what is raised', () => {
	it('never raises a green common-cause figure that did not change (team or service)', () => {
		const green = {rag: 'green' as Rag, spc: spc({})};
		const teamNow = team('EAST', 90, 'green', spc({}));
		const teamBefore = team('EAST', 90, 'green', spc({}, PREVIOUS));
		assert.deepEqual(buildAgenda(input([indicator({...green, teams: [teamNow]})], [prev({...green, teams: [teamBefore]})])), []);
	});

	it('raises every red figure, indicator or team, with or without SPC, and whether or not it was red before', () => {
		const items = buildAgenda(
			input(
				[
					indicator({code: 'CLEET', number: 8, value: 50, rag: 'red', spc: null}),
					indicator({code: 'FA45', number: 3, rag: 'green', teams: [team('OTHER', 63.27, 'red'), team('EAST', 90, 'green')]}),
				],
				[prev({code: 'CLEET', number: 8, value: 51, rag: 'red', spc: null}), prev({code: 'FA45', teams: [team('OTHER', 79, 'red'), team('EAST', 90, 'green')]})],
			),
		);
		assert.deepEqual(
			items.map(item => [item.key, item.severity, item.kind, item.reasons]),
			[
				['FA45/OTHER', 'concern', 'red', ['red against the 85% target, also last month']],
				['CLEET/ALL', 'concern', 'red', ['red against the 85% target, also last month']],
			],
		);
		assert.equal(items[0]!.line, `3 ${T}, Other citywide teams: 63%, red; red against the 85% target, also last month`);
		assert.equal(items[0]!.teamName, 'Other citywide teams (UASC, NRPF, Homeless)');
		assert.equal(items[0]!.previousValue, 79);
	});

	it('says a red figure got worse, and raises an amber only when it got worse', () => {
		const items = buildAgenda(
			input(
				[
					indicator({code: 'A', number: 1, rag: 'amber'}),
					indicator({code: 'B', number: 2, rag: 'red'}),
					indicator({code: 'D', number: 4, rag: 'amber'}),
					indicator({code: 'E', number: 5, rag: 'amber'}),
				],
				[prev({code: 'A', rag: 'green'}), prev({code: 'B', rag: 'amber'}), prev({code: 'D', rag: 'red'}), prev({code: 'E', rag: 'amber'})],
			),
		);
		assert.deepEqual(
			items.map(item => [item.indicator, item.severity, item.reasons]),
			[
				['B', 'concern', ['red against the 85% target, worse than last month (was amber)']],
				['A', 'watch', ['amber: worse than last month (was green)']],
			],
		);
	});

	it('raises a new special cause concern in words, and not one that was there last month', () => {
		const concern = spc({rule: 'two_of_three', side: 'low', variation: 'concern'});
		const items = buildAgenda(
			input(
				[indicator({code: 'NEW', number: 1, spc: concern}), indicator({code: 'OLD', number: 2, spc: concern})],
				[prev({code: 'NEW', spc: spc({}, PREVIOUS)}), prev({code: 'OLD', spc: spc({rule: 'limit', side: 'low', variation: 'concern'}, PREVIOUS)})],
			),
		);
		assert.deepEqual(
			items.map(item => [item.indicator, item.severity, item.reasons]),
			[['NEW', 'concern', ['new special cause concern: 2 of 3 points near the lower limit']]],
		);
	});

	it('raises one that turned from improvement to concern as new, new improvements as improvements and a signal with no good direction as a note', () => {
		const items = buildAgenda(
			input(
				[
					indicator({code: 'TURNED', number: 1, spc: spc({rule: 'limit', side: 'low', variation: 'concern'})}),
					indicator({code: 'UP', number: 2, spc: spc({rule: 'limit', side: 'high', variation: 'improvement'})}),
					indicator({code: 'CPP', number: 5, polarity: 'none', rag: 'none', unit: 'rate_per_10k', value: 32.91, spc: spc({rule: 'shift', side: 'low', variation: 'neutral_low'})}),
				],
				[
					prev({code: 'TURNED', spc: spc({rule: 'two_of_three', side: 'high', variation: 'improvement'}, PREVIOUS)}),
					prev({code: 'UP', spc: spc({}, PREVIOUS)}),
					prev({code: 'CPP', polarity: 'none', rag: 'none', spc: null}),
				],
			),
		);
		assert.deepEqual(
			items.map(item => [item.indicator, item.severity, item.line]),
			[
				['TURNED', 'concern', `1 ${T}, whole service: 90%, green; new special cause concern: beyond the lower limit`],
				['UP', 'improvement', `2 ${T}, whole service: 90%, green; new special cause improvement: beyond the upper limit`],
				['CPP', 'note', `5 ${T}, whole service: 32.9 /10k; new special cause, neither good nor bad: 7+ points below the mean`],
			],
		);
	});

	it('raises assurance newly failing, naming what it was; not one failing both months, nor a green figure', () => {
		const items = buildAgenda(
			input(
				[
					indicator({code: 'NEW', number: 1, rag: 'amber', spc: spc({assurance: 'fail'})}),
					indicator({code: 'OLD', number: 2, rag: 'amber', spc: spc({assurance: 'fail'})}),
					indicator({code: 'GREEN', number: 3, rag: 'green', spc: spc({assurance: 'fail'})}),
				],
				[
					prev({code: 'NEW', rag: 'amber', spc: spc({assurance: 'hit_and_miss'}, PREVIOUS)}),
					prev({code: 'OLD', rag: 'amber', spc: spc({assurance: 'fail'}, PREVIOUS)}),
					prev({code: 'GREEN', spc: spc({assurance: 'hit_and_miss'}, PREVIOUS)}),
				],
			),
		);
		assert.deepEqual(
			items.map(item => [item.indicator, item.severity, item.reasons]),
			[['NEW', 'concern', ['assurance newly failing: the target lies outside the process limits (was hit and miss)']]],
		);
	});

	it('notes stale limits once, for the whole service, and never calls them failing', () => {
		const stale = spc({rule: 'shift', side: 'low', variation: 'improvement', rebaseSuggested: '2017-01', baseline: {from: '2016-01', to: '2016-12'}});
		const items = buildAgenda(
			input(
				[indicator({code: 'AGENCY', number: 14, polarity: 'lower', spc: stale, teams: [team('EAST', 14, 'green', stale)]})],
				[prev({code: 'AGENCY', polarity: 'lower', spc: stale, teams: [team('EAST', 15, 'green', stale)]})],
			),
		);
		assert.deepEqual(
			items.map(item => [item.key, item.severity, item.reasons]),
			[['AGENCY/ALL', 'note', ['limits from Jan-Dec 2016 no longer describe this figure: it moved in Jan 2017; record a rebase to judge assurance']]],
		);
		assert.doesNotMatch(items[0]!.line, /failing|passing/);
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
				['EAST', 'note', `3 ${T}, East: 95%, green; revised since the last load: Nov 2017 was 93%, now 94%`],
				['SOUTH', 'note', `3 ${T}, South: 88%, green; revised since the last load: Dec 2017 recounted, still 88%`],
			],
		);
	});

	it('raises missing figures as one note per indicator, naming the whole service and teams that had one last month', () => {
		const items = buildAgenda(
			input(
				[
					indicator({code: 'FA45', number: 1, teams: [team('SOUTH', 90, 'green')]}),
					indicator({code: 'GONE', number: 2, value: null, rag: 'none'}),
				],
				[
					prev({code: 'FA45', teams: [team('EAST', 93, 'green'), team('SOUTH', 90, 'green'), team('OTHER', 90, 'green')]}),
					prev({code: 'GONE', value: 41, teams: [team('EAST', 40, 'green')]}),
				],
			),
		);
		assert.deepEqual(
			items.map(item => [item.key, item.severity, item.reasons]),
			[
				['FA45/ALL', 'note', ['missing this month: East, Other citywide teams (had figures in Nov 2017)']],
				['GONE/ALL', 'note', ['missing this month: whole service, East (had figures in Nov 2017)']],
			],
		);
	});

	it('raises a partial month’s missing figures as one note', () => {
		const current = [indicator({code: 'A', number: 1}), indicator({code: 'B', number: 2, value: null}), indicator({code: 'C', number: 3, value: null})];
		const items = buildAgenda({...input(current, [prev({code: 'A'}), prev({code: 'B'}), prev({code: 'C'})]), coverage: {period: PERIOD, indicators: 1, of: 3}});
		assert.deepEqual(
			items.map(item => [item.key, item.severity, item.line]),
			[['partial/2017-12', 'note', 'Dec 2017 partial: 1 of 3 indicators; no whole-service figure yet for 2, 3']],
		);
	});

	it('compares nothing with last month when the store has no previous month', () => {
		const items = buildAgenda(input([indicator({rag: 'red', spc: spc({rule: 'limit', side: 'low', variation: 'concern'})})], null));
		assert.deepEqual(items.map(item => item.reasons), [['red against the 85% target', 'new special cause concern: beyond the lower limit']]);
	});
});

describe('buildAgenda: ranking', () => {
	it('ranks concerns, watch, improvements, then notes; red before amber before green within each; every red above every green', () => {
		const concern = spc({rule: 'limit', side: 'low', variation: 'concern'});
		const improvement = spc({rule: 'limit', side: 'high', variation: 'improvement'});
		const items = buildAgenda(
			input(
				[
					indicator({code: 'IMPROVE', number: 1, spc: improvement}),
					indicator({code: 'MISSING', number: 2, value: null, rag: 'none'}),
					indicator({code: 'REVISED', number: 3}),
					indicator({code: 'AMBER', number: 4, rag: 'amber'}),
					indicator({code: 'GREENCONCERN', number: 6, spc: concern}),
					indicator({code: 'AMBERCONCERN', number: 7, rag: 'amber', spc: concern}),
					indicator({code: 'REDIMPROVING', number: 9, rag: 'red', spc: improvement}),
					indicator({code: 'EARLY', number: 5, rag: 'red', teams: [team('SOUTH', 60, 'red', concern), team('EAST', 60, 'red', concern)]}),
				],
				[
					prev({code: 'IMPROVE'}),
					prev({code: 'MISSING'}),
					prev({code: 'REVISED'}),
					prev({code: 'AMBER', rag: 'green'}),
					prev({code: 'GREENCONCERN'}),
					prev({code: 'AMBERCONCERN', rag: 'amber'}),
					prev({code: 'REDIMPROVING', rag: 'red'}),
					prev({code: 'EARLY', rag: 'amber'}),
				],
				[{indicator: 'REVISED', team: 'ALL', period: PERIOD, previous: 80, current: 90}],
			),
		);
		assert.deepEqual(
			items.map(item => `${item.key} ${item.severity} ${item.rag}`),
			[
				'EARLY/ALL concern red',
				'EARLY/EAST concern red',
				'EARLY/SOUTH concern red',
				'REDIMPROVING/ALL concern red',
				'AMBERCONCERN/ALL concern amber',
				'GREENCONCERN/ALL concern green',
				'AMBER/ALL watch amber',
				'IMPROVE/ALL improvement green',
				'REVISED/ALL note green',
				'MISSING/ALL note none',
			],
		);
		const lastRed = items.map(item => item.rag).lastIndexOf('red');
		const firstGreen = items.map(item => item.rag).indexOf('green');
		assert.ok(lastRed < firstGreen);
	});

	it('makes one item per indicator and team with all its reasons, most pressing first', () => {
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
			'new special cause concern: beyond the lower limit',
			'assurance newly failing: the target lies outside the process limits (was consistently passing)',
			'amber: worse than last month (was green)',
			'revised since the last load: Nov 2017 was 93%, now 94%',
		]);
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
