import {useEffect, useState} from 'react';

export type QueryState<T> = {data: T | null; error: string | null; loading: boolean};

/**
 * Runs an async store read when its inputs change (the month, the store's revision) and keeps
 * the last good result on screen while the next one loads or if it fails.
 */
export function useStoreQuery<T>(read: () => Promise<T>, deps: unknown[]): QueryState<T> {
	const [state, setState] = useState<QueryState<T>>({data: null, error: null, loading: true});
	useEffect(() => {
		let cancelled = false;
		setState(s => (s.loading ? s : {...s, loading: true}));
		read().then(
			data => {
				if (!cancelled) setState({data, error: null, loading: false});
			},
			(error: unknown) => {
				if (!cancelled) setState(s => ({data: s.data, error: error instanceof Error ? error.message : String(error), loading: false}));
			},
		);
		return () => {
			cancelled = true;
		};
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, deps);
	return state;
}
