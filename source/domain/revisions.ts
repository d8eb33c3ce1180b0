import type {Scorecard} from './scorecard.js';
import {ALL_TEAM, type Unit} from './types.js';
import {formatValue} from './units.js';

// Figures revised while they are on screen: a load (`--replace`) that changes a figure of the
// month shown is marked where the figure is, in words the room can read aloud. Pure: two reads of
// the same month in, the changes out.

export type Revision = {
	indicator: string;
	/** A team's code, or ALL for the whole service. */
	team: string;
	unit: Unit;
	/** null: the figure was not there before (or is gone now). */
	was: number | null;
	now: number | null;
	/** `HH:MM`, local time, when the console saw it. */
	at: string;
};

export const revisionKey = (indicator: string, team: string): string => `${indicator}:${team}`;

/** Figures that differ at the precision shown (a refinement in the fourth decimal is not a revision). */
export function findRevisions(before: Scorecard, after: Scorecard, at: string, decimals: (unit: Unit) => number): Revision[] {
	if (before.period !== after.period) return [];
	const shown = (unit: Unit, value: number | null) => (value === null ? null : Number(value.toFixed(decimals(unit))));
	const figures = (card: Scorecard) => {
		const map = new Map<string, {value: number | null; unit: Unit}>();
		for (const row of card.indicators) {
			map.set(revisionKey(row.code, ALL_TEAM), {value: row.value, unit: row.unit});
			for (const team of row.teams) map.set(revisionKey(row.code, team.team), {value: team.value, unit: row.unit});
		}
		return map;
	};
	const old = figures(before);
	const now = figures(after);
	const revisions: Revision[] = [];
	for (const [key, figure] of now) {
		const was = old.get(key);
		// A team whose figures were not read before, or a figure that was missing and has come in
		// (a partial month filling up): new figures, not revised ones.
		if (was === undefined || was.value === null) continue;
		if (shown(figure.unit, was.value) === shown(figure.unit, figure.value)) continue;
		const [indicator, team] = key.split(':') as [string, string];
		revisions.push({indicator, team, unit: figure.unit, was: was.value, now: figure.value, at});
	}
	return revisions;
}

/** `revised 07:43: was 63%, now 82%` */
export function revisionWords(revision: Revision): string {
	const figure = (value: number | null) => (value === null ? 'no figure' : formatValue(revision.unit, value));
	return `revised ${revision.at}: was ${figure(revision.was)}, now ${figure(revision.now)}`;
}
