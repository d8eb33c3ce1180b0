import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {test} from 'node:test';
import {KINDS} from '../source/loader/kinds.js';
import {runLoad} from '../source/loader/load.js';
import {WORKBOOK_NAME, writeTemplates} from '../source/loader/template.js';
import {FIXED_NOW, storeContent, tempDir} from './helpers/temp-store.js';

test('--template writes an empty CSV per kind (settings with its example row) and a workbook whose example rows load as they are; never overwrites', async () => {
	const dir = path.join(tempDir(), 'start');
	const written = await writeTemplates(dir);
	assert.ok('written' in written);
	for (const kind of KINDS) {
		const text = fs.readFileSync(path.join(dir, `${kind}.csv`), 'utf8');
		if (kind === 'settings') assert.equal(text, 'setting,value\nreporting_year_start,4\n');
		else assert.equal(text.split('\n').filter(Boolean).length, 1, `${kind}.csv is its header only`);
	}
	const db = path.join(dir, 'store.db');
	const result = await runLoad({db, files: [path.join(dir, WORKBOOK_NAME)], now: FIXED_NOW, user: 'tester'});
	assert.ok(result.ok, result.ok ? '' : result.errors.join('\n'));
	const content = await storeContent(db);
	assert.deepEqual((content['measures'] as Array<Record<string, unknown>>).map(row => [row['period'], row['indicator'], row['team'], row['numerator'], row['denominator']]), [['2017-12', 'FA45', 'EAST', 340, 359]]);
	assert.equal((content['caseloads'] as unknown[]).length, 1);
	assert.deepEqual(content['settings'], [{setting: 'reporting_year_start', value: '4'}]);
	assert.deepEqual(content['rebases'], [{indicator: 'FA45', period: '2017-12', reason: 'New front-door model', type: 'recalculate'}]);
	// The CSVs load too: nothing to change (the settings CSV's row is the workbook's).
	const empty = await runLoad({db, files: KINDS.map(kind => path.join(dir, `${kind}.csv`)), now: FIXED_NOW, user: 'tester'});
	assert.ok(!empty.ok || !empty.changed, empty.ok ? '' : empty.errors.join('\n'));
	assert.deepEqual(await writeTemplates(dir), {existing: [...KINDS.map(kind => `${kind}.csv`), WORKBOOK_NAME]});
});
