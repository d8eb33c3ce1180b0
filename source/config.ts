// Where the store lives: a flag beats the environment, which beats the default.
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
