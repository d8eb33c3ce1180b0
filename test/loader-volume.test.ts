import assert from 'node:assert/strict';
import path from 'node:path';
import {test} from 'node:test';
import {addMonths} from '../source/domain/periods.js';
import {runLoad} from '../source/loader/load.js';
import {FIXED_NOW, storeContent, tempDir, writeCsv} from './helpers/temp-store.js';

// 100,000 measure rows load whole and reload as unchanged. Their speed is measured by `npm run bench`
// against the sqlite3 tool's .import, never asserted as a time here.
const TEAMS = 20;
const INDICATORS = 50;
const MONTHS = 100;

function generate(dir: string): string[] {
	const teams = ['code,name,population', ...Array.from({length: TEAMS}, (_, t) => `T${t},Team ${t},${10_000 + t}`)].join('\n');
	const units = ['percent', 'rate_per_10k', 'count', 'days', 'average'];
	const indicators = [
		'code,number,title,unit,polarity,target,amber,measure,definition',
		...Array.from({length: INDICATORS}, (_, i) => `I${i},${i + 1},Indicator ${i},${units[i % units.length]},higher,,,monthly,Generated`),
	].join('\n');
	const lines = ['period,indicator,team,numerator,denominator,value'];
	for (let m = 0; m < MONTHS; m++) {
		const period = addMonths('2017-12', -m);
		for (let i = 0; i < INDICATORS; i++) {
			const unit = units[i % units.length];
			for (let t = 0; t < TEAMS; t++) {
				const n = (m * 7 + i * 3 + t) % 300;
				if (unit === 'count') lines.push(`${period},I${i},T${t},${n},,`);
				else if (unit === 'rate_per_10k') lines.push(`${period},I${i},T${t},${n},,`);
				else if (unit === 'average') lines.push(`${period},I${i},T${t},${n},${(t % 9) + 1}.5,`);
				else lines.push(`${period},I${i},T${t},${n},"1,${String(t).padStart(3, '0')}",`);
			}
		}
	}
	return [writeCsv(dir, 'teams.csv', teams), writeCsv(dir, 'indicators.csv', indicators), writeCsv(dir, 'measures.csv', `${lines.join('\r\n')}\r\n`)];
}

test('100,000 measure rows load whole, and reload as unchanged', async () => {
	const dir = tempDir();
	const db = path.join(dir, 'store.db');
	const files = generate(dir);

	const first = await runLoad({db, files, now: FIXED_NOW});
	assert.equal(first.ok, true, first.ok ? '' : first.errors.join('\n'));
	if (first.ok) assert.equal(first.summary.kinds.find(kind => kind.kind === 'measures')!.added, TEAMS * INDICATORS * MONTHS);

	const again = await runLoad({db, files, now: FIXED_NOW});
	assert.equal(again.ok, true);
	assert.equal(again.ok && again.changed, false);
	if (again.ok) assert.equal(again.summary.kinds.find(kind => kind.kind === 'measures')!.unchanged, TEAMS * INDICATORS * MONTHS);

	const content = await storeContent(db);
	assert.equal(content['measures']!.length, 100_000);
});
