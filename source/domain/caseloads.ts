import {SERVICES, SERVICE_LABELS, isOneOf} from './types.js';
import {median} from './statistics.js';

// Caseload distribution for one month, from per-worker rows that carry no worker reference. Pure.

export type CaseloadInput = {team: string; service: string; fte: number; caseload: number};

export type CaseloadBand = {
	/** Per-FTE caseloads above `low` (0 included in the first band) and up to `high` (null: no limit). */
	low: number;
	high: number | null;
	count: number;
	/** Every caseload in the band is above the threshold. */
	above: boolean;
	/** The band the threshold itself falls in. */
	threshold: boolean;
};

export type CaseloadSummary = {
	key: string;
	label: string;
	workers: number;
	fte: number;
	/** Σcaseload / ΣFTE; null without FTE. */
	mean: number | null;
	/** Of each worker's caseload / FTE. */
	median: number | null;
	max: number | null;
	/** Workers whose caseload per FTE is above the threshold (exactly the threshold is not). */
	above: number;
	bands: CaseloadBand[];
};

export type CaseloadDistribution = {
	threshold: number;
	all: CaseloadSummary;
	services: CaseloadSummary[];
	teams: CaseloadSummary[];
};

export const BAND_WIDTH = 5;
export const BAND_COUNT = 7;

/** A worker's caseload per FTE; null for no FTE (cannot be scaled, left out of per-FTE figures). */
export function perFte(row: CaseloadInput): number | null {
	return row.fte > 0 ? row.caseload / row.fte : null;
}

/** 0–5, 6–10, …, 26–30, 31+: a band holds per-FTE values above its `low` and up to its `high`. */
export function bandIndex(value: number): number {
	if (value <= BAND_WIDTH) return 0;
	return Math.min(BAND_COUNT - 1, Math.ceil(value / BAND_WIDTH) - 1);
}

export function emptyBands(threshold: number): CaseloadBand[] {
	return Array.from({length: BAND_COUNT}, (_, i): CaseloadBand => {
		const low = i * BAND_WIDTH;
		const high = i === BAND_COUNT - 1 ? null : (i + 1) * BAND_WIDTH;
		return {
			low,
			high,
			count: 0,
			above: i > 0 && low >= threshold,
			threshold: i === bandIndex(Math.max(0, threshold)),
		};
	});
}

/** `0–5`, `6–10`, `31+` with the dash the terminal can show. */
export function bandLabel(band: CaseloadBand, dash = '–'): string {
	if (band.high === null) return `${band.low + 1}+`;
	return `${band.low === 0 ? 0 : band.low + 1}${dash}${band.high}`;
}

export function summarise(key: string, label: string, rows: CaseloadInput[], threshold: number): CaseloadSummary {
	let fte = 0;
	let caseload = 0;
	const rates: number[] = [];
	const bands = emptyBands(threshold);
	for (const row of rows) {
		fte += row.fte;
		caseload += row.caseload;
		const rate = perFte(row);
		if (rate === null) continue;
		rates.push(rate);
		bands[bandIndex(rate)]!.count++;
	}
	return {
		key,
		label,
		workers: rows.length,
		fte,
		mean: fte > 0 ? caseload / fte : null,
		median: median(rates),
		max: rates.length > 0 ? Math.max(...rates) : null,
		above: rates.filter(rate => rate > threshold).length,
		bands,
	};
}

function groupBy(rows: CaseloadInput[], key: (row: CaseloadInput) => string): Map<string, CaseloadInput[]> {
	const groups = new Map<string, CaseloadInput[]>();
	for (const row of rows) {
		const k = key(row);
		const list = groups.get(k);
		if (list) list.push(row);
		else groups.set(k, [row]);
	}
	return groups;
}

/**
 * Per service (the known services in their report order, then any others), per team (in
 * `teamOrder`), and for all workers. Services and teams without workers are left out.
 */
export function summariseCaseloads(
	rows: CaseloadInput[],
	threshold: number,
	options: {teamOrder?: (code: string) => number; teamLabel?: (code: string) => string} = {},
): CaseloadDistribution {
	const byService = groupBy(rows, row => row.service);
	const serviceKeys = [...byService.keys()].sort((a, b) => serviceRank(a) - serviceRank(b) || a.localeCompare(b));
	const byTeam = groupBy(rows, row => row.team);
	const order = options.teamOrder ?? (() => 0);
	const teamKeys = [...byTeam.keys()].sort((a, b) => order(a) - order(b) || a.localeCompare(b));
	return {
		threshold,
		all: summarise('ALL', 'All workers', rows, threshold),
		services: serviceKeys.map(key => summarise(key, isOneOf(SERVICES, key) ? SERVICE_LABELS[key] : key, byService.get(key)!, threshold)),
		teams: teamKeys.map(key => summarise(key, options.teamLabel?.(key) ?? key, byTeam.get(key)!, threshold)),
	};
}

function serviceRank(service: string): number {
	const index = (SERVICES as readonly string[]).indexOf(service);
	return index === -1 ? SERVICES.length : index;
}
