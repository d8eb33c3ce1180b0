// The conformance corpus (test/conformance/): Making Data Count's "SPC Charts XmR Testing" series
// with every point's expected colour, read into cases both the domain test and the end-to-end
// test (loader, then --json) run.
import fs from 'node:fs';
import {parse} from 'csv-parse/sync';
import {addMonths} from '../../source/domain/periods.js';
import type {Assurance, SignalVariation, Variation} from '../../source/domain/spc.js';
import type {RebaseType} from '../../source/domain/types.js';
import type {Polarity} from '../../source/domain/types.js';

export const CORPUS = new URL('../conformance/', import.meta.url);
/** Every series ends in this month, so one `--json --month` shows them all. */
export const LAST_MONTH = '2024-12';

export type Colour = 'grey' | 'blue' | 'orange' | 'purple';
export type TooFew = {points: number; needed: number};
export type Expect = {tooFew?: TooFew; mean?: number; upper?: number; lower?: number; variation?: Variation};

export type MdcCase = {
	/** A code for the indicator the case loads as (MDC01, MDC02, ...). */
	code: string;
	name: string;
	/** The series as the test data gives it (not a derived case: another target, direction or length). */
	primary: boolean;
	polarity: Polarity;
	values: number[];
	periods: string[];
	colours: Colour[];
	rebases: Array<{period: string; type: RebaseType}>;
	target: number | null;
	assurance: Assurance | null | undefined;
	expect: Expect;
};

type Manifest = {
	settings: {spc_run_length: number; spc_min_points: number};
	series: Array<{
		metric: string;
		as?: string;
		aliases?: string[];
		first?: number;
		polarity: Polarity;
		colours?: 'neutral' | 'grey';
		rebases?: Array<{point: number; type: RebaseType}>;
		targets?: Array<{target: number | null; assurance: Assurance | null; tooFew?: TooFew}>;
		expect?: Expect;
	}>;
};

/** `01/02/2023` (day/month/year) to a sortable key. */
const dateKey = (text: string): string => {
	const [day, month, year] = text.split('/');
	return `${year}-${month}-${day}`;
};

export function readMdcCorpus(): {settings: Manifest['settings']; cases: MdcCase[]} {
	const manifest = JSON.parse(fs.readFileSync(new URL('mdc-cases.json', CORPUS), 'utf8')) as Manifest;
	const rows = parse(fs.readFileSync(new URL('mdc-xmr-testing.csv', CORPUS)), {bom: true, columns: true, skip_empty_lines: true, trim: true}) as Array<{Metric: string; Date: string; Value: string; Colour: string}>;
	const cases: MdcCase[] = [];
	for (const entry of manifest.series) {
		const names = new Set([entry.metric, ...(entry.aliases ?? [])]);
		let points = rows.filter(row => names.has(row.Metric)).sort((a, b) => (dateKey(a.Date) < dateKey(b.Date) ? -1 : 1));
		if (points.length === 0) throw new Error(`corpus: no points for ${entry.metric}`);
		if (entry.first !== undefined) points = points.slice(0, entry.first);
		const values = points.map(row => Number(row.Value));
		const periods = values.map((_, i) => addMonths(LAST_MONTH, i - (values.length - 1)));
		const colours = points.map(row => {
			const colour = row.Colour.toLowerCase() as Colour;
			if (entry.colours === 'grey') return 'grey';
			if (entry.colours === 'neutral') return colour === 'grey' ? 'grey' : 'purple';
			return colour;
		});
		const rebases = (entry.rebases ?? []).map(rebase => ({period: periods[rebase.point - 1]!, type: rebase.type}));
		const targets = entry.targets ?? [{target: null, assurance: undefined}];
		for (const [index, target] of targets.entries()) {
			cases.push({
				primary: index === 0 && entry.as === undefined && entry.first === undefined,
				code: `MDC${String(cases.length + 1).padStart(2, '0')}`,
				name: `${entry.as ?? entry.metric}${entry.targets ? `, target ${target.target ?? 'none'}` : ''}`,
				polarity: entry.polarity,
				values,
				periods,
				colours,
				rebases,
				target: target.target,
				assurance: 'assurance' in target ? target.assurance : undefined,
				expect: {...entry.expect, ...('tooFew' in target && target.tooFew ? {tooFew: target.tooFew} : {})},
			});
		}
	}
	return {settings: manifest.settings, cases};
}

/** The tool's colour of a point, from its verdict. */
export function colourOf(variation: SignalVariation | null): Colour {
	if (variation === 'improvement') return 'blue';
	if (variation === 'concern') return 'orange';
	if (variation === 'neutral') return 'purple';
	return 'grey';
}
