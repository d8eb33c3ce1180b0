import {createContext, useCallback, useContext, useRef, useState} from 'react';

// A view's reducer state that (1) is updated synchronously, so several keys arriving in one chunk
// each see the state the previous one left, and (2) survives the view being unmounted while a
// deeper view is open, so going back returns to the same row.

export const ViewStateContext = createContext<Map<string, unknown>>(new Map());

export function useViewState<S, A>(
	key: string,
	reducer: (state: S, action: A) => S,
	initial: () => S,
): [S, (action: A) => S, {readonly current: S}] {
	const saved = useContext(ViewStateContext);
	const ref = useRef<S | undefined>(undefined);
	if (ref.current === undefined) ref.current = (saved.get(key) as S | undefined) ?? initial();
	const [state, setState] = useState<S>(ref.current);
	const dispatch = useCallback(
		(action: A) => {
			const next = reducer(ref.current as S, action);
			if (next !== ref.current) {
				ref.current = next;
				saved.set(key, next);
				setState(next);
			}
			return next;
		},
		[reducer, saved, key],
	);
	return [state, dispatch, ref as {readonly current: S}];
}
