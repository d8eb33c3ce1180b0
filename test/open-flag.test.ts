import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {resolveOpenTarget, UsageError} from '../source/flags.js';

// --open N|CODE[:TEAM]: the starting detail, by the grid's number or the store's own code.

describe('--open', () => {
	const indicators = [{code: 'FA45', number: 3}, {code: 'CIC', number: 7}];
	const teams = ['EAST', 'OTHER'];
	it('takes a code, or a code and a team, in any case', () => {
		assert.deepEqual(resolveOpenTarget('fa45', indicators, teams), {indicator: 'FA45'});
		assert.deepEqual(resolveOpenTarget('FA45:other', indicators, teams), {indicator: 'FA45', team: 'OTHER'});
		assert.deepEqual(resolveOpenTarget('CIC:ALL', indicators, teams), {indicator: 'CIC'}, 'ALL is the whole service');
	});
	it('takes the number the grid shows, with a team too', () => {
		assert.deepEqual(resolveOpenTarget('3', indicators, teams), {indicator: 'FA45'});
		assert.deepEqual(resolveOpenTarget('7:east', indicators, teams), {indicator: 'CIC', team: 'EAST'});
		assert.throws(() => resolveOpenTarget('15', indicators, teams), /--open: no indicator "15" in the store \(numbers 3-7\)/);
	});
	it('refuses what the store does not hold in one line', () => {
		assert.throws(() => resolveOpenTarget('NOPE', indicators, teams), (error: unknown) => error instanceof UsageError && error.message === '--open: no indicator "NOPE" in the store (numbers 3-7) (see --help)');
		assert.throws(() => resolveOpenTarget('FA45:WEST', indicators, teams), /no team "WEST" in the store \(teams: EAST, OTHER\)/);
		assert.throws(() => resolveOpenTarget('FA45:', indicators, teams), /give an indicator's number or code/);
		assert.throws(() => resolveOpenTarget('a:b:c', indicators, teams), /give an indicator's number or code/);
	});
});
