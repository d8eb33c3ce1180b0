import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import type {AgendaItem} from '../source/domain/agenda.js';
import {agendaLine} from '../source/domain/agenda-line.js';
import {itemRows} from '../source/views/agenda/layout.js';
import {fitPresenting} from '../source/views/agenda/presenting.js';
import {AGENDA_BINDINGS, agendaReducer, initialAgendaState, type AgendaState} from '../source/views/agenda/state.js';
import {initialAppState} from '../source/views/app-state.js';
import {listReducer} from '../source/views/list-controller.js';
import type {ScorecardView} from '../source/domain/scorecard-view.js';

// The agenda's reducer and key meanings, without a terminal.

const keys = ['FA45/OTHER', 'CPVISIT/ALL', 'CIC/ALL'];
const at = (selected: string | null, extra: Partial<AgendaState> = {}): AgendaState => {
	const state = initialAgendaState();
	return {...state, list: listReducer({...state.list, selected}, {type: 'sync', keys, height: 10}), ...extra};
};
const selected = (state: AgendaState) => state.list.selected;

/** What a command does on the agenda: the effects its binding's handler returns. */
function effects(state: AgendaState, command: string) {
	const data = {scorecard: {indicators: [{code: 'FA45'}, {code: 'CPVISIT'}, {code: 'CIC'}]}} as unknown as ScorecardView;
	const binding = AGENDA_BINDINGS.find(each => each.command === command)!;
	return binding.run({state, app: {...initialAppState({view: 'agenda'}, null)}, data, route: {view: 'agenda'}});
}

describe('the agenda state', () => {
	it('steps through the items while presenting, then ends, then starts again', () => {
		let state = agendaReducer(at(null), {type: 'present'});
		assert.equal(state.presenting, true);
		state = agendaReducer(state, {type: 'step', by: 1});
		assert.equal(selected(state), 'CPVISIT/ALL');
		state = agendaReducer(state, {type: 'step', by: 1});
		state = agendaReducer(state, {type: 'step', by: 1});
		assert.equal(state.ended, true);
		assert.equal(selected(state), 'CIC/ALL');
		const again = agendaReducer(state, {type: 'step', by: 1});
		assert.deepEqual([again.ended, selected(again)], [false, 'FA45/OTHER']);
		const back = agendaReducer(state, {type: 'step', by: -1});
		assert.deepEqual([back.ended, selected(back)], [false, 'CIC/ALL']);
	});

	it('never steps before the first item, and leaving keeps the selection', () => {
		const first = agendaReducer(at('FA45/OTHER', {presenting: true}), {type: 'step', by: -1});
		assert.equal(selected(first), 'FA45/OTHER');
		const left = agendaReducer(at('CIC/ALL', {presenting: true, ended: true}), {type: 'leave'});
		assert.deepEqual([left.presenting, left.ended, selected(left)], [false, false, 'CIC/ALL']);
	});

	it('moves in the list and clears the end mark when it does', () => {
		const moved = agendaReducer(at('FA45/OTHER', {ended: true}), {type: 'list', action: {type: 'command', command: 'down'}});
		assert.deepEqual([selected(moved), moved.ended], ['CPVISIT/ALL', false]);
		assert.equal(selected(agendaReducer(at(null), {type: 'list', action: {type: 'command', command: 'last'}})), 'CIC/ALL');
	});

	it('maps keys: Space presents, Esc leaves presenting but not the agenda, Enter opens', () => {
		assert.deepEqual(effects(at(null), 'step'), [{view: {type: 'present'}}]);
		assert.deepEqual(effects({...at(null), list: {...at(null).list, keys: []}}, 'step'), []);
		assert.deepEqual(effects(at(null), 'enter'), [{app: {type: 'push', route: {view: 'detail', indicator: 'FA45', team: 'OTHER'}}}]);
		assert.deepEqual(effects(at('CIC/ALL'), 'enter'), [{app: {type: 'push', route: {view: 'detail', indicator: 'CIC'}}}]);
		assert.deepEqual(effects(at(null), 'back'), [{app: {type: 'pop'}}], 'back in the list is the app\'s: back one level');
		assert.deepEqual(effects(at(null, {presenting: true}), 'back'), [{view: {type: 'leave'}}]);
		assert.deepEqual(effects(at(null, {presenting: true}), 'quit'), [{view: {type: 'leave'}}]);
		assert.deepEqual(effects(at(null, {presenting: true, ended: true}), 'enter'), []);
		assert.deepEqual(effects(at(null), 'pageDown'), [{view: {type: 'list', action: {type: 'command', command: 'pageDown'}}}]);
		assert.deepEqual(effects(at(null, {presenting: true}), 'pageDown'), [{view: {type: 'step', by: 1}}]);
		assert.deepEqual(effects(at(null), 'matrix'), [{app: {type: 'push', route: {view: 'matrix'}}}], 't is the app\'s');
	});
});

describe('the agenda layout', () => {
	const item = {
		key: 'FA45/OTHER',
		indicator: 'FA45',
		number: 3,
		title: 'Family assessments completed in timescale',
		unit: 'percent',
		polarity: 'higher',
		team: 'OTHER',
		teamName: 'Other citywide teams (UASC, NRPF, Homeless)',
		severity: 'concern',
		kind: 'concern',
		reasons: ['special cause concern: 2 of 3 points near the lower limit'],
		analyst: [],
		whose: 'Other citywide teams',
		figure: '63%, red',
		line: '3 Family assessments completed in timescale, Other citywide teams: 63%, red; special cause concern: 2 of 3 points near the lower limit',
		value: 63.3,
		previousValue: 78,
		target: 85,
		rag: 'red',
		last12: [],
	} as const satisfies AgendaItem;
	const glyphs = {dot: '·', ellipsis: '…'};

	it('names the indicator by number and title and the team by its short name, never the code', () => {
		assert.deepEqual(itemRows(item, 80, glyphs), [
			'3 Family assessments completed in timescale, Other citywide teams:',
			'63%, red; special cause concern: 2 of 3 points near the lower limit',
		]);
		assert.deepEqual(itemRows({...item, team: 'ALL', teamName: 'Whole service', whose: 'whole service', reasons: ['worse'], line: agendaLine({...item, whose: 'whole service', reasons: ['worse']})}, 90, glyphs), [
			'3 Family assessments completed in timescale, whole service: 63%, red; worse',
		]);
	});

	it('says an item in the agenda\'s own words (the domain\'s line, as --print writes it), unrated figures included', () => {
		const unrated = {...item, rag: 'none' as const, figure: '12', line: agendaLine({...item, figure: '12'})};
		assert.deepEqual(itemRows(unrated, 140, glyphs), [unrated.line]);
		assert.match(unrated.line, /, Other citywide teams: 12; special cause/);
		assert.equal(itemRows(unrated, 80, glyphs)[1], '12; special cause concern: 2 of 3 points near the lower limit');
	});

	it('cuts the title before the team when the terminal is narrow', () => {
		const [first] = itemRows(item, 50, glyphs);
		assert.match(first!, /^3 Family assessments c?…, Other citywide teams:$/);
		assert.ok(first!.length <= 50 - 5);
	});

	it('presents within the height: spacers go first from the bottom, then the sparkline, then commentary beyond its first line', () => {
		type L = {key: string; spacer?: boolean; group?: string};
		const lines: L[] = [
			{key: 'title'},
			{key: 's1', spacer: true},
			{key: 'value'},
			{key: 's2', spacer: true},
			{key: 'c1', group: 'commentary'},
			{key: 'c2', group: 'commentary'},
			{key: 'c3', group: 'commentary'},
			{key: 's3', spacer: true},
			{key: 'spark', group: 'spark'},
		];
		const keys = (height: number) => fitPresenting(lines, height).map(line => line.key);
		assert.deepEqual(keys(9), lines.map(line => line.key));
		assert.deepEqual(keys(8), ['title', 's1', 'value', 's2', 'c1', 'c2', 'c3', 'spark']);
		assert.deepEqual(keys(6), ['title', 'value', 'c1', 'c2', 'c3', 'spark']);
		assert.deepEqual(keys(4), ['title', 'value', 'c1', 'c2']);
		assert.deepEqual(keys(2), ['title', 'value']);
	});
});
