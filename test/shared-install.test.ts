// The README's "On a shared server" section, done as it says: a loaders' group, a setgid store
// folder, umask 002 for loaders, SCORECARD_DB for everyone, `scorecard` and `scorecard-load` on
// PATH as symlinks to the package's bin. Two loaders and a reader, each a real Unix user.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {after, before, describe, it} from 'node:test';
import {assertBuilt, shellQuote} from './helpers/pty.js';
import {createGroup, createSecondUser, sharedFolder, sharedInstall, type SecondUser} from './helpers/second-user.js';
import {SAMPLE} from './helpers/sample.js';
import {formatPeriod} from '../source/domain/periods.js';

describe('install on a shared server, as the README says', () => {
	let group: {name: string; remove(): void};
	let alice: SecondUser;
	let bob: SecondUser;
	let reader: SecondUser;
	let store: string;
	let env: Record<string, string>;
	let csv: string;

	before(() => {
		assertBuilt();
		group = createGroup('loaders');
		alice = createSecondUser('alice', {groups: [group.name]});
		bob = createSecondUser('bob', {groups: [group.name]});
		reader = createSecondUser('reader');
		// /opt/scorecard is the shared install (every user can reach it, wherever the checkout is);
		// /usr/local/bin stands in a folder of the test's own, as the README's two `ln -s` lines.
		const bin = sharedFolder('scorecard-bin-');
		fs.symlinkSync(sharedInstall().cli, path.join(bin, 'scorecard'));
		fs.symlinkSync(sharedInstall().loader, path.join(bin, 'scorecard-load'));
		// install -d -m 2775 -g scorecard-loaders /srv/scorecard
		const folder = sharedFolder('scorecard-srv-');
		fs.chownSync(folder, 0, Number(fs.readFileSync('/etc/group', 'utf8').split('\n').find(l => l.startsWith(`${group.name}:`))!.split(':')[2]));
		fs.chmodSync(folder, 0o2775);
		store = path.join(folder, 'scorecard.db');
		// /etc/profile.d/scorecard.sh, and node where `#!/usr/bin/env node` finds it.
		env = {PATH: [bin, path.dirname(process.execPath), '/usr/bin', '/bin'].join(':'), SCORECARD_DB: store};
		csv = sharedFolder('scorecard-csv-');
		for (const value of [6, 5]) fs.writeFileSync(path.join(csv, `change-${value}.csv`), `period,indicator,team,numerator,denominator,value\n${SAMPLE.latest},UNALLOC7,ALL,${value},,\n`);
	});
	after(() => {
		for (const user of [alice, bob, reader]) user?.remove();
		group?.remove();
	});

	const sh = (user: SecondUser, command: string) => user.run('/bin/sh', ['-c', command], {env});

	it('a loader with umask 002 makes a group-writable store in the setgid folder', async () => {
		const loaded = await sh(alice, `umask 002 && scorecard-load ${sharedInstall().samples.map(shellQuote).join(' ')}`);
		assert.equal(loaded.code, 0, loaded.stderr);
		const stat = fs.statSync(store);
		assert.equal(stat.mode & 0o777, 0o664, `store mode ${(stat.mode & 0o777).toString(8)}`);
		assert.equal(stat.gid, fs.statSync(path.dirname(store)).gid, "the store has the loaders' group (setgid folder)");
	});

	it('the next loader, another user in the group, can load into it', async () => {
		const loaded = await sh(bob, `umask 002 && scorecard-load --replace ${shellQuote(path.join(csv, 'change-6.csv'))}`);
		assert.equal(loaded.code, 0, loaded.stderr);
	});

	it('a reader outside the group reads it with SCORECARD_DB alone; doctor says so, one line each', async () => {
		const json = await sh(reader, 'scorecard --json');
		assert.equal(json.code, 0, json.stderr);
		assert.equal(JSON.parse(json.stdout).indicators[0].value, 6);
		const doctor = await sh(reader, 'scorecard doctor');
		assert.equal(doctor.code, 0, doctor.stdout);
		const lines = doctor.stdout.trim().split('\n');
		assert.match(lines[0]!, new RegExp(`^store {6}${store.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(from SCORECARD_DB\\)$`));
		assert.match(doctor.stdout, /^schema {5}version \d+ \(this scorecard knows \d+\)$/m);
		assert.match(doctor.stdout, new RegExp(`^months {5}${SAMPLE.months.length}: ${formatPeriod(SAMPLE.first)} to ${SAMPLE.latestMonth}$`, 'm'));
		assert.match(doctor.stdout, new RegExp(`^last load  \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC by ${bob.name}$`, 'm'));
		assert.match(doctor.stdout, new RegExp(`^read {7}yes, as ${reader.name}$`, 'm'));
		assert.match(doctor.stdout, /^live {7}yes/m);
		assert.match(doctor.stdout, /^load here  no/m);
		assert.match(doctor.stdout, /^key file   .*not (found|readable) here \(not needed to read/m);
		for (const line of lines) assert.ok(!line.includes('\n'));
	});

	it('a reader cannot load (the folder is the loaders\') and the store is unchanged', async () => {
		const before = fs.readFileSync(store);
		const refused = await sh(reader, `scorecard-load --replace ${shellQuote(path.join(csv, 'change-5.csv'))}`);
		assert.notEqual(refused.code, 0);
		assert.ok(fs.readFileSync(store).equals(before));
	});
});
