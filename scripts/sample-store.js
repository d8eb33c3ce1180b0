// `npm install` makes the sample store, once. An existing data/scorecard.db is left exactly as it
// is: it may hold figures someone loaded, and nothing a user loaded is ever silently replaced.
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const store = 'data/scorecard.db';
const key = `${store}.key`;
if (fs.existsSync(store)) {
	// Its figures stay; a worker key readable by others is closed to them (only loaders read it).
	if (fs.existsSync(key) && (fs.statSync(key).mode & 0o077) !== 0) {
		fs.chmodSync(key, 0o600);
		console.log(`${key} was readable by others: now 0600`);
	}
	console.log(`${store} already exists: left as it is (delete it and run npm install to remake the sample store)`);
	process.exit(0);
}
const samples = fs
	.readdirSync('data/samples')
	.filter(name => name.endsWith('.csv'))
	.sort()
	.map(name => path.join('data/samples', name));
const result = spawnSync(process.execPath, ['dist/load.js', '--db', store, ...samples], {stdio: 'inherit'});
// The worker key is for loaders only, whatever folder or umask the checkout has: this user alone.
if (result.status === 0 && fs.existsSync(key)) fs.chmodSync(key, 0o600);
process.exit(result.status ?? 1);
