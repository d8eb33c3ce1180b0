import {useCallback, useEffect, useRef, useState} from 'react';
import type {StoreClient} from '../store/client.js';
import type {ScorecardView} from '../domain/scorecard.js';

export type LiveScorecard = {
	data: ScorecardView | null;
	/** The last read failed: shown on a line while the last good figures stay on screen. */
	error: string | null;
	/** Bumped on every successful read, so views can refresh what they load themselves. */
	revision: number;
	reload: () => void;
};

/** A read made before the first render, with the store's data version at the time. */
export type InitialRead = {data: ScorecardView; version: string};

function message(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/**
 * The scorecard for `period` (null: the newest month that is not partial, following new loads),
 * re-read when the store changes. A partial month loaded mid-meeting is not followed: the read
 * (store/read-scorecard.ts) keeps to the newest whole month and names the partial one. Idle cost is
 * one `PRAGMA data_version` per poll.
 */
export function useLiveScorecard(
	client: StoreClient,
	period: string | null,
	pollInterval: number,
	options: {initial?: InitialRead; withTeams: boolean},
): LiveScorecard {
	const {initial, withTeams} = options;
	const [state, setState] = useState<{data: ScorecardView | null; error: string | null; revision: number}>({
		data: initial?.data ?? null,
		error: null,
		revision: initial ? 1 : 0,
	});
	const [tick, setTick] = useState(0);
	const version = useRef<string | null>(initial?.version ?? null);
	// What the data on screen was read for: a view that shows teams' figures (matrix, detail) asks
	// for them; the grid does not, so neither its first frame nor its refreshes read them.
	const read = useRef<{period: string | null; tick: number; teams: boolean} | null>(
		initial ? {period, tick: 0, teams: !initial.data.partial} : null,
	);
	const request = useRef(0);
	const failed = useRef(false);
	failed.current = state.error !== null;

	const reload = useCallback(() => setTick(t => t + 1), []);

	useEffect(() => {
		const last = read.current;
		// Leaving the matrix keeps the teams' figures it read: nothing to read again.
		if (last && last.period === period && last.tick === tick && (last.teams || !withTeams)) return;
		const id = ++request.current;
		let cancelled = false;
		(async () => {
			try {
				const v = await client.dataVersion();
				const data = withTeams ? await client.scorecard(period ?? undefined) : await client.gridScorecard(period ?? undefined);
				if (cancelled || id !== request.current) return;
				read.current = {period, tick, teams: withTeams};
				version.current = v;
				setState(s => ({data, error: null, revision: s.revision + 1}));
			} catch (error) {
				if (cancelled || id !== request.current) return;
				setState(s => ({...s, error: message(error)}));
			}
		})();
		return () => {
			cancelled = true;
		};
	}, [client, period, tick, withTeams]);

	useEffect(() => {
		let busy = false;
		const timer = setInterval(async () => {
			if (busy) return;
			busy = true;
			try {
				const v = await client.dataVersion();
				// A store that was unreadable and is readable again is re-read even if nothing changed.
				if (v !== version.current || failed.current) setTick(t => t + 1);
			} catch (error) {
				setState(s => (s.error === message(error) ? s : {...s, error: message(error)}));
			} finally {
				busy = false;
			}
		}, pollInterval);
		return () => clearInterval(timer);
	}, [client, pollInterval]);

	return {...state, reload};
}
