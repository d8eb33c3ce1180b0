// What the console is started with, after flags and environment.
export type Settings = {
	caseloadThreshold: number;
	/** How long a lone Esc waits for the rest of an arrow key split by a slow link. */
	escapeDelay: number;
	/** How often the store is asked whether anything changed. */
	pollInterval: number;
};

export const DEFAULT_SETTINGS: Settings = {caseloadThreshold: 20, escapeDelay: 100, pollInterval: 1000};

// Below this the console says so instead of drawing a broken frame.
export const MIN_COLUMNS = 60;
export const MIN_ROWS = 12;
