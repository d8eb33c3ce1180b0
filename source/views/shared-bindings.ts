import type {Command, KeySpec} from '../keys.js';
import {APP_HANDLERS} from './app-state.js';
import type {ListMove, ViewBinding} from './view-spec.js';

// Bindings more than one view has, for the registry to put together: moving through a list, and
// the commands every view shares (their handlers are the app's, app-state.ts).

const MOVES: Command[] = ['up', 'down', 'pageUp', 'pageDown', 'first', 'last'];

/** ↑ ↓ PgUp PgDn g G, handed to the view's list controller. */
export function listMoves<S>(): Array<ViewBinding<S, ListMove>> {
	return MOVES.map(command => ({command, run: () => [{view: {type: 'list', action: {type: 'command', command}}}]}));
}

/** What q says in a view below the grid. */
export const BACK_ONE_LEVEL: Partial<KeySpec> = {label: 'back one level', short: 'back'};

/** Month travel with [ ] and, where they do not move between teams, ← → h l. */
const BRACKETS_ONLY: Partial<KeySpec> = {keys: ['['], footerKeys: undefined};

type SharedOptions = {
	/** The shared commands this view's footer shows. */
	footer: Command[];
	/** ← → are the view's own (the matrix's teams): only [ ] travel in time. */
	bracketsOnly?: boolean;
	quit?: Partial<KeySpec>;
	help?: Partial<KeySpec>;
	/** Commands the view binds itself instead. */
	except?: Command[];
};

/** Back, month travel, the latest month, t c a, reload, help and quit, as the app handles them. */
export function sharedBindings<S, A>(options: SharedOptions): Array<ViewBinding<S, A>> {
	const footer = (command: Command) => options.footer.includes(command);
	const bindings: Array<ViewBinding<S, A>> = [
		{command: 'back', run: APP_HANDLERS.back},
		{command: 'previousMonth', run: APP_HANDLERS.previousMonth, ...(options.bracketsOnly ? BRACKETS_ONLY : {})},
		{command: 'nextMonth', run: APP_HANDLERS.nextMonth, ...(options.bracketsOnly ? {keys: [']'], footerKeys: undefined} : {})},
		{command: 'latestMonth', run: APP_HANDLERS.latestMonth},
		{command: 'matrix', run: APP_HANDLERS.matrix},
		{command: 'caseloads', run: APP_HANDLERS.caseloads},
		{command: 'agenda', run: APP_HANDLERS.agenda},
		{command: 'reload', run: APP_HANDLERS.reload},
		{command: 'help', run: APP_HANDLERS.help, ...options.help},
		{command: 'quit', run: APP_HANDLERS.quit, ...options.quit},
	];
	return bindings.filter(binding => !options.except?.includes(binding.command)).map(binding => ({...binding, footer: footer(binding.command)}));
}
