import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
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
