import {ALL_TEAM, UNITS, isOneOf, type Unit} from '../domain/types.js';
import type {StoreReference} from '../store/load-reads.js';
import {parseMonth, printable, type FieldResult} from './fields.js';
import type {RowReader} from './row-reader.js';

// The one reference lookup: teams, indicators and months as rows of any kind name them, over the
// store and this load together (the load's rows win). Each code and month spelling is looked up
// once: a big load names the same few on every row.

export type LoadTeam = {population: number | null; usable: boolean};
export type LoadIndicator = {unit: Unit | null};
export type TeamLookup = {code: string; team: {known: true; usable: boolean; population: number | null}};
export type IndicatorLookup = {code: string; unit: Unit | null};

export class References {
	private readonly storeTeams: Map<string, StoreReference['teams'][number]>;
	private readonly storeIndicators: Map<string, StoreReference['indicators'][number]>;
	private readonly indicatorLookups = new Map<string, IndicatorLookup>();
	private readonly teamLookups = new Map<string, TeamLookup>();
	private readonly months = new Map<string, FieldResult<string>>();
	private allPopulation: LoadTeam | undefined;

	constructor(
		reference: StoreReference,
		private readonly loadTeams: ReadonlyMap<string, LoadTeam>,
		private readonly loadIndicators: ReadonlyMap<string, LoadIndicator>,
		private readonly now: Date,
		/** The whole service's own population (a teams file's ALL row, in this load or the store); undefined: the teams' sum. */
		private readonly servicePopulation?: number | null,
	) {
		this.storeTeams = new Map(reference.teams.map(team => [team.code, team]));
		this.storeIndicators = new Map(reference.indicators.map(indicator => [indicator.code, indicator]));
	}

	/** The row's period; undefined after reporting a problem. */
	period(r: RowReader): string | undefined {
		const raw = r.raw('period');
		let result = this.months.get(raw);
		if (result === undefined) {
			result = parseMonth('period', raw, this.now);
			this.months.set(raw, result);
		}
		return r.take('period', result);
	}

	/** The row's indicator and its unit (null when its own definition is broken); undefined after reporting a problem. */
	indicator(r: RowReader): IndicatorLookup | undefined {
		const code = r.text('indicator');
		const found = this.indicatorLookups.get(code);
		if (found !== undefined) return found;
		if (code === '') {
			r.fail('indicator', 'indicator is empty');
			return undefined;
		}
		let lookup: IndicatorLookup;
		const fromLoad = this.loadIndicators.get(code);
		const stored = this.storeIndicators.get(code);
		if (fromLoad !== undefined) lookup = {code, unit: fromLoad.unit};
		else if (stored !== undefined) lookup = {code, unit: isOneOf(UNITS, stored.unit) ? stored.unit : null};
		else {
			r.fail('indicator', `indicator "${printable(code)}" is not in the store or in this load's indicators files${suggestion(code, [...this.storeIndicators.keys(), ...this.loadIndicators.keys()], 'indicators')}`);
			return undefined;
		}
		this.indicatorLookups.set(code, lookup);
		return lookup;
	}

	/** The row's team; `allowAll` for kinds where the whole service has figures of its own. */
	team(r: RowReader, allowAll: boolean, why = "a worker's caseload belongs to one team"): TeamLookup | undefined {
		const code = r.text('team');
		if (code === '') {
			r.fail('team', 'team is empty');
			return undefined;
		}
		if (code === ALL_TEAM && !allowAll) {
			r.fail('team', `team ${ALL_TEAM} is the whole service: ${why}`);
			return undefined;
		}
		const found = this.teamLookups.get(code);
		if (found !== undefined) return found;
		let lookup: TeamLookup;
		if (code === ALL_TEAM) lookup = {code, team: {known: true, ...this.wholeService()}};
		else {
			const team = this.lookupTeam(code);
			if (team === undefined) {
				r.fail('team', `team "${printable(code)}" is not in the store or in this load's teams files${suggestion(code, [ALL_TEAM, ...this.storeTeams.keys(), ...this.loadTeams.keys()], 'teams')}`);
				return undefined;
			}
			lookup = {code, team: {known: true, ...team}};
		}
		this.teamLookups.set(code, lookup);
		return lookup;
	}

	private lookupTeam(code: string): LoadTeam | undefined {
		const fromLoad = this.loadTeams.get(code);
		if (fromLoad !== undefined) return fromLoad;
		const stored = this.storeTeams.get(code);
		if (stored !== undefined) return {usable: true, population: stored.population};
		return undefined;
	}

	/** The whole service's population: its own, else the sum of every team's, stored or loaded. */
	private wholeService(): LoadTeam {
		if (this.allPopulation !== undefined) return this.allPopulation;
		if (this.servicePopulation !== undefined && this.servicePopulation !== null) return (this.allPopulation = {population: this.servicePopulation, usable: true});
		let sum = 0;
		let usable = true;
		for (const [code, team] of this.storeTeams) if (!this.loadTeams.has(code) && team.population !== null) sum += team.population;
		for (const team of this.loadTeams.values()) {
			if (!team.usable) usable = false;
			else if (team.population !== null) sum += team.population;
		}
		this.allPopulation = {population: sum > 0 ? sum : null, usable};
		return this.allPopulation;
	}
}

/** Edit distance (insertions, deletions, substitutions, swapping two neighbours: FA54 for FA45), case-insensitive. */
function distance(a: string, b: string): number {
	const x = a.toLowerCase();
	const y = b.toLowerCase();
	const d: number[][] = Array.from({length: x.length + 1}, (_, i) => Array.from({length: y.length + 1}, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
	for (let i = 1; i <= x.length; i++) {
		for (let j = 1; j <= y.length; j++) {
			d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
			if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
		}
	}
	return d[x.length]![y.length]!;
}

// A catalogue small enough to list in one line; a bigger one only gets the nearest codes.
const LISTED_CODES = 12;

/**
 * `: did you mean EAST? (teams: ALL, EAST, ...)` for a code that is not known: the same code in
 * another case first, else the nearest by a few edits; the list when it is short.
 */
export function suggestion(code: string, known: Iterable<string>, what: string): string {
	const codes = [...new Set(known)].sort();
	if (codes.length === 0) return '';
	const sameCase = codes.filter(candidate => candidate.toLowerCase() === code.toLowerCase());
	let nearest = sameCase;
	if (nearest.length === 0) {
		const limit = Math.max(1, Math.floor(code.length / 3));
		const scored = codes.map(candidate => ({candidate, d: distance(code, candidate)})).filter(({d}) => d <= limit);
		const best = Math.min(...scored.map(({d}) => d));
		nearest = scored.filter(({d}) => d === best).map(({candidate}) => candidate).slice(0, 3);
	}
	const mean = nearest.length > 0 ? `: did you mean ${nearest.join(' or ')}?` : '';
	const list = codes.length <= LISTED_CODES ? ` (${what}: ${codes.join(', ')})` : '';
	return `${mean}${list}`;
}
