import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {resolveOpenTarget, UsageError} from '../source/flags.js';

// --open CODE[:TEAM]: the starting detail, matched against the store's own codes.

describe('--open', () => {
	const indicators = ['FA45', 'CIC'];
	const teams = ['EAST', 'OTHER'];
	it('takes a code, or a code and a team, in any case', () => {
		assert.deepEqual(resolveOpenTarget('fa45', indicators, teams), {indicator: 'FA45'});
		assert.deepEqual(resolveOpenTarget('FA45:other', indicators, teams), {indicator: 'FA45', team: 'OTHER'});
		assert.deepEqual(resolveOpenTarget('CIC:ALL', indicators, teams), {indicator: 'CIC'}, 'ALL is the whole service');
	});
	it('refuses what the store does not hold in one line', () => {
		assert.throws(() => resolveOpenTarget('NOPE', indicators, teams), (error: unknown) => error instanceof UsageError && error.message === '--open: no indicator "NOPE" in the store (see --help)');
		assert.throws(() => resolveOpenTarget('FA45:WEST', indicators, teams), /no team "WEST" in the store \(teams: EAST, OTHER\)/);
		assert.throws(() => resolveOpenTarget('FA45:', indicators, teams), /give an indicator code/);
		assert.throws(() => resolveOpenTarget('a:b:c', indicators, teams), /give an indicator code/);
	});
});
