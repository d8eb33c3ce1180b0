// `npm test` on a fresh machine: scripts/test-setup.js installs what the end-to-end tests drive
// when run as root, and otherwise stops with the one apt-get line to run.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {after, before, describe, it} from 'node:test';
import {REPO} from './helpers/pty.js';
import {createSecondUser, sharedInstall, type SecondUser} from './helpers/second-user.js';

const SETUP = path.join(REPO, 'scripts/test-setup.js');

describe('test setup', () => {
	let user: SecondUser;
	let empty: string;
	before(() => {
		user = createSecondUser('setup');
		empty = fs.mkdtempSync(path.join(os.tmpdir(), 'scorecard-nopath-'));
		fs.chmodSync(empty, 0o755);
	});
	after(() => {
		user?.remove();
		fs.rmSync(empty, {recursive: true, force: true});
	});

	it('finds everything the tests need on this machine (it installed what was missing)', async () => {
		const {missingPackages} = (await import(SETUP)) as {missingPackages: () => string[]};
		assert.deepEqual(missingPackages(), []);
	});

	it('not root, with tmux and ssh not on PATH: fails with the one apt-get line, installs nothing', async () => {
		// A PATH without /usr/bin hides tmux, ssh, ssh-keygen and mount (the sbin folders are always searched).
		// The script as the shared install holds it: the checkout may be in a folder the user cannot enter.
		const result = await user.run('/usr/bin/env', [`PATH=${empty}`, process.execPath, sharedInstall().testSetup]);
		assert.equal(result.code, 1);
		const lines = result.stderr.trim().split('\n');
		assert.equal(lines.length, 1, result.stderr);
		assert.match(lines[0]!, /^test setup: the end-to-end tests need tmux, openssh-client.*: run as root: apt-get install -y --no-install-recommends tmux openssh-client/);
		assert.doesNotMatch(result.stdout, /installing/);
	});
});
