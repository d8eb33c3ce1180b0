import fs from 'node:fs';
import os from 'node:os';
import nodePath from 'node:path';

// The one config module: where the store is and how the console looks, for every run (flags
// beat the environment, which beats the user's config file, which beats the server's, which
// beats the defaults; the config files are read by the program itself, so `ssh host scorecard`,
// with no login shell and no /etc/profile.d, finds the same store as a login does), where the
// loaders' key file is, and what the console starts with. The store's own settings (what a load
// sets) are domain/store-settings.ts.

export const DEFAULT_DB_PATH = 'data/scorecard.db';
export const SYSTEM_CONFIG = '/etc/scorecard.conf';

/** `$XDG_CONFIG_HOME/scorecard/config`, else `~/.config/scorecard/config`; null without a home. */
export function userConfigPath(env: NodeJS.ProcessEnv = process.env): string | null {
	const xdg = env['XDG_CONFIG_HOME'];
	if (xdg && nodePath.isAbsolute(xdg)) return nodePath.join(xdg, 'scorecard', 'config');
	const home = env['HOME'] || safeHome();
	return home ? nodePath.join(home, '.config', 'scorecard', 'config') : null;
}

function safeHome(): string | null {
	try {
		return os.homedir() || null;
	} catch {
		return null;
	}
}

/** A user's mistake in a config file: one line naming the file, line and column. */
export class ConfigError extends Error {
	override name = 'ConfigError';
}

export const THEMES = ['dark', 'light', 'auto'] as const;
export type ThemeSetting = (typeof THEMES)[number];

/** What a config file may set; each value remembers the file it came from. */
export type FileSettings = {
	store?: {value: string; file: string};
	theme?: {value: ThemeSetting; file: string};
};

const KEYS = ['store', 'theme'] as const;

/**
 * One config file: `name = value` lines, `#` comments, blank lines. A relative store path is
 * relative to the file's folder; `~/` is the reader's home. A missing file is no settings; an
 * unreadable or wrong one is a ConfigError.
 */
export function readConfigFile(file: string, env: NodeJS.ProcessEnv = process.env): FileSettings {
	let text: string;
	try {
		text = fs.readFileSync(file, 'utf8');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT' || code === 'ENOTDIR') return {};
		throw new ConfigError(`${file}: cannot read the config file (${code === 'EACCES' ? 'permission denied: it should be readable by everyone' : (code ?? String(error))})`);
	}
	const settings: FileSettings = {};
	const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
	lines.forEach((raw, index) => {
		const where = (column: number) => `${file}:${index + 1}:${column}`;
		const line = raw.trim();
		if (line === '' || line.startsWith('#')) return;
		const indent = raw.length - raw.trimStart().length;
		const equals = raw.indexOf('=');
		if (equals === -1) throw new ConfigError(`${where(indent + 1)}: expected "name = value", found "${line}"`);
		const name = raw.slice(0, equals).trim();
		const value = unquote(raw.slice(equals + 1).trim());
		const valueColumn = equals + 2 + (raw.slice(equals + 1).length - raw.slice(equals + 1).trimStart().length);
		if (!(KEYS as readonly string[]).includes(name)) throw new ConfigError(`${where(indent + 1)}: unknown setting "${name}" (settings: ${KEYS.join(', ')})`);
		if (value === '') throw new ConfigError(`${where(valueColumn)}: ${name} needs a value`);
		if (name === 'store') settings.store = {value: expandPath(value, file, env), file};
		else if (name === 'theme') {
			if (!(THEMES as readonly string[]).includes(value)) throw new ConfigError(`${where(valueColumn)}: theme "${value}" is not one of ${THEMES.join(', ')}`);
			settings.theme = {value: value as ThemeSetting, file};
		}
	});
	return settings;
}

function unquote(value: string): string {
	return /^(["']).*\1$/.test(value) ? value.slice(1, -1) : value;
}

function expandPath(value: string, file: string, env: NodeJS.ProcessEnv): string {
	if (value === '~' || value.startsWith('~/')) {
		const home = env['HOME'] || safeHome();
		if (home) return nodePath.join(home, value.slice(1));
	}
	return nodePath.isAbsolute(value) ? value : nodePath.resolve(nodePath.dirname(file), value);
}

export type ConfigFiles = {system?: string | null; user?: string | null};

/** The server's file, then the user's on top of it (a later file's setting wins). */
export function readConfigFiles(env: NodeJS.ProcessEnv = process.env, files: ConfigFiles = {}): FileSettings {
	const system = files.system === undefined ? SYSTEM_CONFIG : files.system;
	const user = files.user === undefined ? userConfigPath(env) : files.user;
	const merged: FileSettings = {};
	for (const file of [system, user]) {
		if (!file) continue;
		Object.assign(merged, readConfigFile(file, env));
	}
	return merged;
}

export type DbSource = {path: string; from: '--db' | 'SCORECARD_DB' | 'config' | 'default'; file?: string};

export function resolveDbSource(flag?: string, env: NodeJS.ProcessEnv = process.env, settings: FileSettings = {}): DbSource {
	if (flag !== undefined && flag.trim() !== '') return {path: flag, from: '--db'};
	const fromEnv = env['SCORECARD_DB'];
	if (fromEnv !== undefined && fromEnv.trim() !== '') return {path: fromEnv, from: 'SCORECARD_DB'};
	if (settings.store) return {path: settings.store.value, from: 'config', file: settings.store.file};
	return {path: DEFAULT_DB_PATH, from: 'default'};
}

export function resolveDbPath(flag?: string, env: NodeJS.ProcessEnv = process.env, settings: FileSettings = {}): string {
	return resolveDbSource(flag, env, settings).path;
}

/** How a source was chosen, in doctor's words. */
export function describeDbSource(source: DbSource): string {
	switch (source.from) {
		case '--db':
			return 'from --db';
		case 'SCORECARD_DB':
			return 'from SCORECARD_DB';
		case 'config':
			return `from ${source.file}`;
		case 'default':
			return `the default: no --db, SCORECARD_DB not set, no store in ${SYSTEM_CONFIG} or ~/.config/scorecard/config`;
	}
}

/** What a reader whose store was never set must set, when the default store is not there. */
export function storeSettingHint(): string {
	return `no store set: ask for "store = /path/to/scorecard.db" in ${SYSTEM_CONFIG} (every user), or put it in ~/.config/scorecard/config, or set SCORECARD_DB, or give --db FILE`;
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
