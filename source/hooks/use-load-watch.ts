import {useRef} from 'react';
import {formatPeriod} from '../domain/periods.js';
import {findRevisions, revisionKey, type Revision} from '../domain/revisions.js';
import type {LoadInfo} from '../domain/types.js';
import {unitDecimals} from '../domain/units.js';
import type {ScreenRead} from '../store/client.js';

// What a load changed while the console was on screen, from one read to the next: a newer month
// that arrived (the console holds still once someone has pressed a key: a banner says what came
// and who loaded it), and figures of the month shown that were revised (each marked where it is
// shown, "revised 07:43: was 63%, now 82%"). Derived from the reads alone: no store access here.

export type Arrival = {
	/** The newest month now held. */
	period: string;
	/** When it is partial: its coverage, in words. */
	partial: {indicators: number; of: number} | null;
	load: LoadInfo | null;
};

export type LoadWatch = {
	/** Figures of the month shown revised since it was first shown, by indicator:team. */
	revisions: ReadonlyMap<string, Revision>;
	/** A newer month that arrived while a month was shown; null when none did. */
	arrival: Arrival | null;
	/** The load that revised figures on screen, when there are revisions. */
	revisedBy: LoadInfo | null;
};

/** `07:42`, local time, as people in the room read a clock. */
export function clockTime(iso: string | Date): string {
	const date = typeof iso === 'string' ? new Date(iso) : iso;
	if (Number.isNaN(date.getTime())) return String(iso);
	return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}

const newestOf = (read: ScreenRead) => read.view.newerPartial?.period ?? read.view.latest;

export function useLoadWatch(read: ScreenRead | null): LoadWatch {
	const state = useRef<{read: ScreenRead | null; watch: LoadWatch}>({read: null, watch: {revisions: new Map(), arrival: null, revisedBy: null}});
	if (read && read !== state.current.read) {
		const before = state.current.read;
		let {revisions, arrival, revisedBy} = state.current.watch;
		const period = read.view.scorecard.period;
		if (!before || before.view.scorecard.period !== period) {
			revisions = new Map();
			revisedBy = null;
		} else {
			const found = findRevisions(before.view.scorecard, read.view.scorecard, clockTime(read.view.lastLoad?.loadedAt ?? new Date()), unitDecimals);
			if (found.length > 0) {
				const next = new Map(revisions);
				// Revised twice: was is what the room first saw.
				for (const revision of found) {
					const key = revisionKey(revision.indicator, revision.team);
					next.set(key, {...revision, was: next.get(key)?.was ?? revision.was});
				}
				revisions = next;
				revisedBy = read.view.lastLoad;
			}
		}
		// A newer month than the one shown, that was not there at the last read.
		const newest = newestOf(read);
		if (before && newest > newestOf(before)) {
			const partial = read.view.newerPartial;
			arrival = {period: newest, partial: partial ? {indicators: partial.indicators, of: partial.of} : null, load: read.view.lastLoad};
		}
		if (arrival && (period >= arrival.period || newestOf(read) < arrival.period)) arrival = null;
		else if (arrival && read.view.newerPartial === null && arrival.partial) arrival = {...arrival, partial: null};
		state.current = {read, watch: {revisions, arrival, revisedBy}};
	}
	return state.current.watch;
}

/** The banner for a month that arrived: `Jan 2018 loaded 07:42 by alice · L to view`. */
export function arrivalWords(arrival: Arrival, keys: string, dot = '·'): string {
	const partial = arrival.partial ? ` (partial: ${arrival.partial.indicators} of ${arrival.partial.of})` : '';
	const load = arrival.load ? ` loaded ${clockTime(arrival.load.loadedAt)} by ${arrival.load.osUser}` : ' loaded';
	return `${formatPeriod(arrival.period)}${partial}${load} ${dot} ${keys} to view`;
}

/** The line for figures revised on screen: `2 figures revised 07:43 by alice: ↻ marks them`. */
export function revisedWords(watch: LoadWatch, mark: string): string | null {
	const count = watch.revisions.size;
	if (count === 0) return null;
	const last = [...watch.revisions.values()].at(-1)!;
	const by = watch.revisedBy ? ` by ${watch.revisedBy.osUser}` : '';
	return `${count === 1 ? '1 figure' : `${count} figures`} of this month revised ${last.at}${by}: ${mark} marks ${count === 1 ? 'it' : 'them'}`;
}
