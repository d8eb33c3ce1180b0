import {decodeKey, keysFor, resolveBindings, type Binding, type Command} from '../keys.js';
import type {KeyEvent} from '../input/key-decoder.js';
import {AgendaView} from './agenda/agenda-view.js';
import {agendaReducer, initialAgendaState, AGENDA_BINDINGS} from './agenda/state.js';
import {captureFilter} from './app-state.js';
import {CASELOAD_BINDINGS, CaseloadView, caseloadReducer, initialCaseloads} from './caseload-view.js';
import {DetailView} from './detail/detail-view.js';
import {DETAIL_BINDINGS, detailKey, detailReducer, initialDetailState} from './detail/state.js';
import {HELP_BINDINGS, HelpView, helpReducer, initialHelp} from './help-view.js';
import {initialMatrix, MATRIX_BINDINGS, matrixReducer} from './matrix/matrix-state.js';
import {MatrixView} from './matrix/matrix-view.js';
import {initialOverview, OVERVIEW_BINDINGS, overviewReducer} from './overview/overview-state.js';
import {OverviewView} from './overview/overview-view.js';
import type {ScreenRequest} from '../store/client.js';
import type {Route, RouteOf, ViewName} from './route.js';
import {defineView, type AnyViewSpec, type Effect, type Handler, type HandlerContext, type ScreenNeeds} from './view-spec.js';

// The view registry: one record per view, the only place that says which view handles which
// command. The app (app.tsx) routes through it: the view on screen is the one keys are decoded
// against, its bindings make the footer and the help, its handlers answer the keys.

export const REGISTRY: Record<ViewName, AnyViewSpec> = {
	overview: defineView({
		name: 'overview',
		title: 'all indicators',
		filter: true,
		state: {key: () => 'overview', initial: initialOverview, reducer: overviewReducer},
		bindings: OVERVIEW_BINDINGS,
		component: OverviewView,
	}),
	detail: defineView({
		name: 'detail',
		title: 'indicator detail',
		reads: (route: RouteOf<'detail'>) => ({teams: true, histories: [route.indicator]}),
		state: {key: (route: RouteOf<'detail'>) => detailKey(route), initial: initialDetailState, reducer: detailReducer},
		bindings: DETAIL_BINDINGS,
		component: DetailView,
	}),
	matrix: defineView({
		name: 'matrix',
		title: 'team matrix',
		reads: () => ({teams: true}),
		filter: true,
		state: {key: () => 'matrix', initial: initialMatrix, reducer: matrixReducer},
		bindings: MATRIX_BINDINGS,
		component: MatrixView,
	}),
	caseloads: defineView({
		name: 'caseloads',
		title: 'caseload distribution',
		reads: () => ({caseloads: true}),
		state: {key: () => 'caseloads', initial: initialCaseloads, reducer: caseloadReducer},
		bindings: CASELOAD_BINDINGS,
		component: CaseloadView,
	}),
	agenda: defineView({
		name: 'agenda',
		title: 'stand-up agenda',
		reads: () => ({agenda: true}),
		state: {key: () => 'agenda', initial: initialAgendaState, reducer: agendaReducer},
		bindings: AGENDA_BINDINGS,
		component: AgendaView,
	}),
	help: defineView({
		name: 'help',
		title: 'help',
		state: {key: () => 'help', initial: initialHelp, reducer: helpReducer},
		bindings: HELP_BINDINGS,
		component: HelpView,
	}),
};

export const VIEW_NAMES = Object.keys(REGISTRY) as ViewName[];

// Each view's bindings resolved once: the key table's keys and words, or the view's own.
const RESOLVED = new Map<ViewName, {bindings: Binding[]; handlers: Map<Command, Handler<unknown, unknown>>}>(
	VIEW_NAMES.map(name => {
		const entries = REGISTRY[name].bindings;
		const bindings = resolveBindings(entries.map(({run: _run, ...entry}) => entry));
		const handlers = new Map(entries.map(entry => [entry.command, entry.run as Handler<unknown, unknown>]));
		return [name, {bindings, handlers}];
	}),
);

/** What a route's view needs read: nothing beyond the grid's figures unless its record says. */
export function needsOf(route: Route): ScreenNeeds {
	const needs = REGISTRY[route.view].reads?.(route) ?? {};
	return {teams: needs.teams ?? false, histories: needs.histories ?? [], caseloads: needs.caseloads ?? false, agenda: needs.agenda ?? false};
}

/**
 * What the screen reads for a stack: what every view on it needs (going back is then drawn from
 * the read in hand), for the month chosen (none: the newest whole month).
 */
export function screenRequest(stack: Route[], period: string | null): ScreenRequest {
	const needs = stack.map(needsOf);
	return {
		...(period === null ? {} : {period}),
		teams: needs.some(need => need.teams),
		histories: [...new Set(needs.flatMap(need => need.histories))],
		caseloads: needs.some(need => need.caseloads),
		agenda: needs.some(need => need.agenda),
	};
}

/** A view's bindings, in the order the help and the footer list them. */
export function bindingsOf(view: ViewName): Binding[] {
	return RESOLVED.get(view)!.bindings;
}

/** The keys that give a command in a view, as hints write them. */
export function viewKeys(view: ViewName, command: Command, ascii = false, limit = Infinity): string {
	return keysFor(command, bindingsOf(view), ascii, limit);
}

/** The command a key gives in a view; null when none. */
export function commandOf(view: ViewName, event: KeyEvent): Command | null {
	return decodeKey(event, bindingsOf(view));
}

/**
 * What one key does in the view on screen: the filter's text first (where the view has the filter
 * and it is being typed), else the command the view's bindings give, answered by its handler.
 * Null when the key means nothing there.
 */
export function keyEffects(view: ViewName, context: HandlerContext<unknown>, event: KeyEvent): Array<Effect<unknown>> | null {
	if (REGISTRY[view].filter) {
		const typed = captureFilter(context.app.filter, event);
		if (typed) return typed;
	}
	const command = commandOf(view, event);
	if (command === null) return null;
	return RESOLVED.get(view)!.handlers.get(command)!(context);
}
