import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import type {AgendaItem} from '../source/domain/agenda.js';
import {itemRows} from '../source/views/agenda/layout.js';
import {fitPresenting} from '../source/views/agenda/presenting.js';
import {agendaCommand, agendaReducer, initialAgendaState, type AgendaState} from '../source/views/agenda/state.js';

// The agenda's reducer and key meanings, without a terminal.

const keys = ['FA45/OTHER', 'CPVISIT/ALL', 'CIC/ALL'];
const at = (selected: string | null, extra: Partial<AgendaState> = {}): AgendaState => ({...initialAgendaState(), selected, ...extra});

describe('the agenda state', () => {
	it('steps through the items while presenting, then ends, then starts again', () => {
		let state = agendaReducer(at(null), {type: 'present'});
		assert.equal(state.presenting, true);
		state = agendaReducer(state, {type: 'step', by: 1, keys});
		assert.equal(state.selected, 'CPVISIT/ALL');
		state = agendaReducer(state, {type: 'step', by: 1, keys});
		state = agendaReducer(state, {type: 'step', by: 1, keys});
		assert.equal(state.ended, true);
		assert.equal(state.selected, 'CIC/ALL');
		const again = agendaReducer(state, {type: 'step', by: 1, keys});
		assert.deepEqual([again.ended, again.selected], [false, 'FA45/OTHER']);
		const back = agendaReducer(state, {type: 'step', by: -1, keys});
		assert.deepEqual([back.ended, back.selected], [false, 'CIC/ALL']);
	});

	it('never steps before the first item, and leaving keeps the selection', () => {
		const first = agendaReducer(at('FA45/OTHER', {presenting: true}), {type: 'step', by: -1, keys});
		assert.equal(first.selected, 'FA45/OTHER');
		const left = agendaReducer(at('CIC/ALL', {presenting: true, ended: true}), {type: 'leave'});
		assert.deepEqual([left.presenting, left.ended, left.selected], [false, false, 'CIC/ALL']);
	});

	it('moves in the list and clears the end mark when it does', () => {
		const moved = agendaReducer(at('FA45/OTHER', {ended: true}), {type: 'move', by: 1, keys});
		assert.deepEqual([moved.selected, moved.ended], ['CPVISIT/ALL', false]);
		assert.equal(agendaReducer(at(null), {type: 'jump', to: 'last', keys}).selected, 'CIC/ALL');
	});

	it('maps keys: Space presents, Esc leaves presenting but not the agenda, Enter opens', () => {
		assert.deepEqual(agendaCommand(at(null), 'step', keys, 5), {action: {type: 'present'}});
		assert.deepEqual(agendaCommand(at(null), 'step', [], 5), {});
		assert.deepEqual(agendaCommand(at(null), 'enter', keys, 5), {open: true});
		assert.equal(agendaCommand(at(null), 'back', keys, 5), null, 'back in the list is the app\'s');
		assert.deepEqual(agendaCommand(at(null, {presenting: true}), 'back', keys, 5), {action: {type: 'leave'}});
		assert.deepEqual(agendaCommand(at(null, {presenting: true, ended: true}), 'enter', keys, 5), {open: false});
		assert.deepEqual(agendaCommand(at(null), 'pageDown', keys, 5), {action: {type: 'move', by: 5, keys}});
		assert.deepEqual(agendaCommand(at(null, {presenting: true}), 'pageDown', keys, 5), {action: {type: 'step', by: 1, keys}});
		assert.equal(agendaCommand(at(null), 'matrix', keys, 5), null);
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
		line: 'FA45 Other citywide teams: 63%, red, special cause concern: 2 of 3 points near the lower limit',
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
		assert.deepEqual(itemRows({...item, team: 'ALL', teamName: 'Whole service', reasons: ['worse']}, 90, glyphs), [
			'3 Family assessments completed in timescale, whole service: 63%, red; worse',
		]);
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
