import type {Binding, Command} from '../keys.js';
import type {ConsoleConfig} from '../config.js';
import type {FilterState} from './filter-state.js';
import type {ViewName} from './route.js';
import type {Revision} from '../domain/revisions.js';

/** What every view is drawn with besides its read and state: the app's, passed down as props. */
export type ScreenContext = {
	config: ConsoleConfig;
	/** The `/` filter the grid and the matrix share. */
	filter: FilterState;
	/** Someone has pressed a key: loads no longer change what is on screen (the agenda keeps its items). */
	held: boolean;
	/** Figures of the month shown revised while on screen, by indicator:team (domain/revisions.ts). */
	revisions: ReadonlyMap<string, Revision>;
	/** The keys that give a command in the view on screen, for hints ("↓ j, PgDn"). */
	keys: (command: Command, limit?: number) => string;
	/** The view under the help: the help lists its keys. */
	under: {name: ViewName; title: string; bindings: Binding[]};
};
