// The one key map: commands, the keys that give them, and the words the footer and help show.

export type Command =
	| 'up'
	| 'down'
	| 'pageUp'
	| 'pageDown'
	| 'first'
	| 'last'
	| 'enter'
	| 'back'
	| 'previousMonth'
	| 'nextMonth'
	| 'matrix'
	| 'caseloads'
	| 'agenda'
	| 'filter'
	| 'nextProblem'
	| 'previousProblem'
	| 'reload'
	| 'help'
	| 'quit'
	| 'left'
	| 'right'
	| 'step'
	| 'scope';

export type ViewName = 'overview' | 'detail' | 'matrix' | 'caseloads' | 'agenda' | 'help';

export type Binding = {
	command: Command;
	/** How the keys are written for people. */
	keys: string;
	label: string;
	/** The footer's shorter words, where the label is long. */
	short?: string;
	/** Views where the binding applies; omitted = everywhere. */
	views?: ViewName[];
	/** Shown in the footer of these views (short list: the main keys). */
	footer?: ViewName[];
};

export const BINDINGS: Binding[] = [
	{command: 'up', keys: '↑ k', label: 'move up', views: ['overview', 'matrix', 'caseloads', 'agenda', 'detail', 'help']},
	{command: 'down', keys: '↓ j', label: 'move down', views: ['overview', 'matrix', 'caseloads', 'agenda', 'detail', 'help']},
	{command: 'left', keys: '← h', label: 'previous team', views: ['matrix']},
	{command: 'right', keys: '→ l', label: 'next team', views: ['matrix']},
	{command: 'pageUp', keys: 'PgUp', label: 'page up', views: ['overview', 'matrix', 'detail', 'caseloads', 'agenda', 'help']},
	{command: 'pageDown', keys: 'PgDn', label: 'page down', views: ['overview', 'matrix', 'detail', 'caseloads', 'agenda', 'help']},
	{command: 'first', keys: 'g', label: 'first', views: ['overview', 'matrix', 'detail', 'caseloads', 'agenda']},
	{command: 'last', keys: 'G', label: 'last', views: ['overview', 'matrix', 'detail', 'caseloads', 'agenda']},
	{command: 'enter', keys: 'Enter', label: 'open', views: ['overview', 'matrix', 'agenda'], footer: ['overview', 'matrix', 'agenda']},
	{command: 'step', keys: 'Space', label: 'present next item', views: ['agenda'], footer: ['agenda']},
	{command: 'back', keys: 'Esc Bksp', label: 'back: close help, clear the filter, then up one level', short: 'back', footer: ['detail', 'matrix', 'caseloads', 'agenda', 'help']},
	{command: 'previousMonth', keys: '[ ←', label: 'previous month (the whole console travels)', short: '', views: ['overview', 'detail', 'caseloads', 'agenda', 'help'], footer: ['overview', 'detail', 'caseloads', 'agenda']},
	// In the matrix ← → move between teams, so only [ ] travel in time.
	{command: 'previousMonth', keys: '[', label: 'previous month (the whole console travels)', short: '', views: ['matrix'], footer: ['matrix']},
	{command: 'nextMonth', keys: '] →', label: 'next month', short: 'month', views: ['overview', 'detail', 'caseloads', 'agenda', 'help'], footer: ['overview', 'detail', 'caseloads', 'agenda']},
	{command: 'nextMonth', keys: ']', label: 'next month', short: 'month', views: ['matrix'], footer: ['matrix']},
	{command: 'scope', keys: 'w', label: 'whole service / team (a detail opened on a team)', short: 'service/team', views: ['detail'], footer: ['detail']},
	{command: 'matrix', keys: 't', label: 'team matrix', footer: ['overview', 'detail']},
	{command: 'caseloads', keys: 'c', label: 'caseloads', footer: ['overview']},
	{command: 'agenda', keys: 'a', label: 'stand-up agenda', short: 'agenda', footer: ['overview']},
	{command: 'filter', keys: '/', label: 'filter indicators by text', short: 'filter', views: ['overview', 'matrix'], footer: ['overview', 'matrix']},
	{command: 'nextProblem', keys: 'n', label: 'next red or amber indicator', short: 'next red/amber', views: ['overview', 'matrix'], footer: ['overview', 'matrix']},
	{command: 'previousProblem', keys: 'N', label: 'previous red or amber indicator', views: ['overview', 'matrix']},
	{command: 'reload', keys: 'r', label: 'reload now'},
	{command: 'help', keys: '?', label: 'help', footer: ['overview', 'detail', 'matrix', 'caseloads', 'agenda']},
	{command: 'quit', keys: 'q', label: 'back; quit at the top (Ctrl-C quits anywhere)', short: 'quit', footer: ['overview', 'detail', 'matrix', 'caseloads', 'agenda', 'help']},
];

/** The minimal key shape we decode (Ink's `Key` has these fields). */
export type KeyPress = {
	upArrow?: boolean;
	downArrow?: boolean;
	leftArrow?: boolean;
	rightArrow?: boolean;
	pageUp?: boolean;
	pageDown?: boolean;
	return?: boolean;
	escape?: boolean;
	backspace?: boolean;
	delete?: boolean;
	ctrl?: boolean;
	meta?: boolean;
	tab?: boolean;
	home?: boolean;
	end?: boolean;
};

/** Map one key press to a command; null when the key means nothing here. */
export function decodeKey(input: string, key: KeyPress, view: ViewName): Command | null {
	// In the matrix, ← → move between teams; elsewhere they travel in time.
	const arrowsMoveColumns = view === 'matrix';
	if (key.upArrow) return 'up';
	if (key.downArrow) return 'down';
	if (key.leftArrow) return arrowsMoveColumns ? 'left' : 'previousMonth';
	if (key.rightArrow) return arrowsMoveColumns ? 'right' : 'nextMonth';
	if (key.pageUp) return 'pageUp';
	if (key.pageDown) return 'pageDown';
	if (key.home) return 'first';
	if (key.end) return 'last';
	if (key.return) return 'enter';
	if (key.escape || key.backspace || key.delete) return 'back';
	if (key.ctrl || key.meta) return null;
	switch (input) {
		case 'k':
			return 'up';
		case 'j':
			return 'down';
		case 'h':
			return arrowsMoveColumns ? 'left' : 'previousMonth';
		case 'l':
			return arrowsMoveColumns ? 'right' : 'nextMonth';
		case '[':
			return 'previousMonth';
		case ']':
			return 'nextMonth';
		case 'g':
			return 'first';
		case 'G':
			return 'last';
		case 't':
			return 'matrix';
		case 'c':
			return 'caseloads';
		case 'a':
			return 'agenda';
		case '/':
			return 'filter';
		case 'n':
			return 'nextProblem';
		case 'N':
			return 'previousProblem';
		case 'r':
			return 'reload';
		case '?':
			return 'help';
		case 'q':
			return 'quit';
		case ' ':
			return 'step';
		case 'w':
			return 'scope';
		default:
			return null;
	}
}

export function bindingsFor(view: ViewName): Binding[] {
	return BINDINGS.filter(binding => !binding.views || binding.views.includes(view));
}

export function footerFor(view: ViewName): Binding[] {
	return BINDINGS.filter(binding => binding.footer?.includes(view));
}

const ASCII_KEYS: Record<string, string> = {'↑': 'Up', '↓': 'Down', '←': 'Left', '→': 'Right'};

/** How keys are written on a terminal that cannot show arrows. */
export function keysText(keys: string, ascii: boolean): string {
	return ascii ? keys.replace(/[↑↓←→]/g, arrow => ASCII_KEYS[arrow]!) : keys;
}
