// Where the console can be: the view stack's entries. The help is not a place but a layer over
// one (the app's `help` flag), and has a view name of its own for its keys and title.

export type Route =
	| {view: 'overview'}
	/** One indicator, for the whole service or (with `team`) one team. */
	| {view: 'detail'; indicator: string; team?: string}
	/** Opened on an indicator (the one the meeting was looking at), else on its last selection. */
	| {view: 'matrix'; indicator?: string}
	| {view: 'caseloads'}
	| {view: 'agenda'};

export type RouteView = Route['view'];
export type ViewName = RouteView | 'help';

export type RouteOf<V extends RouteView> = Extract<Route, {view: V}>;
