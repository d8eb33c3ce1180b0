import {useCallback, useEffect, useRef, useState} from 'react';
import {covers, type ScreenRead, type ScreenRequest, type StoreClient} from '../store/client.js';

// The screen's one read, and its one refresh rule: read again when what the screen needs changes
// (the month, a view that needs more), when the store changes (one `PRAGMA data_version` per poll)
// or on `r`. The header and the body are drawn from the same read, so they never show different
// loads. A partial month loaded mid-meeting is not followed: the read keeps to the newest whole
// month and names the partial one (store/read-scorecard.ts).

export type LiveScreen = {
	/** The last good read; kept on screen while the next one is read, or when it fails. */
	read: ScreenRead | null;
	/** The last read failed: shown on a line while the last good figures stay on screen. */
	error: string | null;
	reload: () => void;
};

/** A read made before the first render, with the store's data version at the time. */
export type InitialRead = {read: ScreenRead; version: string};

function message(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

const sameMonth = (a: ScreenRequest, b: ScreenRequest) => (a.period ?? null) === (b.period ?? null);

export function useLiveScreen(client: StoreClient, request: ScreenRequest, pollInterval: number, initial?: InitialRead): LiveScreen {
	const [state, setState] = useState<{read: ScreenRead | null; error: string | null}>({read: initial?.read ?? null, error: null});
	const [tick, setTick] = useState(0);
	const version = useRef<string | null>(initial?.version ?? null);
	// What the read in hand was asked for, and at which tick.
	const done = useRef<{request: ScreenRequest; tick: number} | null>(initial ? {request: initial.read.request, tick: 0} : null);
	const latest = useRef(0);
	const failed = useRef(false);
	failed.current = state.error !== null;
	const key = JSON.stringify(request);

	const reload = useCallback(() => setTick(t => t + 1), []);

	useEffect(() => {
		const last = done.current;
		// Leaving the matrix keeps the teams' figures it read: nothing to read again.
		if (last && last.tick === tick && sameMonth(last.request, request) && covers(last.request, request)) return;
		const id = ++latest.current;
		let cancelled = false;
		(async () => {
			try {
				const v = await client.dataVersion();
				const read = await client.screen(request);
				if (cancelled || id !== latest.current) return;
				done.current = {request, tick};
				version.current = v;
				setState({read, error: null});
			} catch (error) {
				if (cancelled || id !== latest.current) return;
				setState(s => ({...s, error: message(error)}));
			}
		})();
		return () => {
			cancelled = true;
		};
		// The request is compared by its key.
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [client, key, tick]);

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
