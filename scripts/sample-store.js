// `npm install` makes the sample store, once. An existing data/scorecard.db is left exactly as it
// is: it may hold figures someone loaded, and nothing a user loaded is ever silently replaced.
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const store = 'data/scorecard.db';
if (fs.existsSync(store)) {
	console.log(`${store} already exists: left as it is (delete it and run npm install to remake the sample store)`);
	process.exit(0);
}
const samples = fs
	.readdirSync('data/samples')
	.filter(name => name.endsWith('.csv'))
	.sort()
	.map(name => path.join('data/samples', name));
const result = spawnSync(process.execPath, ['dist/load.js', '--db', store, ...samples], {stdio: 'inherit'});
process.exit(result.status ?? 1);
