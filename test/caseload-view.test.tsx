// The caseload distribution driven as a user would (`c` from the overview), checked against a
// computation made here straight from data/samples/caseloads.csv.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {before, describe, it} from 'node:test';
import {parse} from 'csv-parse/sync';
import {runLoad} from '../source/loader/load.ts';
import {expectFrame as frame, openConsoles, pressFor as press, sampleFiles, sampleStore, SAMPLES_DIR, type Console, type ConsoleOptions} from './helpers/console.tsx';
import {keys, lineWith} from './helpers/ink.ts';
import {SAMPLE} from './helpers/sample.ts';

type Worker = {period: string; team: string; service: string; worker: string; fte: number; caseload: number};

const workers: Worker[] = (parse(fs.readFileSync(path.join(SAMPLES_DIR, 'caseloads.csv')), {columns: true}) as Array<Record<string, string>>).map(
	record => ({
		period: record['period']!,
		team: record['team']!,
		service: record['service']!,
		worker: record['worker']!,
		fte: Number(record['fte']),
		caseload: Number(record['caseload']),
	}),
);

function expected(period: string, threshold: number, pick: (worker: Worker) => boolean = () => true) {
	const rows = workers.filter(worker => worker.period === period && pick(worker));
	const fte = rows.reduce((sum, worker) => sum + worker.fte, 0);
	const cases = rows.reduce((sum, worker) => sum + worker.caseload, 0);
	return {
		workers: rows.length,
		fte: fte.toFixed(1),
		mean: (cases / fte).toFixed(1),
		above: rows.filter(worker => worker.caseload / worker.fte > threshold).length,
	};
}

/** How many services the month's workers are in. */
function services(period: string): number {
	return new Set(workers.filter(worker => worker.period === period).map(worker => worker.service)).size;
}

/** The cells of a compact table row (two spaces or more between cells): `Assessment    74` -> ['Assessment', '74']. */
function cellsOf(line: string): string[] {
	return line.trim().split(/\s{2,}/);
}

let db = '';
before(async () => {
	db = await sampleStore();
});

const CASELOADS = /[·./] caseload distribution/;

const openConsole = openConsoles();

async function openCaseloads(options: ConsoleOptions = {}, store = db): Promise<{r: Console; f: string}> {
	const r = await openConsole(store, {columns: 80, rows: 24, ...options});
	await frame(r, f => /[·./] all indicators/.test(f));
	r.press('c');
	const f = await frame(r, f => CASELOADS.test(f) && /per FTE|No caseload figures/.test(f));
	return {r, f};
}

/** No worker reference from the CSV, in any frame the console drew. */
function assertNoWorkerRefs(r: Console) {
	const refs = new Set(workers.map(worker => worker.worker));
	assert.ok(refs.size > 100 && [...refs].every(ref => /^W\d+$/.test(ref)), 'the sample refs look like W12345');
	for (const raw of r.frames) {
		const drawn = raw.replace(/\u001B\[[0-9;]*m/g, '');
		assert.doesNotMatch(drawn, /W\d/, 'a worker reference reached the screen');
	}
}

describe('caseload distribution', () => {
	it('shows each service and each team on the first screen, with figures that match the CSV, and no worker references', async () => {
		const {r, f} = await openCaseloads();
		try {
			const all = expected(SAMPLE.latest, 20);
			// The mean says what it covers: every service's workers.
			assert.match(f, new RegExp(`${SAMPLE.latestMonth}: ${all.workers} workers, (${all.fte} FTE, )?mean ${all.mean} per FTE (over all ${services(SAMPLE.latest)} services|\\(all services\\)); ${all.above} above 20 per FTE`));
			for (const [service, label] of [
				['assessment', 'Assessment'],
				['safeguarding', 'Safeguarding'],
				['children_in_care', 'Children in care'],
				['disabled_children', 'Disabled children'],
			] as const) {
				const e = expected(SAMPLE.latest, 20, worker => worker.service === service);
				const cells = cellsOf(lineWith(f, label));
				assert.equal(cells[0], label);
				assert.equal(cells[1], String(e.workers), `${label} workers`);
				assert.equal(cells[2], e.fte, `${label} FTE`);
				assert.equal(cells[3], e.mean, `${label} mean`);
				assert.equal(cells.at(-1), String(e.above), `${label} above 20`);
			}
			assert.deepEqual(cellsOf(lineWith(f, 'All services')).slice(1, 2), [String(all.workers)]);
			assert.match(lineWith(f, 'Service'), /Above 20$/);
			for (const team of SAMPLE.teams.map(each => each.code)) {
				const e = expected(SAMPLE.latest, 20, worker => worker.team === team);
				const cells = cellsOf(f.split('\n').find(line => line.startsWith(`${team} `)) ?? '');
				assert.deepEqual([cells[0], cells[1], cells.at(-1)], [team, String(e.workers), String(e.above)], `${team} on the first screen`);
			}
			assert.doesNotMatch(f, /[─┼│]/, 'no table rules');
			assertNoWorkerRefs(r);
		} finally {
			await r.close();
		}
	});

	it('draws the histogram below the tables, the bands above the threshold marked', async () => {
		const {r, f} = await openCaseloads();
		try {
			assert.match(f, /↓ more below  \(↓ j, PgDn, G\)/);
			const bottom = await press(r, 'G', next => next.includes('31+'));
			const perFte = workers.filter(worker => worker.period === SAMPLE.latest).map(worker => worker.caseload / worker.fte);
			const inBand = (low: number, high: number) => perFte.filter(value => value > low && value <= high).length;
			assert.match(lineWith(bottom, 'workers by caseload per FTE'), /above 20/);
			assert.match(lineWith(bottom, '11–15'), new RegExp(`^\\s+11–15 █+▌? ${inBand(10, 15)}$`));
			assert.match(lineWith(bottom, '16–20'), new RegExp(`^\\s+16–20 █+▌? ${inBand(15, 20)} \\(threshold 20\\)$`));
			assert.match(lineWith(bottom, '21–25'), new RegExp(`^! 21–25 .* ${inBand(20, 25)}$`));
			assert.match(lineWith(bottom, '31+'), /^!\s+31\+/);
			await press(r, 'g', next => next.includes('Assessment'));
			assertNoWorkerRefs(r);
		} finally {
			await r.close();
		}
	});

	it('counts against the threshold from the console config, and the bands split at it', async () => {
		const at15 = expected(SAMPLE.latest, 15).above;
		assert.notEqual(at15, expected(SAMPLE.latest, 20).above, 'the sample data must tell the thresholds apart');
		const {r, f} = await openCaseloads({config: {caseloadThreshold: 15}});
		try {
			assert.ok(f.includes(`${at15} above 15 per FTE`), f);
			const bottom = await press(r, 'G', next => next.includes('31+'));
			assert.match(lineWith(bottom, '11–15'), /\(threshold 15\)$/);
			assert.match(lineWith(bottom, '16–20'), /^! 16–20/);
		} finally {
			await r.close();
		}
		const half = expected(SAMPLE.latest, 17.5);
		const {r: r2, f: f2} = await openCaseloads({config: {caseloadThreshold: 17.5}});
		try {
			assert.ok(f2.includes(`${half.above} above 17.5 per FTE`), f2);
			const bottom = await press(r2, 'G', next => next.includes('31+'));
			assert.match(lineWith(bottom, '16–17.5'), /^\s+16–17\.5 .*\(threshold 17\.5\)$/);
			// The bands marked above hold exactly the workers the headline counts.
			const marked = bottom.split('\n').filter(line => line.startsWith('! ')).map(line => Number(/ (\d+)$/.exec(line)![1]));
			assert.equal(marked.reduce((a, b) => a + b, 0), half.above);
			assert.match(lineWith(bottom, '>17.5–20'), /^! >17\.5–20/);
		} finally {
			await r2.close();
		}
	});

	it('travels months with [ and ] and comes back with Esc', async () => {
		const {r} = await openCaseloads();
		try {
			const nov = expected(SAMPLE.previous, 20);
			const dec = expected(SAMPLE.latest, 20);
			assert.notDeepEqual(nov, dec);
			let f = await press(r, '[', next => next.includes(`${SAMPLE.previousMonth}: `));
			assert.match(f, new RegExp(`${SAMPLE.previousMonth}: ${nov.workers} workers, (${nov.fte} FTE, )?mean ${nov.mean} per FTE (over all ${services(SAMPLE.previous)} services|\\(all services\\)); ${nov.above} above 20`));
			f = await press(r, keys.right, next => next.includes(`${SAMPLE.latestMonth}: `));
			assert.ok(f.includes(`${dec.above} above 20 per FTE`));
			await press(r, keys.escape, next => /[·./] all indicators/.test(next));
			assertNoWorkerRefs(r);
		} finally {
			await r.close();
		}
	});

	it('reads without colour or Unicode', async () => {
		const {r} = await openCaseloads({color: false, ascii: true});
		try {
			const f = await press(r, 'G', next => next.includes('31+'));
			assert.match(lineWith(f, '21-25'), /^! 21-25 #*\+? \d+$/);
			assert.match(lineWith(f, '16-20'), /^\s+16-20 #+\+? \d+ \(threshold 20\)$/);
			assert.doesNotMatch(f, /[█▌–…│]/);
		} finally {
			await r.close();
		}
	});

	it('says so for a month with no caseload figures', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scorecard-no-caseloads-'));
		process.on('exit', () => fs.rmSync(dir, {recursive: true, force: true}));
		const store = path.join(dir, 'scorecard.db');
		const result = await runLoad({db: store, files: sampleFiles().filter(file => !file.endsWith('caseloads.csv'))});
		assert.ok(result.ok);
		const {r, f} = await openCaseloads({}, store);
		try {
			assert.ok(f.includes(`No caseload figures for ${SAMPLE.latestMonth}`), f);
			assert.doesNotMatch(f, /Service|workers by caseload/);
		} finally {
			await r.close();
		}
	});
});
