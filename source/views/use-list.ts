import {useLayoutEffect} from 'react';
import {listReducer, type ListAction, type ListState} from './list-controller.js';

type Sync = Omit<Extract<ListAction, {type: 'sync'}>, 'type'>;

/**
 * A view tells its list what it shows this frame (items, heights, the rows free) and draws the
 * list as that leaves it. The render computes the same pure update the layout effect then stores,
 * so the frame and the state keys are read against never differ.
 */
export function useList(list: ListState, sync: Sync, dispatch: (action: ListAction, options?: {quiet?: boolean}) => void): ListState {
	const synced = listReducer(list, {type: 'sync', ...sync});
	useLayoutEffect(() => {
		// Stored quietly: this frame was drawn from `synced` already, and drawing it again (a whole
		// second render after the console's first frame) would change nothing on screen.
		if (synced !== list) dispatch({type: 'sync', ...sync}, {quiet: true});
	});
	return synced;
}
