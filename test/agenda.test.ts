import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {agendaNotice, buildAgenda, type AgendaInput, type MeasureRevision} from '../source/domain/agenda.js';
import {addMonths} from '../source/domain/periods.js';
import type {IndicatorMonth, Scorecard, TeamFigure} from '../source/domain/scorecard.js';
import type {Assurance, SignalVariation, SpcResult, SpcRule, SpcSide, Variation} from '../source/domain/spc.js';
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

type SpcSpec = {rule?: SpcRule | null; side?: SpcSide | null; variation?: Variation; assurance?: Assurance | null; values?: number[]; rebaseSuggested?: string | null; baseline?: {from: string; to: string}; months?: number};

// Limits that give the assurance asked for against the 85% target (higher is better).
const LIMITS: Record<Assurance | 'none', {mean: number; upper: number; lower: number}> = {
	pass: {mean: 91, upper: 96, lower: 86},
	fail: {mean: 70, upper: 80, lower: 60},
	hit_and_miss: {mean: 80, upper: 90, lower: 70},
	none: {mean: 80, upper: 90, lower: 70},
};

/** An SPC result whose latest point carries `rule`/`side` (or nothing), ending at `period`. */
function spc(spec: SpcSpec, period = PERIOD): SpcResult {
	const values = spec.values ?? [80, 81, 79, 80];
	const rule = spec.rule ?? null;
	const side = rule === null ? null : (spec.side ?? 'low');
	const variation = spec.variation ?? (rule === null ? 'common' : 'concern');
	const colour: SignalVariation | null = variation === 'neutral_high' || variation === 'neutral_low' ? 'neutral' : variation === 'common' ? null : variation;
	const limits = LIMITS[spec.assurance ?? 'none'];
	const points = values.map((value, i) => ({
		period: addMonths(period, i - values.length + 1),
		value,
		...limits,
		nearUpper: limits.mean + 6,
		nearLower: limits.mean - 6,
		rule: i === values.length - 1 ? rule : null,
		side: i === values.length - 1 ? side : null,
		variation: i === values.length - 1 ? colour : null,
		segment: 0,
	}));
	return {
		...limits,
		nearUpper: limits.mean + 6,
		nearLower: limits.mean - 6,
		method: 'xmr',
		withheld: null,
		variation,
		assurance: spec.assurance ?? null,
		baseline: spec.baseline ?? {from: points[0]!.period, to: points.at(-1)!.period},
		rebaseSuggested: spec.rebaseSuggested ?? null,
		runs: {high: 7, low: 7, trend: 7},
		minPoints: 13,
		latest: rule === null || side === null || colour === null ? null : {period, rule, side, variation: colour, months: spec.months ?? (rule === 'limit' ? 1 : 7)},
		signals: [],
		points,
	};
}

function team(code: string, value: number, rag: Rag, s: SpcResult | null = null, counts: {numerator?: number; denominator?: number} = {}): TeamFigure {
	return {team: code, name: code, numerator: counts.numerator ?? null, denominator: counts.denominator ?? null, value, rag, trend: null, direction: null, change: null, spc: s};
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
	target?: number | null;
	amber?: number | null;
	numerator?: number | null;
	denominator?: number | null;
};

function indicator(spec: IndicatorSpec = {}): IndicatorMonth {
	const period = spec.period ?? PERIOD;
	const value = spec.value === undefined ? 90 : spec.value;
	const target = spec.target === undefined ? 85 : spec.target;
	return {
		code: spec.code ?? 'FA45',
		number: spec.number ?? 3,
		title: 'Family assessments completed in timescale',
		unit: spec.unit ?? 'percent',
		polarity: spec.polarity ?? 'higher',
		measure: 'monthly',
		definition: '',
		targets: [],
		target,
		proRata: null,
		amber: spec.amber === undefined ? 5 : spec.amber,
		value,
		numerator: spec.numerator ?? null,
		denominator: spec.denominator ?? null,
		rag: spec.rag ?? 'green',
		trend: null,
		direction: null,
		previousValue: null,
		previous6: null,
		benchmarks: {},
		commentary: null,
		teams: spec.teams ?? [],
		series: value === null ? [] : [{period, value, target}],
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

	it('raises a new special cause concern in words; one that was there last month is watch, "continues"', () => {
		const concern = spc({rule: 'two_of_three', side: 'low', variation: 'concern'});
		const items = buildAgenda(
			input(
				[indicator({code: 'NEW', number: 1, spc: concern}), indicator({code: 'OLD', number: 2, spc: concern})],
				[prev({code: 'NEW', spc: spc({}, PREVIOUS)}), prev({code: 'OLD', spc: spc({rule: 'limit', side: 'low', variation: 'concern'}, PREVIOUS)})],
			),
		);
		assert.deepEqual(
			items.map(item => [item.indicator, item.severity, item.reasons]),
			[
				['NEW', 'concern', ['new special cause concern: 2 of 3 months near the lower limit']],
				['OLD', 'watch', ['special cause concern continues: 2 of 3 months near the lower limit']],
			],
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
				['CPP', 'note', `5 ${T}, whole service: 32.9 /10k; new special cause, neither good nor bad: 7 months in a row below the average`],
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
			[['AGENCY/ALL', 'note', ['limits from Jan-Dec 2016 no longer describe this figure: it moved in Jan 2017, so no assurance verdict']]],
		);
		assert.doesNotMatch(items[0]!.line, /failing|passing/);
		// The analyst's instruction is kept apart: never in the words read aloud.
		assert.doesNotMatch(items[0]!.line, /record|rebase/);
		assert.deepEqual(items[0]!.analyst, ['record a recalculation from Jan 2017 (a rebases row) to judge assurance']);
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
				// Revised from 80% (amber) to 90% (green): a changed RAG ranks with the watch items.
				'REVISED/ALL watch green',
				'IMPROVE/ALL improvement green',
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
			'assurance newly failing: the target lies outside the process limits (was consistently passing), judged on the months before this one',
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

describe('buildAgenda: the rules a careful analyst would not get wrong', () => {
	it('a target change is named, and RAG and assurance are compared like for like: no "worse" or "newly failing" from the target alone', () => {
		// Raised from 80% to 90% (amber band 5). Last month 85%: green against 80, amber against 90.
		// This month 86%: amber against 90. Last month's limits 70..90 judged against 90: hit and miss.
		const now = indicator({value: 86, rag: 'amber', target: 90, spc: spc({assurance: 'hit_and_miss'})});
		const before = prev({value: 85, rag: 'green', target: 80, spc: spc({assurance: 'pass'}, PREVIOUS)});
		const items = buildAgenda(input([now], [before]));
		assert.deepEqual(items.map(item => [item.severity, item.reasons]), [['note', ['target raised from 80% to 90% this month']]]);
		assert.doesNotMatch(items[0]!.line, /worse|newly failing/);
	});

	it('a target change with a figure that did get worse by the new target says so, by that target', () => {
		const now = indicator({value: 80, rag: 'red', target: 90});
		const before = prev({value: 86, rag: 'green', target: 80});
		const [item] = buildAgenda(input([now], [before]));
		assert.deepEqual(item!.reasons, ['red against the 90% target, worse than last month by this target (was amber)', 'target raised from 80% to 90% this month']);
	});

	it('a target lowered, set or removed is named too', () => {
		const named = (was: number | null, now: number | null) => buildAgenda(input([indicator({target: now})], [prev({target: was})])).flatMap(item => item.reasons);
		assert.deepEqual(named(90, 80), ['target lowered from 90% to 80% this month']);
		assert.deepEqual(named(null, 80), ['target set at 80% this month']);
		assert.deepEqual(named(80, null), ['target removed this month (was 80%)']);
	});

	it('shows the decimal that explains a red or amber when rounding hides it', () => {
		// 849 of 1,000 against 85%: "85%, red against the 85% target" would contradict itself.
		const red = buildAgenda(input([indicator({value: 84.9, rag: 'red', amber: null})], null));
		assert.match(red[0]!.line, /: 84\.9%, red; red against the 85% target$/);
		// Red with an amber band: it missed the band's edge (80%), not the target.
		const redBand = buildAgenda(input([indicator({value: 79.96, rag: 'red'})], null));
		assert.match(redBand[0]!.line, /: 79\.96%, red; /);
		// A figure whose rounding does not hide anything keeps the unit's decimals.
		const clear = buildAgenda(input([indicator({value: 71.2, rag: 'red'})], null));
		assert.match(clear[0]!.line, /: 71%, red; /);
	});

	it('an amber whose value worsened, still amber, is watch', () => {
		const items = buildAgenda(input([indicator({value: 82, rag: 'amber'})], [prev({value: 83.5, rag: 'amber'})]));
		assert.deepEqual(items.map(item => [item.severity, item.reasons]), [['watch', ['amber, and worse than last month (was 84%)']]]);
		// An amber that improved is not raised.
		assert.deepEqual(buildAgenda(input([indicator({value: 83.5, rag: 'amber'})], [prev({value: 82, rag: 'amber'})])), []);
	});

	it('a revision that turns a month red ranks with the concerns, in words with both RAGs', () => {
		const revisions: MeasureRevision[] = [{indicator: 'FA45', team: 'ALL', period: PREVIOUS, previous: 86, current: 78}];
		const [item] = buildAgenda(input([indicator({})], [prev({})], revisions));
		assert.equal(item!.severity, 'concern');
		assert.equal(item!.kind, 'revised_red');
		assert.deepEqual(item!.reasons, ['revised since the last load: Nov 2017 was 86% (green), now 78% (red)']);
	});

	it('a team with a small denominator shows its counts', () => {
		const small = team('OTHER', 60, 'red', null, {numerator: 3, denominator: 5});
		const large = team('EAST', 60, 'red', null, {numerator: 300, denominator: 500});
		const items = buildAgenda(input([indicator({teams: [small, large]})], null));
		assert.deepEqual(
			items.map(item => item.line.split('; ')[0]),
			[`3 ${T}, East: 60%, red`, `3 ${T}, Other citywide teams: 60% (3 of 5), red`],
		);
	});

	it('the month shown, and why, when the newest month is partial', () => {
		assert.equal(
			agendaNotice({period: PREVIOUS, newerPartial: {period: PERIOD, indicators: 13, of: 14}}),
			'Agenda for Nov 2017: Dec 2017 is partial (13 of 14 indicators have a whole-service figure), so it is not shown yet',
		);
		assert.equal(agendaNotice({period: PERIOD, newerPartial: null, coverage: null}), null);
		assert.match(agendaNotice({period: PERIOD, coverage: {period: PERIOD, indicators: 2, of: 14}})!, /^Agenda for Dec 2017, a partial month: 2 of 14/);
	});

	it('no "newly failing" when last month had no verdict (too few months)', () => {
		const now = indicator({rag: 'red', value: 70, spc: spc({assurance: 'fail'})});
		const before = prev({rag: 'red', value: 70, spc: {...spc({}, PREVIOUS), assurance: null, variation: null, withheld: {reason: 'too_few', points: 12, needed: 13}}});
		const [item] = buildAgenda(input([now], [before]));
		assert.deepEqual(item!.reasons, ['red against the 85% target, also last month']);
	});
});
