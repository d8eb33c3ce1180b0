import type React from 'react';
import type {ScorecardView} from '../domain/scorecard-view.js';
import type {ScreenRequest, ScreenRead} from '../store/client.js';
import type {Command, KeySpec, Binding} from '../keys.js';
import type {FilterAction, FilterState} from './filter-state.js';
import type {ListAction} from './list-controller.js';
import type {Route, ViewName} from './route.js';
import type {ScreenContext} from './screen-context.js';

// What the view registry (registry.ts) holds for each view: one typed record with its name and
// title, the route it is opened by, what the screen must have read for it, its state (a key, a
// first value, a reducer), its bindings with their handlers and words, and the component.

/** The app's own state: the view stack, the help layer, the month, the `/` filter (app-state.ts changes it). */
export type AppState = {
	stack: Route[];
	help: boolean;
	/** The month chosen by the user; null follows the newest month as loads arrive. */
	period: string | null;
	/**
	 * Someone has pressed a key: from now on a load never changes the month, the view or the item
	 * on screen (the month is pinned; a banner says what arrived).
	 */
	held: boolean;
	filter: FilterState;
};

export type AppAction =
	| {type: 'push'; route: Route}
	| {type: 'pop'}
	| {type: 'help'; open: boolean}
	| {type: 'period'; period: string | null}
	/** The first key: pin the month shown. */
	| {type: 'hold'; period: string}
	| {type: 'filter'; action: FilterAction};

/** What a key does: a change to the view's own state, to the app's, the end, or a read now. */
export type Effect<A> = {view: A} | {app: AppAction} | {exit: true} | {reload: true};

/** What a handler sees: the view's state, the app's, and what the screen shows. */
export type HandlerContext<S> = {
	state: S;
	app: AppState;
	data: ScorecardView;
	/** The route on screen (under the help, for the help's keys). */
	route: Route;
};

/** A command's handler: pure, from what is on screen to what changes ([] when nothing does). */
export type Handler<S, A> = (context: HandlerContext<S>) => Array<Effect<A>>;

/** A command a view takes: its handler, and the view's own keys or words where the table's do not fit. */
export type ViewBinding<S, A> = Partial<KeySpec> & {command: Command; run: Handler<S, A>; footer?: boolean};

/** The list controller's action, as every view with a list takes it. */
export type ListMove = {type: 'list'; action: ListAction};

/** What a view needs read besides the grid's figures (store/read-screen.ts). */
export type ScreenNeeds = Omit<ScreenRequest, 'period'>;

export type DispatchOptions = {quiet?: boolean};

export type ViewProps<S, A, R> = {
	route: R;
	state: S;
	/** `quiet`: store the state without drawing again (the frame on screen already shows it). */
	dispatch: (action: A, options?: DispatchOptions) => void;
	/** The screen's read: the header's figures and the body's, from one snapshot. */
	read: ScreenRead;
	/** The read's scorecard (`read.view`). */
	data: ScorecardView;
	width: number;
	height: number;
	screen: ScreenContext;
};

export type ViewSpec<S, A, R> = {
	name: ViewName;
	/** The header's and the help's name for it. */
	title: string;
	/** What the screen must have read before it shows (nothing beyond the grid's figures: omitted). */
	reads?: (route: R) => Partial<ScreenNeeds>;
	/** The `/` filter applies: while it is being typed, keys are text before they are commands. */
	filter?: boolean;
	state: {
		/** Where its state is kept: one per view, or one per route (a detail per indicator and team). */
		key: (route: R) => string;
		initial: (route: R) => S;
		reducer: (state: S, action: A) => S;
	};
	bindings: Array<ViewBinding<S, A>>;
	component: React.ComponentType<ViewProps<S, A, R>>;
};

/** A spec with its types checked where it is written, kept in the registry without them. */
export function defineView<S, A, R>(spec: ViewSpec<S, A, R>): ViewSpec<S, A, R> {
	return spec;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyViewSpec = ViewSpec<any, any, any>;

export type {Binding};
