// `npm run bench`: the console's performance targets against baselines from the same run.
// Run after `npm run build` (the npm script does it): it measures dist/, what users run, in a real
// pty at 80x24 (node-pty, LANG=C.UTF-8) with the output replayed on a screen model (bench/screen.ts).
// Stores are built by `node dist/load.js` in a temp dir: the sample CSVs, and a generated big store.
//   first frame, memory  console vs a minimal Ink app bundled the same way, 7 runs each, interleaved
//   bytes per key        vs the floor: the console's own screens, key by key, replayed by a minimal
//                        Ink app (stock Ink, incremental rendering): the same rows change to the
//                        same text and colours, title and definition lines under the grid included
//   live update          a load --replace of one shown figure: rows whose look changed, and rows
//                        repainted that did not change (the target: none)
//   latency, key repeat  write a key, time to the first byte back; 100 keys at 50 Hz must all land
//   loader               100,800 measure rows vs sqlite3's own .import of the same CSV
//   --json reads         --json and --standup --json on that store vs the sqlite3 tool reading
//                        every figure to JSON, whole processes, interleaved
//   workbooks            the same rows from an .xlsx vs from CSV; an Annex A extract of ~20,000 rows
//   loader memory        peak RSS loading 1M rows (and reloading, and --replace of every row) and 5M rows
//   queries              the grid's and the detail's reads, in process, on the big store
// The machine's load average is printed at the start and the end: figures from a busy machine
// (load average above its CPU count) are not to be quoted.
// A report, not a test: it exits 0 when targets fail and prints FAIL lines; exit 1 only if it cannot run.
// Results: a table on stdout, bench-results/latest.json (details and raw samples).
// About 400 lines: each measure's set-up, baseline and verdict stay side by side in one run order
// (the pieces it shares are in scripts/bench/).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {parse} from 'csv-parse/sync';
import {footerItems} from '../source/components/frame.js';
import {bindingsOf} from '../source/views/registry.js';
import {
	DOWN,
	bounce,
	fullClears,
	pressOne,
	repeat,
	selectedNumber,
	startConsole,
	startMinimal,
	startReplay,
	startupRuns,
	summarise,
	type Started,
} from './bench/console.js';
import {indicatorTitle, writeBigCsvs, type BigFiles} from './bench/data.js';
import {measureLoaderMemory} from './bench/loader-memory.js';
import {timeQueries} from './bench/queries.js';
import {benchWorkbooks, WORKBOOK_TARGETS} from './bench/workbooks.js';
import {
	errorResult,
	formatProblems,
	formatTable,
	infoResult,
	maxResult,
	median,
	ratioResult,
	writeJson,
	type Result,
} from './bench/report.js';
import {ROOT, bundleMinimalApp, findSqlite3, load, sampleFiles, staleBuild, timed} from './bench/setup.js';
import {killAll, sleep, type Terminal} from './bench/terminal.js';

const STARTUP_RUNS = 7;
const LATENCY_SAMPLES = 50;
const NAV_KEYS = 20;
const BIG = {indicators: 200, teams: 11, months: 120}; // 11 teams + ALL = 12 team codes
const LOADER = {indicators: 120, teams: 9, months: 84}; // 120 × (9 + ALL) × 84 = 100,800 rows
const QUERY_RUNS = 20;
const JSON_RUNS = 5;
const FLOOR_HOW = "the console's own 80x24 screens before and after each key, replayed by the minimal Ink app (stock Ink with the build's two screen fixes, the cursor and no erase after a full-width line, incremental rendering, the same rows changing to the same text and SGR colours)";
const LIVE_HOW = 'rows whose characters or colours changed are the floor; any other row written is a repaint of an unchanged row';

const startedAt = new Date();
const loadAtStart = os.loadavg();
const results: Result[] = [];
const details: Record<string, unknown> = {};
const log = (line: string) => process.stderr.write(`bench: ${line}\n`);

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
	let timer: NodeJS.Timeout;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error(`${what}: took longer than ${ms / 1000} s`)), ms);
	});
	return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Runs one step; on failure or overrun its targets are reported as ERROR and the bench goes on. */
// The steps that read the big store (which takes a while to make).
const BIG_STEPS = ['latency and key repeat (big store)', 'queries (big store)'];

// BENCH_ONLY=text,text runs only the steps whose names contain one of them (and the setup steps):
// for working on one target; a whole run is what the README quotes.
const only = (process.env['BENCH_ONLY'] ?? '').split(',').map(part => part.trim()).filter(Boolean);

async function step(name: string, targets: string[], budgetMs: number, work: () => Promise<void>): Promise<void> {
	// The big store is made only when a step that reads it runs.
	const needed = name === 'setup: big store' ? only.some(part => BIG_STEPS.some(step => step.includes(part))) : name.startsWith('setup');
	if (only.length > 0 && !needed && !only.some(part => name.includes(part))) return;
	const started = Date.now();
	const load = os.loadavg()[0]!;
	(details['stepLoadAverage'] ??= {}) as Record<string, number>;
	(details['stepLoadAverage'] as Record<string, number>)[name] = load;
	log(`${name}… (load average ${load.toFixed(1)})`);
	try {
		await withTimeout(work(), budgetMs, name);
	} catch (error) {
		killAll();
		for (const target of targets) if (!results.some(r => r.target === target)) results.push(errorResult(target, error));
		log(`${name} failed: ${error instanceof Error ? error.message : String(error)}`);
	}
	log(`${name}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

type SampleIndicator = {code: string; number: number; title: string};

function readSampleIndicators(): SampleIndicator[] {
	const rows = parse(fs.readFileSync(path.join(ROOT, 'data/samples/indicators.csv')), {columns: true, bom: true}) as Array<Record<string, string>>;
	return rows.map(row => ({code: row['code']!, number: Number(row['number']), title: row['title']!})).sort((a, b) => a.number - b.number);
}

/** The footer's first item, as the console writes it: on screen only once the frame is drawn. */
function footerMarker(): string {
	const first = footerItems(bindingsOf('overview'), false)[0];
	if (!first) return '';
	return first.label ? `${first.keys} ${first.label}` : first.keys;
}

/** The grid shows titles cut to the title column: match on a prefix that always fits at 80 columns. */
const titlePrefix = (title: string) => title.slice(0, 16);

/** A one-row measures CSV that changes the whole service's newest figure for `code`. */
function replacementCsv(dir: string, code: string): {file: string; period: string; before: string; after: string} {
	const rows = parse(fs.readFileSync(path.join(ROOT, 'data/samples/measures.csv')), {columns: true, bom: true}) as Array<Record<string, string>>;
	const all = rows.filter(row => row['indicator'] === code && row['team'] === 'ALL');
	const row = all.sort((a, b) => a['period']!.localeCompare(b['period']!)).at(-1);
	if (!row) throw new Error(`no ALL figure for ${code} in data/samples/measures.csv`);
	const number = (text: string | undefined) => (text ? Number(text.replace(/[,%]/g, '')) : null);
	const n = number(row['numerator']);
	const d = number(row['denominator']);
	const v = number(row['value']);
	let fields: string;
	if (n !== null) {
		let changed = Math.round(n * 0.9);
		if (changed === n) changed = n + 3;
		fields = `${changed},${d ?? ''},`;
	} else {
		fields = `,,${((v ?? 0) * 0.9 + 1).toFixed(1)}`;
	}
	const line = `${row['period']},${code},ALL,${fields}`;
	const file = path.join(dir, 'replace.csv');
	fs.writeFileSync(file, `period,indicator,team,numerator,denominator,value\n${line}\n`);
	return {file, period: row['period']!, before: [row['numerator'], row['denominator'], row['value']].join(','), after: fields};
}

function rowOf(terminal: Terminal, text: string): number {
	return terminal.screen.lines().findIndex(line => line.includes(text));
}

async function main(): Promise<void> {
	const stale = staleBuild();
	if (stale?.includes('missing')) {
		process.stderr.write(`bench: ${stale}\n`);
		process.exitCode = 1;
		return;
	}
	if (stale) log(`warning: ${stale}`);
	details['staleBuild'] = stale;

	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'scorecard-bench-'));
	const keep = process.env['BENCH_KEEP'] === '1';
	process.on('exit', () => {
		killAll();
		if (!keep) fs.rmSync(tmp, {recursive: true, force: true});
	});
	for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));

	const sampleDb = path.join(tmp, 'sample.db');
	const bigDb = path.join(tmp, 'big.db');
	const indicators = readSampleIndicators();
	const last = indicators.at(-1)!;
	const footer = footerMarker();
	const sampleGrid = [titlePrefix(last.title), footer];
	const bigGrid = [titlePrefix(indicatorTitle(1)), titlePrefix(indicatorTitle(10)), footer];
	// Filled in by the setup steps; a step that needs what a failed one would have made says so.
	type Floor = ReturnType<typeof summarise> & {cpuPerKeyMs: number};
	// `frames`: the console's screens around each navigation key (for the bytes floor); `nav`: its bytes per key.
	const made: {minimal: string | null; big: BigFiles | null; floor: Floor | null; frames: string[][] | null; navBytesPerKey: number | null; loaderDb: string | null} = {
		minimal: null,
		big: null,
		floor: null,
		frames: null,
		navBytesPerKey: null,
		loaderDb: null,
	};
	// CPU per key is what the console costs; wall-clock latency also carries whatever else the machine is doing.
	const cpuNote = (ms: number) => `CPU ${ms.toFixed(1)} ms/key${made.floor ? ` (minimal app ${made.floor.cpuPerKeyMs.toFixed(1)})` : ''}`;

	await step('setup: baseline bundle, sample store', ['setup'], 60_000, async () => {
		made.minimal = await bundleMinimalApp(tmp);
		const loaded = await load(sampleDb, sampleFiles());
		details['sampleLoadMs'] = loaded.ms;
	});
	// Later steps say why they cannot run rather than fail obscurely.
	const needSample = (): string => {
		if (!made.minimal) throw new Error('skipped: the minimal app was not bundled (see setup)');
		if (!fs.existsSync(sampleDb)) throw new Error('skipped: no sample store (see setup)');
		return made.minimal;
	};
	const needBig = (): BigFiles => {
		if (!made.big || !fs.existsSync(bigDb)) throw new Error('skipped: no big store (see big store: load)');
		return made.big;
	};

	await step('setup: big store', ['big store: load'], 180_000, async () => {
		const big = writeBigCsvs(path.join(tmp, 'big'), BIG);
		const loaded = await load(bigDb, [big.teams, big.indicators, big.measures], {timeoutMs: 170_000});
		made.big = big;
		results.push(infoResult(`big store: load ${big.rows.toLocaleString('en-GB')} rows`, 's', loaded.ms / 1000, null, `${BIG.indicators} indicators × ${BIG.teams + 1} teams × ${BIG.months} months`));
	});

	// 1 and 2: first full frame and memory, interleaved with the minimal app.
	const startTargets = ['first full frame (sample, 80x24)', 'idle RSS (first frame + 1 s)', 'peak RSS (VmHWM)'];
	await step('first frame and memory', startTargets, 90_000, async () => {
		const minimal = needSample();
		const runs = await startupRuns(
			STARTUP_RUNS,
			() => startConsole(sampleDb, {grid: sampleGrid}),
			() => startMinimal(minimal),
		);
		details['startup'] = runs;
		const m = (samples: typeof runs.console, key: 'ms' | 'cpuMs' | 'rssKiB' | 'hwmKiB') => median(samples.map(s => s[key]));
		const cpu = `CPU used by then: ${m(runs.console, 'cpuMs').toFixed(0)} ms vs ${m(runs.baseline, 'cpuMs').toFixed(0)} ms`;
		const floor = 'floor: the minimal Ink app (a Box, three Text lines, useInput) bundled as the console is';
		results.push(ratioResult(startTargets[0]!, 'ms', m(runs.console, 'ms'), m(runs.baseline, 'ms'), 1.3, `median of ${STARTUP_RUNS} runs each, interleaved; ${cpu}; ${floor}`));
		results.push(ratioResult(startTargets[1]!, 'MiB', m(runs.console, 'rssKiB') / 1024, m(runs.baseline, 'rssKiB') / 1024, 1.25, floor));
		results.push(ratioResult(startTargets[2]!, 'MiB', m(runs.console, 'hwmKiB') / 1024, m(runs.baseline, 'hwmKiB') / 1024, 1.5, floor));
	});

	// The minimal app's keys: the baseline for latency and CPU per key (23 plain lines, ↓ moves a marker).
	await step('minimal app keys (latency baseline)', ['minimal app keys'], 30_000, async () => {
		const {terminal} = await startMinimal(needSample(), ['--lines', '23']);
		try {
			const steps: Awaited<ReturnType<typeof pressOne>>[] = [];
			const cpu = terminal.cpuMs();
			for (let i = 0; i < LATENCY_SAMPLES; i++) steps.push(await pressOne(terminal, DOWN));
			made.floor = {...summarise(steps), cpuPerKeyMs: (terminal.cpuMs() - cpu) / LATENCY_SAMPLES};
			details['minimalKeys'] = {...made.floor, how: '23 plain 80-column lines, ↓ moves a marker: two rows change per key'};
		} finally {
			await terminal.stop();
		}
	});

	// 3 and 4 on the sample store: bytes per key, latency, a live update, resizing.
	const sampleTargets = [
		'bytes per ↑/↓ key (sample, 80x24)',
		'key→first byte p95 (sample)',
		'live update: unchanged rows repainted',
		'full clears after first frame',
	];
	// The frame is the terminal's height less one row (Ink clears the screen for a frame as tall as it).
	const frameOf = (terminal: Terminal) => terminal.screen.styledLines().slice(0, terminal.screen.height - 1);
	await step('keys, live update, resize (sample store)', sampleTargets, 60_000, async () => {
		needSample();
		const {terminal, firstFrameAt} = await startConsole(sampleDb, {grid: sampleGrid});
		try {
			const numbers = indicators.map(i => i.number);
			await terminal.settle(40);
			const frames = [frameOf(terminal)];
			const nav = await bounce(terminal, NAV_KEYS, numbers, () => frames.push(frameOf(terminal)));
			const navSummary = summarise(nav);
			made.frames = frames;
			made.navBytesPerKey = navSummary.bytesPerKey;
			details['navigation'] = {...navSummary, steps: nav.map(s => ({bytes: s.bytes, rows: s.rows, selected: s.selected}))};

			const cpu = terminal.cpuMs();
			const latency = summarise(await bounce(terminal, LATENCY_SAMPLES, numbers));
			const cpuPerKey = (terminal.cpuMs() - cpu) / LATENCY_SAMPLES;
			details['latencySample'] = {...latency, cpuPerKeyMs: cpuPerKey};
			results.push(maxResult(sampleTargets[1]!, 'ms', latency.p95LatencyMs, 25, made.floor?.p95LatencyMs ?? null, `${LATENCY_SAMPLES} keys one at a time; median ${latency.medianLatencyMs.toFixed(1)} ms; ${cpuNote(cpuPerKey)}; baseline: the minimal app`));

			// A load replaces one figure the grid shows; the console finds it by polling data_version.
			const selected = selectedNumber(terminal.screen.text());
			const target = indicators.find(i => i.number !== selected) ?? indicators[0]!;
			const replacement = replacementCsv(tmp, target.code);
			const row = rowOf(terminal, titlePrefix(target.title));
			const before = terminal.screen.lines()[row] ?? '';
			await terminal.settle(40);
			const looksBefore = terminal.screen.looks();
			terminal.screen.takeDirty();
			const since = performance.now();
			await load(sampleDb, [replacement.file], {replace: true});
			await terminal.waitFor(() => (terminal.screen.lines()[row] ?? '') !== before, 5000, `the ${target.code} row to change`);
			await terminal.settle(300);
			const dirty = terminal.screen.takeDirty();
			const looksAfter = terminal.screen.looks();
			const changed = looksAfter.flatMap((look, r) => (look !== looksBefore[r] ? [r] : []));
			const unchanged = dirty.filter(r => !changed.includes(r));
			const bytes = terminal.bytesSince(since);
			const live = maxResult(
				sampleTargets[2]!,
				'rows',
				unchanged.length,
				0,
				null,
				`${target.code} ${replacement.period} ${replacement.before} → ${replacement.after}: rows ${changed.join(',')} changed (the floor: ${changed.length}), rows ${dirty.join(',')} written (${bytes} B); its row is ${row}; ${LIVE_HOW}`,
			);
			live.pass = live.pass === true && changed.includes(row);
			results.push(live);
			results.push(infoResult('live update: rows changed (floor)', 'rows', changed.length, null, `${dirty.length} rows written`));
			results.push(infoResult('live update: bytes', 'B', bytes));
			details['liveUpdate'] = {indicator: target.code, row, dirty, changed, unchanged, bytes, before, after: terminal.screen.lines()[row]};

			// Resizing: never a whole-screen clear, and the grid comes back.
			for (const [columns, rows] of [[100, 30], [70, 20], [120, 40], [60, 15], [80, 24]] as const) {
				terminal.resize(columns, rows);
				await sleep(60);
				await terminal.settle(80);
			}
			await terminal.waitFor(screen => sampleGrid.every(text => screen.includes(text)), 3000, 'the grid after resizing');
			const clears = fullClears(terminal.textSince(firstFrameAt + 0.001));
			results.push(maxResult(sampleTargets[3]!, 'n', clears, 0, null, 'ESC[2J/ESC[3J/ESC c over keys, live update and 5 resizes'));
		} finally {
			await terminal.stop();
		}
	});

	// 3: bytes per key against the floor: the same screens replayed by the minimal Ink app.
	await step('bytes floor (the console\'s screens replayed by the minimal app)', ['bytes per ↑/↓ key (sample, 80x24)'], 60_000, async () => {
		const minimal = needSample();
		const frames = made.frames;
		if (!frames || made.navBytesPerKey === null) throw new Error('skipped: no screens from the console (see keys, live update, resize)');
		const file = path.join(tmp, 'frames.json');
		fs.writeFileSync(file, JSON.stringify(frames));
		const {terminal} = await startReplay(minimal, file, titlePrefix(last.title));
		try {
			const steps: Awaited<ReturnType<typeof pressOne>>[] = [];
			for (let i = 1; i < frames.length; i++) steps.push(await pressOne(terminal, DOWN));
			const floor = summarise(steps);
			// The replay must show what the console showed, or it is not the same change.
			const shown = terminal.screen.styledLines().slice(0, terminal.screen.height - 1);
			const same = JSON.stringify(shown) === JSON.stringify(frames.at(-1));
			details['bytesFloor'] = {...floor, how: FLOOR_HOW, sameLastScreen: same, steps: steps.map(s => ({bytes: s.bytes, rows: s.rows}))};
			const note = `${steps.length} one-row moves; floor ${Math.round(floor.bytesPerKey)} B/key, ${floor.rowsPerKey.toFixed(1)} rows a key; floor: ${FLOOR_HOW}${same ? '' : '; WARNING: the replay ended on a different screen'}`;
			const result = ratioResult('bytes per ↑/↓ key (sample, 80x24)', 'B', made.navBytesPerKey, floor.bytesPerKey, 1.2, note);
			result.pass = result.pass === true && same;
			results.push(result);
		} finally {
			await terminal.stop();
		}
	});

	// 4 on the big store: latency with scrolling, and key repeat at 50 Hz.
	const bigTargets = ['key→first byte p95 (big, scrolling)', 'lost keys at 50 Hz (big store)'];
	await step('latency and key repeat (big store)', bigTargets, 60_000, async () => {
		needBig();
		const started: Started = await startConsole(bigDb, {grid: bigGrid});
		const {terminal} = started;
		try {
			await sleep(1000);
			const memory = terminal.memory();
			results.push(infoResult('big store: first full frame', 'ms', started.firstFrameMs));
			results.push(infoResult('big store: idle RSS', 'MiB', memory.rssKiB / 1024));
			const steps = [];
			const cpu = terminal.cpuMs();
			for (let i = 0; i < LATENCY_SAMPLES; i++) steps.push(await pressOne(terminal, DOWN));
			const cpuPerKey = (terminal.cpuMs() - cpu) / LATENCY_SAMPLES;
			const latency = summarise(steps);
			details['latencyBig'] = {...latency, cpuPerKeyMs: cpuPerKey};
			const note = `${LATENCY_SAMPLES} ↓ one at a time (the list scrolls after row 19); median ${latency.medianLatencyMs.toFixed(1)} ms; ${cpuNote(cpuPerKey)}; ${Math.round(latency.bytesPerKey)} B/key`;
			results.push(maxResult(bigTargets[0]!, 'ms', latency.p95LatencyMs, 20, made.floor?.p95LatencyMs ?? null, note));

			await pressOne(terminal, 'g');
			const from = selectedNumber(terminal.screen.text());
			const down = await repeat(terminal, DOWN, 100, 20);
			const afterDown = selectedNumber(terminal.screen.text());
			const up = await repeat(terminal, 'k', 100, 20);
			const afterUp = selectedNumber(terminal.screen.text());
			const expectedDown = (from ?? 1) + 100;
			const lost = Math.abs((afterDown ?? 0) - expectedDown) + Math.abs((afterUp ?? 0) - (from ?? 1));
			details['keyRepeat'] = {from, afterDown, expectedDown, afterUp, downSettledAfterMs: down.settledAfterMs, upSettledAfterMs: up.settledAfterMs};
			results.push(
				maxResult(bigTargets[1]!, 'keys', lost, 0, null, `↓×100 at 20 ms from #${from}: on #${afterDown} (want #${expectedDown}), last frame ${Math.round(down.settledAfterMs)} ms after the last key; k×100: on #${afterUp} (want #${from})`),
			);
		} finally {
			await terminal.stop();
		}
	});

	// 5: the loader against sqlite3's own CSV import of the same rows.
	const loaderTarget = 'loader: 100,800 measure rows';
	await step('loader vs sqlite3 .import', [loaderTarget], 150_000, async () => {
		const sqlite = findSqlite3();
		if ('missing' in sqlite) throw new Error(sqlite.missing);
		const files = writeBigCsvs(path.join(tmp, 'loader'), LOADER, 2);
		const loaderMs: number[] = [];
		const importMs: number[] = [];
		for (let i = 0; i < 3; i++) {
			const db = path.join(tmp, `loader-${i}.db`);
			loaderMs.push((await load(db, [files.teams, files.indicators, files.measures], {timeoutMs: 60_000})).ms);
			const plain = path.join(tmp, `import-${i}.db`);
			fs.rmSync(plain, {force: true});
			const imported = await timed(sqlite.path, [plain, `.import --csv ${files.measures} measures`], {timeoutMs: 60_000});
			if (imported.code !== 0) throw new Error(`sqlite3 .import failed: ${imported.stderr.trim()}`);
			importMs.push(imported.ms);
			if (i === 0) {
				const count = async (file: string) => Number((await timed(sqlite.path, [file, 'SELECT count(*) FROM measures'])).stdout.trim());
				const counts = {loader: await count(db), import: await count(plain)};
				details['loaderCounts'] = counts;
				if (counts.loader !== files.rows || counts.import !== files.rows) throw new Error(`row counts differ: ${JSON.stringify(counts)}, want ${files.rows}`);
			}
			// The last store stays for the whole-process reads below.
			if (i < 2) fs.rmSync(db, {force: true});
			else made.loaderDb = db;
		}
		details['loader'] = {loaderMs, importMs, rows: files.rows};
		results.push(ratioResult(loaderTarget, 's', median(loaderMs) / 1000, median(importMs) / 1000, 8, 'node dist/load.js vs sqlite3 .import --csv into a plain table; median of 3; floor: sqlite3 .import of the same CSV'));
	});

	// 5a: the printed scorecard and agenda as JSON, whole processes, against the sqlite3 tool
	// reading every figure of the same store to JSON (what any program must at least read and write).
	const jsonTargets = ['--json (100,800 figures)', '--standup --json (100,800 figures)'];
	await step('--json reads vs sqlite3 -json', jsonTargets, 120_000, async () => {
		const sqlite = findSqlite3();
		if ('missing' in sqlite) throw new Error(sqlite.missing);
		const db = made.loaderDb;
		if (!db || !fs.existsSync(db)) throw new Error('skipped: no loader store (see loader vs sqlite3 .import)');
		const cli = path.join(ROOT, 'dist/cli.js');
		const run = async (command: string, args: string[]) => {
			const result = await timed(command, args, {timeoutMs: 60_000});
			if (result.code !== 0) throw new Error(`${path.basename(command)} ${args.slice(-2).join(' ')} failed: ${result.stderr.trim().split('\n')[0]}`);
			return result.ms;
		};
		const times: Record<string, number[]> = {json: [], standup: [], sqlite: []};
		for (let i = 0; i < JSON_RUNS; i++) {
			times['sqlite']!.push(await run(sqlite.path, ['-json', db, 'SELECT * FROM measures']));
			times['json']!.push(await run(process.execPath, [cli, '--db', db, '--json']));
			times['standup']!.push(await run(process.execPath, [cli, '--db', db, '--standup', '--json']));
		}
		details['jsonReads'] = times;
		const floor = median(times['sqlite']!);
		const note = `median of ${JSON_RUNS}, interleaved; floor: sqlite3 -json STORE 'SELECT * FROM measures' (every figure to JSON), a whole process`;
		results.push(ratioResult(jsonTargets[0]!, 'ms', median(times['json']!), floor, 1.5, note));
		results.push(ratioResult(jsonTargets[1]!, 'ms', median(times['standup']!), floor, 1.5, note));
	});

	// 5b: workbooks and Annex A (scripts/bench/workbooks.ts).
	await step('workbooks and Annex A', WORKBOOK_TARGETS, 240_000, async () => {
		await benchWorkbooks(tmp, writeBigCsvs(path.join(tmp, 'loader'), LOADER, 2), results, details);
	});

	// 5b: the loader's memory stays bounded whatever the file's size (issue: big loads).
	const memoryTargets = ['loader peak RSS: 1M rows (load, reload, --replace)', 'loader peak RSS: 5M rows'];
	await step('loader memory', memoryTargets, 1_800_000, async () => {
		const million = await measureLoaderMemory(path.join(tmp, 'memory-1m'), {indicators: 200, teams: 49, months: 100}, true, 900_000);
		const peak1 = Math.max(...million.runs.map(run => run.peakMiB));
		details['loaderMemory1M'] = million;
		const runs = million.runs.map(run => `${run.what} ${(run.ms / 1000).toFixed(1)} s ${run.peakMiB.toFixed(0)} MiB`).join('; ');
		results.push(maxResult(memoryTargets[0]!, 'MiB', peak1, 300, null, `${million.rows.toLocaleString('en-GB')} rows: ${runs}`));
		const five = await measureLoaderMemory(path.join(tmp, 'memory-5m'), {indicators: 500, teams: 49, months: 200}, false, 1_200_000);
		details['loaderMemory5M'] = five;
		results.push(maxResult(memoryTargets[1]!, 'MiB', five.runs[0]!.peakMiB, 300, null, `${five.rows.toLocaleString('en-GB')} rows in ${(five.runs[0]!.ms / 1000).toFixed(1)} s`));
	});

	// 6: the grid's and the detail view's queries on the big store.
	const queryTargets = ['grid read, first frame (big)', 'grid read with teams, refresh (big)', 'readIndicatorSeries (big)'];
	await step('queries (big store)', queryTargets, 120_000, async () => {
		const b = needBig();
		const times = await timeQueries(bigDb, {runs: QUERY_RUNS, indicator: b.codes[Math.floor(b.codes.length / 2)]!, fullRuns: 3});
		details['queries'] = times;
		const count = median(times.countMs);
		results.push(maxResult(queryTargets[0]!, 'ms', median(times.gridMs), 25, count, `readScorecard without the teams' figures; median of ${QUERY_RUNS}; baseline: SELECT count(*) FROM measures (${times.rows.measures.toLocaleString('en-GB')} rows)`));
		results.push(maxResult(queryTargets[1]!, 'ms', median(times.scorecardMs), 40, count, `readScorecard; median of ${QUERY_RUNS}`));
		results.push(maxResult(queryTargets[2]!, 'ms', median(times.seriesMs), 50, count, `${times.rows.indicatorSeries} rows`));
		results.push(infoResult('readScorecard full: true (agenda, --json)', 'ms', median(times.fullScorecardMs), count));
	});

	const table = formatTable(results);
	const loads = [...loadAtStart, ...os.loadavg()].map(n => n.toFixed(2));
	details['loadAverage'] = {start: loadAtStart, end: os.loadavg()};
	process.stdout.write(`\nscorecard bench: ${os.cpus().length} CPUs, node ${process.version}, load average ${loads.slice(0, 3).join(' ')} at start, ${loads.slice(3).join(' ')} at end (other work on the machine skews timings)\n`);
	const busiest = Math.max(loadAtStart[0]!, os.loadavg()[0]!);
	if (busiest > os.cpus().length) process.stdout.write(`warning: the machine was busy (load average ${busiest.toFixed(1)} on ${os.cpus().length} CPUs): these figures are not to be quoted\n`);
	process.stdout.write('\n');
	process.stdout.write(`${table}\n\n`);
	const problems = formatProblems(results);
	for (const line of problems) process.stdout.write(`${line}\n`);
	if (problems.length === 0) process.stdout.write('all targets pass\n');
	for (const r of results) if (r.note && r.pass !== false) process.stdout.write(`  ${r.target}: ${r.note}\n`);
	if (stale) process.stdout.write(`warning: ${stale}\n`);
	const out = path.join(ROOT, 'bench-results/latest.json');
	writeJson(out, results, details, startedAt);
	process.stdout.write(`\nwritten: ${path.relative(ROOT, out)}\n`);
}

await main();
// Timers from a failed step must not keep the report from ending.
process.exit(process.exitCode ?? 0);
