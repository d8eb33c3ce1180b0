import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {test} from 'node:test';
import {seriesSpc} from '../source/domain/scorecard.js';
import type {StoreSettings} from '../source/domain/store-settings.js';
import type {IndicatorDef, RebaseRow} from '../source/domain/types.js';
import {packJson} from '../source/store/packed-json.js';
import {SPC_ENGINE} from '../source/store/spc-table.js';

// The store keeps each series' SPC as the engine computed it at load time, stamped with
// SPC_ENGINE (store/spc-table.ts). When what the engine computes changes, stores filled by the old
// engine must not be read as if this one had filled them: this test keeps the engine's results
// on fixed series (noise, a shift, a trend, a spike, low counts, a flat series; rebases of both
// types; targets met and missed; each polarity; other settings) and fails when they change until
// SPC_ENGINE is changed too. UPDATE_SNAPSHOT=1 then records the new results.

const FIXTURE = path.join(import.meta.dirname, 'fixtures/spc-engine.json');

function probeResults(): unknown[] {
	const months = Array.from({length: 40}, (_, i) => `20${10 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
	let seed = 12345;
	const noise = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32 - 0.5;
	const shapes: Array<(i: number) => number> = [
		() => 50 + 10 * noise(),
		i => (i < 22 ? 50 : 58) + 6 * noise(),
		i => 40 + i * 0.8 + 3 * noise(),
		i => (i === 30 ? 95 : 50 + 5 * noise()),
		i => Math.max(0, Math.round(1 + 2 * noise() + (i > 28 ? 1 : 0))),
		() => 7,
	];
	const targets = [[{effectiveFrom: '', target: 45, amber: 5}], [{effectiveFrom: '', target: 80, amber: 5}, {effectiveFrom: '2012-06', target: 52, amber: 2}], []];
	const rebases: RebaseRow[][] = [
		[],
		[{indicator: 'P', period: '2011-11', reason: '', type: 'recalculate'}],
		[{indicator: 'P', period: '2011-05', reason: '', type: 'baseline'}, {indicator: 'P', period: '2012-02', reason: '', type: 'recalculate'}],
	];
	const settings: Array<Partial<StoreSettings>> = [{}, {spc_run_length: 6, spc_min_points: 15}];
	const results: unknown[] = [];
	for (const [s, shape] of shapes.entries()) {
		const rows = months.map((period, i) => ({period, value: shape(i)}));
		for (const polarity of ['higher', 'lower', 'none'] as const) {
			const def: IndicatorDef = {code: 'P', number: 1, title: 'Probe', definition: '', measure: 'monthly', polarity, unit: s === 4 ? 'count' : 'percent', targets: targets[s % targets.length]!};
			for (const rebase of rebases) {
				for (const setting of settings) for (const asOf of [months[39]!, months[25]!, months[12]!, months[1]!]) results.push(seriesSpc(def, rows, asOf, rebase, setting));
			}
		}
	}
	return results;
}

test('the SPC engine computes what it did when SPC_ENGINE was last changed (else change SPC_ENGINE)', () => {
	const results = probeResults();
	const hash = crypto.createHash('sha256').update(packJson(results)).digest('hex');
	const recorded = fs.existsSync(FIXTURE) ? (JSON.parse(fs.readFileSync(FIXTURE, 'utf8')) as {engine: string; results: string}) : null;
	if (process.env['UPDATE_SNAPSHOT'] === '1' && recorded?.results !== hash) {
		assert.notEqual(recorded?.engine, SPC_ENGINE, 'the results changed: change SPC_ENGINE in source/store/spc-table.ts before recording them');
		fs.writeFileSync(FIXTURE, `${JSON.stringify({engine: SPC_ENGINE, results: hash}, null, '\t')}\n`);
		return;
	}
	assert.ok(recorded, 'no recorded results: run with UPDATE_SNAPSHOT=1');
	assert.ok(
		recorded.results === hash,
		`the SPC engine's results changed: change SPC_ENGINE in source/store/spc-table.ts (it is ${SPC_ENGINE}), then run this test with UPDATE_SNAPSHOT=1`,
	);
	assert.equal(recorded.engine, SPC_ENGINE, 'SPC_ENGINE changed but the results did not: record them with UPDATE_SNAPSHOT=1');
});
