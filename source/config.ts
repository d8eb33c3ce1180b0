// Where the store lives: a flag beats the environment, which beats the default.
export const DEFAULT_DB_PATH = 'data/scorecard.db';

export function resolveDbPath(flag?: string, env: NodeJS.ProcessEnv = process.env): string {
	if (flag !== undefined && flag.trim() !== '') return flag;
	const fromEnv = env['SCORECARD_DB'];
	if (fromEnv !== undefined && fromEnv.trim() !== '') return fromEnv;
	return DEFAULT_DB_PATH;
}
