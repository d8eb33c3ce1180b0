// The one config module: where the store is (a flag beats the environment, which beats the
// default), where the loaders' key file is, and what the console starts with. The store's own
// settings (what a load sets) are domain/store-settings.ts.

export const DEFAULT_DB_PATH = 'data/scorecard.db';

export type DbSource = {path: string; from: '--db' | 'SCORECARD_DB' | 'default'};

export function resolveDbSource(flag?: string, env: NodeJS.ProcessEnv = process.env): DbSource {
	if (flag !== undefined && flag.trim() !== '') return {path: flag, from: '--db'};
	const fromEnv = env['SCORECARD_DB'];
	if (fromEnv !== undefined && fromEnv.trim() !== '') return {path: fromEnv, from: 'SCORECARD_DB'};
	return {path: DEFAULT_DB_PATH, from: 'default'};
}

export function resolveDbPath(flag?: string, env: NodeJS.ProcessEnv = process.env): string {
	return resolveDbSource(flag, env).path;
}

/** The worker-hash key (loaders only): `SCORECARD_KEY_FILE`, else beside the store. */
export function resolveKeyFile(dbPath: string, env: NodeJS.ProcessEnv = process.env): string {
	const fromEnv = env['SCORECARD_KEY_FILE'];
	return fromEnv !== undefined && fromEnv.trim() !== '' ? fromEnv : `${dbPath}.key`;
}

/** What the console is started with, after flags and environment. */
export type ConsoleConfig = {
	caseloadThreshold: number;
	/** How long a lone Esc waits for the rest of an arrow key split by a slow link. */
	escapeDelay: number;
	/** How often the store is asked whether anything changed. */
	pollInterval: number;
};

export const DEFAULT_CONSOLE_CONFIG: ConsoleConfig = {caseloadThreshold: 20, escapeDelay: 100, pollInterval: 1000};

// Below this the console says so instead of drawing a broken frame.
export const MIN_COLUMNS = 60;
export const MIN_ROWS = 12;
