// The peers' literal cases (test/conformance/peer-cases.json): NHSRplotthedots' and
// PowerBI-SPC's own test vectors, with their source named in the file.
import fs from 'node:fs';
import {addMonths} from '../../source/domain/periods.js';
import type {Assurance, SpcRule} from '../../source/domain/spc.js';
import type {Polarity} from '../../source/domain/types.js';
import {CORPUS, type Colour} from './conformance.js';

export type PeerSeries = {
	id: string;
	source: string;
	values?: number[];
	numerators?: number[];
	denominators?: number[];
	polarity: Polarity;
	/** Added to every value (and expected figure) where a loaded figure cannot be negative. */
	offset?: number;
	expect: {mean?: number; upper?: number; lower?: number; nearUpper?: number; nearLower?: number; tolerance?: number; lastColours?: Colour[]};
	differs?: {from: string; why: string};
};
export type PeerAssurance = {source: string; lower: number; upper: number; target: number; polarity: Polarity; assurance: Assurance | null};
export type Mark = 'upper' | 'lower' | 'none';
export type PeerVector = {source: string; rule: SpcRule; run?: number; values: number[]; expect: Mark[]; mdc?: Mark[]};

type PeerFile = {series: PeerSeries[]; assurance: PeerAssurance[]; rules: {vectors: PeerVector[]; mdcWhy: string}};

export function readPeers(): PeerFile {
	return JSON.parse(fs.readFileSync(new URL('peer-cases.json', CORPUS), 'utf8')) as PeerFile;
}

/** A peer series' values (ratios where it gives numerators and denominators). */
export function peerValues(series: PeerSeries): number[] {
	if (series.values) return series.values;
	return series.numerators!.map((n, i) => n / series.denominators![i]!);
}

/**
 * A series whose XmR limits are exactly `lower` to `upper`: 16 points alternating either side of
 * the midpoint, each moving range (upper - lower) / 2.66 / ... so that 2.66 × MR̄ is half the width.
 */
export function seriesWithLimits(lower: number, upper: number): number[] {
	const mean = (lower + upper) / 2;
	const mrBar = (upper - lower) / 2 / 2.66;
	return Array.from({length: 16}, (_, i) => (i % 2 === 0 ? mean + mrBar / 2 : mean - mrBar / 2));
}

/** The rule vectors' context: mean 5, 2-sigma lines 0 and 10 (see peer-cases.json). */
export function ruleContext(): number[] {
	const d = (5 * 17) / (31 * (2 / 3) * 2.66);
	return [...Array.from({length: 16}, (_, i) => (i % 2 === 0 ? 5 + d : 5 - d)), 5, 5];
}

export const months = (count: number, from = '2015-01'): string[] => Array.from({length: count}, (_, i) => addMonths(from, i));
