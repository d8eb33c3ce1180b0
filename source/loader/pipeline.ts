import {UNITS, isOneOf, type Unit} from '../domain/types.js';
import type {Connection} from '../store/connection.js';
import {refreshSpc} from '../store/spc-table.js';
import {Stage, type DataKind, type TypedDataKind} from '../store/staging.js';
import {writeLoad, type Value} from '../store/writes.js';
import {readReference, type StoreReference} from '../store/load-reads.js';
import {conflictMessage, diffCatalogue, type KindCounts} from './diff.js';
import {ALL_KINDS, type Kind} from './kinds.js';
import {MAX_PRINTED_PROBLEMS, type Problem, type ProblemLog} from './problems.js';
import {PUBLISHED_RULES, stagePublishedSource, type PublishedFileSummary} from './published-sources.js';
import {planPublishedBenchmarks, type BenchmarkCounts, type PublishedInput} from './published-step.js';
import {RowReader, problemAt} from './row-reader.js';
import type {RowSource} from './row-source.js';
import {DATA_VALIDATORS, isDataKind, reporter, validateCatalogue} from './validate.js';

// One pass of a load over one connection: catalogue in memory, data rows streamed into the
// stage, then repeated keys, comparison and (when asked, inside the caller's transaction) writes.

/** `revised`: changed rows are revisions (a newer release of DfE's figures), written without --replace. */
export type KindSummary = {kind: Kind; rows: number; added: number; changed: number; unchanged: number; revised?: boolean};

export type LoadSummary = {
	store: string;
	dryRun: boolean;
	replace: boolean;
	/** Every month the load's rows are for, oldest first. */
	months: string[];
	/** In the order of KINDS, only kinds the load had files of. */
	kinds: KindSummary[];
	files: Array<{path: string; kind: Kind; rows: number}>;
	/** How files were read, said after the counts (a hidden sheet loaded, a file read as Windows-1252). */
	notes: string[];
	/** DfE's files: what each gave. */
	published?: PublishedFileSummary[];
	/** The benchmarks made from DfE's figures for the store's authority (absent: none to make). */
	benchmarks?: BenchmarkCounts & {authority: string | null};
};

export type PassOptions = {
	store: string;
	sources: readonly RowSource[];
	now: Date;
	replace: boolean;
	dryRun: boolean;
	/** Keyed hash of a worker reference (the key never reaches the store). */
	hashWorker: (reference: string) => string;
	/** The load log's fingerprint of a file holding personal data: keyed (or '' without a key), never its plain SHA-256. */
	personalDigest: (sha256: string) => string;
	/** Write when there is something new and no problem; else only compare. */
	write: false | {loaded_at: string; os_user: string};
	/**
	 * Measures go straight into the store's table when it has none yet (a first load): the pass
	 * throws DirectStageStopped when that cannot finish (a row with a problem, two rows with one
	 * key, a very big load), and the caller runs it again without. Only for a pass that writes.
	 */
	direct?: boolean;
};

export type Pass = {summary: LoadSummary; changes: number};

const SHIFT = 2 ** 32;

export async function runPass(connection: Connection, options: PassOptions, problems: ProblemLog): Promise<Pass> {
	const {sources} = options;
	const reference = await readReference(connection);
	const catalogue = await validateCatalogue(sources, reference, options.now, problems);
	const byIndex = new Map(sources.map(source => [source.index, source]));

	const stages = new Map<DataKind, Stage>();
	const publishedFiles: PublishedFileSummary[] = [];
	try {
		for (const source of sources) {
			const kind = source.kind;
			if (kind === 'published' || kind === 'neighbours') {
				let stage = stages.get(kind);
				if (stage === undefined) stages.set(kind, (stage = await Stage.create(connection, kind)));
				publishedFiles.push(await stagePublishedSource(stage, source, source.index * SHIFT, problems));
				continue;
			}
			if (!isDataKind(kind)) continue;
			let stage = stages.get(kind);
			if (stage === undefined) stages.set(kind, (stage = await Stage.create(connection, kind, {direct: options.direct === true && options.write !== false && kind === 'measures'})));
			await stageSource(stage, source, catalogue.refs, options, problems, catalogueFirst(kind, reference, sources));
		}

		const counts = new Map<Kind, KindCounts>();
		const catalogueDiff = diffCatalogue(catalogue, reference, {replace: options.replace});
		for (const problem of catalogueDiff.problems) problems.push(problem);
		for (const [kind, count] of catalogueDiff.counts) counts.set(kind, count);

		const units = new Map<string, Unit>();
		for (const indicator of [...reference.indicators, ...catalogue.indicators.map(item => item.record)]) {
			if (isOneOf(UNITS, indicator.unit)) units.set(indicator.code, indicator.unit);
		}
		const unitOf = (code: string) => units.get(code) ?? null;
		const at = (place: number, message: string): Problem => problemAt(byIndex.get(Math.floor(place / SHIFT))!, place % SHIFT, null, message);

		const months = new Set<string>();
		for (const [kind, stage] of stages) {
			const {rule, label} = isDataKind(kind) ? DATA_VALIDATORS[kind] : PUBLISHED_RULES[kind];
			const duplicates = await stage.duplicates(MAX_PRINTED_PROBLEMS);
			problems.pushFirst(
				duplicates.first.map(dup => {
					const first = {source: byIndex.get(Math.floor(dup.first / SHIFT))!, line: dup.first % SHIFT};
					const source = byIndex.get(Math.floor(dup.place / SHIFT))!;
					const place = first.source === source ? `line ${first.line}` : first.source.sheet === undefined ? `${first.source.path}:${first.line}` : `${first.source.path} [${first.source.sheet}] row ${first.line}`;
					return at(dup.place, `${label(dup.key)} is also on ${place} (${rule})`);
				}),
				duplicates.total,
			);
			const count = await stage.compare();
			counts.set(kind, count);
			if (!options.replace && count.conflicting > 0) {
				const conflicts = await stage.conflicts(MAX_PRINTED_PROBLEMS);
				problems.pushFirst(
					conflicts.map(c => at(c.place, `${conflictMessage(kind, c.stored, c.loaded, unitOf)} (use --replace to replace it)`)),
					count.conflicting,
				);
			}
			for (const month of stage.months()) months.add(month);
		}

		// The benchmarks made from DfE's figures, from what the store will hold after this load.
		const indicators = new Map(reference.indicators.map(row => [row.code, row.published]));
		for (const item of catalogue.indicators) indicators.set(item.record.code, item.record.published);
		const benchmarks =
			problems.total > 0
				? null
				: await planPublishedBenchmarks(
						connection,
						{
							indicators: [...indicators].map(([code, published]) => ({code, published})),
							laCode: laCodeOf(catalogue, reference, sources),
							staged: {published: stages.get('published'), neighbours: stages.get('neighbours')},
						},
						problems,
					);

		const kinds: KindSummary[] = [];
		for (const kind of ALL_KINDS) {
			// Team aliases are read by the --annex-a step only, until the store keeps them.
			if (kind === 'team_aliases') continue;
			const ofKind = sources.filter(source => source.kind === kind);
			if (ofKind.length === 0) continue;
			const count = counts.get(kind) ?? {added: 0, changed: 0, unchanged: 0};
			const {added, changed, unchanged} = count;
			const revised = kind === 'published' || kind === 'neighbours' ? {revised: true} : {};
			kinds.push({kind, rows: ofKind.reduce((sum, source) => sum + source.rows, 0), added, changed, unchanged, ...revised});
		}
		const summary: LoadSummary = {
			store: options.store,
			dryRun: options.dryRun,
			replace: options.replace,
			months: [...months].sort(),
			kinds,
			files: sources.map(source => ({path: source.path, kind: source.kind, rows: source.rows})),
			notes: sources.flatMap(source => source.notes ?? []),
			...(publishedFiles.length > 0 ? {published: publishedFiles} : {}),
			...(benchmarks === null ? {} : {benchmarks: {...benchmarks.counts, authority: benchmarks.authority === null ? null : `${benchmarks.authority.name} (${benchmarks.authority.code})`}}),
		};
		const derived = benchmarks === null ? 0 : benchmarks.counts.added + benchmarks.counts.changed + benchmarks.counts.removed;
		const changes = kinds.reduce((sum, kind) => sum + kind.added + kind.changed, 0) + derived;

		if (options.write !== false && problems.total === 0 && changes > 0) {
			// A file with any personal data (caseloads, a sheet of them, a child-level extract): a reader
			// who could hash a guessed file (a one-row correction, say) must not find it in the log.
			const personal = new Set(sources.filter(source => source.kind === 'caseloads' || source.personal === true).map(source => source.path));
			const loadId = await writeLoad(connection, {
				load: {...options.write, replace: options.replace, summary: JSON.stringify(summary)},
				files: summary.files.map((file, i) => ({...file, sha256: personal.has(file.path) ? options.personalDigest(sources[i]!.sha256) : sources[i]!.sha256})),
				history: catalogueDiff.history,
				...catalogueDiff.writes,
			});
			for (const stage of stages.values()) await stage.write(loadId, options.replace);
			await benchmarks?.write(loadId);
			await refreshDerived(connection, stages, catalogueDiff.writes);
		}
		return {summary, changes};
	} finally {
		for (const stage of stages.values()) await stage.drop().catch(() => undefined);
	}
}

/**
 * The derived SPC table, for what this load changed (store/spc-table.ts): the series its measures
 * name; every team of an indicator whose definition, targets or rebases it wrote; everything when
 * it wrote a setting.
 */
async function refreshDerived(connection: Connection, stages: ReadonlyMap<DataKind, Stage>, writes: {indicators: ReadonlyArray<{code: string}>; targets: ReadonlyArray<{indicator: string}>; settings: readonly unknown[]}): Promise<void> {
	if (writes.settings.length > 0) return refreshSpc(connection, {all: true});
	const indicators = new Set([...writes.indicators.map(row => row.code), ...writes.targets.map(row => row.indicator)]);
	for (const code of (await stages.get('rebases')?.distinct('indicator')) ?? []) indicators.add(code);
	const measures = stages.get('measures');
	if (measures) await measures.copyDistinct('spc_series', ['indicator', 'team']);
	try {
		await refreshSpc(connection, {all: false, indicators, seriesTable: measures ? 'temp.spc_series' : null});
	} finally {
		if (measures) await connection.exec('DROP TABLE IF EXISTS temp.spc_series');
	}
}

/** What to load first when neither the store nor this load has the teams or indicators a kind's rows name; else null. */
function catalogueFirst(kind: TypedDataKind, reference: StoreReference, sources: readonly RowSource[]): string | null {
	const needs = kind === 'measures' ? ['teams', 'indicators'] : kind === 'caseloads' ? ['teams'] : ['indicators'];
	const missing = needs.filter(need => (need === 'teams' ? reference.teams : reference.indicators).length === 0 && !sources.some(source => source.kind === need));
	if (missing.length === 0) return null;
	const files = missing.map(need => `the ${need}`).join(' and ');
	return `the store has no ${missing.join(' or ')} yet: load ${files} ${missing.length === 1 ? 'file' : 'files'} first (or in the same load)`;
}

/** Every record of one source through its kind's validator into the stage: only the key and figures are kept. */
async function stageSource(
	stage: Stage,
	source: RowSource,
	refs: Parameters<(typeof DATA_VALIDATORS)['measures']['validate']>[1],
	options: PassOptions,
	problems: ProblemLog,
	/** Set when nothing can check these rows: said once, on the first row, instead of on every row. */
	catalogueFirst: string | null,
): Promise<void> {
	const kind = stage.kind;
	if (!isDataKind(kind)) return;
	const {validate} = DATA_VALIDATORS[kind];
	const base = source.index * SHIFT;
	const report = reporter(source, problems);
	// A CSV file's records come a chunk at a time: one await a batch, not one a row.
	const batches = source.batches?.(report) ?? oneByOne(source.records(report));
	for await (const batch of batches) {
		for (const record of batch) {
			if (catalogueFirst !== null) {
				problems.push(problemAt(source, 1, null, catalogueFirst));
				return;
			}
			const r = new RowReader(source, record, problems);
			const {key, record: row} = validate(r, refs);
			if (key === undefined) continue;
			// Workers are compared and stored as keyed hashes only.
			if (kind === 'caseloads') key[3] = options.hashWorker(key[3]!);
			const waiting = stage.addRecord(base + record.line, row !== undefined && !r.failed, key, row as Record<string, Value> | undefined);
			if (waiting) await waiting;
		}
	}
}

async function* oneByOne<T>(items: AsyncIterable<T>): AsyncIterable<T[]> {
	for await (const item of items) yield [item];
}

/**
 * The store's authority after this load: the load's `la_code` setting (a problem points at its
 * row), else the store's (a problem points at the first DfE file or indicators file of the load).
 */
function laCodeOf(catalogue: Awaited<ReturnType<typeof validateCatalogue>>, reference: StoreReference, sources: readonly RowSource[]): PublishedInput['laCode'] {
	const loaded = catalogue.settings.find(item => item.record.setting === 'la_code');
	if (loaded !== undefined) {
		const {source, line} = loaded.where;
		return {value: loaded.record.value, at: problemAt(source, line, 'value', '')};
	}
	const stored = reference.settings.find(row => row.setting === 'la_code');
	if (stored === undefined) return null;
	const first = sources.find(source => source.kind === 'published' || source.kind === 'neighbours') ?? sources.find(source => source.kind === 'indicators') ?? sources[0]!;
	return {value: stored.value, at: problemAt(first, 1, null, ''), stored: true};
}
