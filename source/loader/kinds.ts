import {isNeighbourHeader, recogniseDfeHeader, type Dataset} from '../domain/dfe-files.js';
import {printable} from './fields.js';

// A file's kind is known from its header row alone: the column set, in any order.
/** The kinds of file the team writes (each has a template). */
export const KINDS = ['teams', 'team_aliases', 'indicators', 'measures', 'benchmarks', 'commentary', 'caseloads', 'rebases', 'settings'] as const;
export type TypedKind = (typeof KINDS)[number];
/** DfE's files as published: an open-data CSV (recognised by its header) and the statistical-neighbour model (SN_1 to SN_10). */
export const PUBLISHED_KINDS = ['published', 'neighbours'] as const;
export type Kind = TypedKind | (typeof PUBLISHED_KINDS)[number];
/** Every kind, in the order a load's summary lists them. */
export const ALL_KINDS: readonly Kind[] = [...KINDS, ...PUBLISHED_KINDS];

type KindColumns = {required: readonly string[]; optional: readonly string[]};

export const KIND_COLUMNS: Record<TypedKind, KindColumns> = {
	teams: {required: ['code', 'name', 'population'], optional: []},
	team_aliases: {required: ['alias', 'team'], optional: []},
	indicators: {
		required: ['code', 'number', 'title', 'unit', 'polarity', 'target', 'amber', 'measure', 'definition'],
		optional: ['effective_from', 'short_title', 'derive', 'published'],
	},
	measures: {required: ['period', 'indicator', 'team', 'numerator', 'denominator', 'value'], optional: []},
	benchmarks: {required: ['period', 'indicator', 'benchmark', 'value'], optional: []},
	commentary: {required: ['period', 'indicator', 'text'], optional: []},
	caseloads: {required: ['period', 'team', 'service', 'worker', 'fte', 'caseload'], optional: []},
	rebases: {required: ['period', 'indicator', 'reason'], optional: ['type']},
	settings: {required: ['setting', 'value'], optional: []},
};

/** Column name -> 0-based field index. */
export type Columns = ReadonlyMap<string, number>;

/** `dataset`: which DfE publication a `published` file is. */
export type KindMatch = {ok: true; kind: Kind; columns: Columns; dataset?: Dataset} | {ok: false; column: number; message: string};

// A header's names are quoted short, and only the first few: a header line can be any length.
const SHOWN_NAMES = 5;
const quoted = (names: string[]): string => {
	const shown = names.slice(0, SHOWN_NAMES).map(name => `"${printable(name)}"`);
	return names.length > SHOWN_NAMES ? `${shown.join(', ')} and ${names.length - SHOWN_NAMES} more` : shown.join(', ');
};
const plural = (count: number, word: string): string => (count === 1 ? word : `${word}s`);

/** `header` holds the raw header fields; names are compared trimmed and case-insensitively. */
export function detectKind(header: readonly string[]): KindMatch {
	// A spreadsheet saved with the separator of a locale that writes decimal commas.
	if (header.length === 1) {
		const separator = header[0]!.includes(';') ? 'semicolons' : header[0]!.includes('\t') ? 'tabs' : null;
		if (separator !== null) return {ok: false, column: 1, message: `the file's fields are separated by ${separator}, not commas: save it as "CSV UTF-8 (comma delimited)"`};
	}
	const names = header.map(name => name.trim().toLowerCase());
	const columns = new Map<string, number>();
	for (const [index, name] of names.entries()) {
		if (name === '') return {ok: false, column: index + 1, message: `column ${index + 1} of the header has no name`};
		const first = columns.get(name);
		if (first !== undefined) return {ok: false, column: index + 1, message: `column "${printable(name)}" appears twice in the header (columns ${first + 1} and ${index + 1})`};
		columns.set(name, index);
	}
	// DfE's files go in as they are: their own layout, read by column name.
	const dfe = recogniseDfeHeader(names);
	if (dfe !== null) {
		if (!dfe.ok) return {ok: false, column: dfe.column === null ? 1 : names.indexOf(dfe.column) + 1, message: dfe.message};
		return {ok: true, kind: 'published', columns, dataset: dfe.dataset};
	}
	if (isNeighbourHeader(names)) return {ok: true, kind: 'neighbours', columns};
	let nearest: {kind: TypedKind; unknown: string[]; missing: string[]} | undefined;
	for (const kind of KINDS) {
		const {required, optional} = KIND_COLUMNS[kind];
		const unknown = names.filter(name => !required.includes(name) && !optional.includes(name));
		const missing = required.filter(name => !columns.has(name));
		if (unknown.length === 0 && missing.length === 0) return {ok: true, kind, columns};
		const distance = unknown.length + missing.length;
		if (nearest === undefined || distance < nearest.unknown.length + nearest.missing.length) nearest = {kind, unknown, missing};
	}
	const {kind, unknown, missing} = nearest!;
	const parts: string[] = [];
	if (unknown.length > 0) parts.push(`unknown ${plural(unknown.length, 'column')} ${quoted(unknown)}`);
	if (missing.length > 0) parts.push(`missing ${quoted(missing)} for a ${kind} file`);
	else parts.push(`nearest kind: ${kind}`);
	const column = unknown.length > 0 ? names.indexOf(unknown[0]!) + 1 : 1;
	return {ok: false, column, message: `the header matches no kind of file: ${parts.join('; ')}`};
}
