import {parseArgs} from 'node:util';

// Flags for the two commands, on Node's own parser. (meow, the stack's first choice, cost every
// console start about 20 ms and 9 MB: see the README's note on the stack.)

export class UsageError extends Error {
	override name = 'UsageError';
}

export type FlagSpec = Record<string, {type: 'string' | 'boolean'; negatable?: boolean}>;

export type ParsedFlags = {
	/** By camelCase name; absent flags are undefined, `--no-x` gives false. */
	flags: Record<string, string | boolean | undefined>;
	input: string[];
	help: boolean;
};

const camel = (name: string) => name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());

export function parseFlags(argv: string[], spec: FlagSpec): ParsedFlags {
	const negated: Record<string, false> = {};
	const args: string[] = [];
	for (const [index, arg] of argv.entries()) {
		if (arg === '--') {
			args.push(...argv.slice(index));
			break;
		}
		const name = /^--no-([a-z][a-z-]*)$/.exec(arg)?.[1];
		if (name && spec[name]?.negatable) negated[camel(name)] = false;
		else args.push(arg);
	}
	const options = Object.fromEntries(Object.entries(spec).map(([name, {type}]) => [name, {type}]));
	let parsed;
	try {
		parsed = parseArgs({args, options: {...options, help: {type: 'boolean', short: 'h'}}, strict: true, allowPositionals: true});
	} catch (error) {
		// Node's messages run to several lines with advice about `--`; one line is enough here.
		const message = error instanceof Error ? error.message.split('\n')[0]!.replace(/\. To specify a positional.*$/, '') : String(error);
		throw new UsageError(message.replace(/^Unknown option '(.*?)'.*$/, 'unknown flag $1'));
	}
	const flags: ParsedFlags['flags'] = {...negated};
	for (const [name, value] of Object.entries(parsed.values)) if (name !== 'help') flags[camel(name)] = value as string | boolean;
	return {flags, input: parsed.positionals, help: parsed.values['help'] === true};
}

export type OpenTarget = {indicator: string; team?: string};

/**
 * `--open CODE[:TEAM]`: the indicator (and team) whose detail the console starts on, matched
 * case-insensitively against the store's codes; a code the store does not hold is a usage error.
 */
export function resolveOpenTarget(text: string, indicators: string[], teams: string[]): OpenTarget {
	const [code = '', team, ...rest] = text.split(':').map(part => part.trim());
	if (!code || rest.length > 0 || team === '') throw new UsageError(`--open: give an indicator code, or CODE:TEAM, not "${text}" (see --help)`);
	const indicator = indicators.find(known => known.toLowerCase() === code.toLowerCase());
	if (!indicator) throw new UsageError(`--open: no indicator "${code}" in the store (see --help)`);
	if (team === undefined || team.toUpperCase() === 'ALL') return {indicator};
	const found = teams.find(known => known.toLowerCase() === team.toLowerCase());
	if (!found) throw new UsageError(`--open: no team "${team}" in the store (teams: ${teams.join(', ')})`);
	return {indicator, team: found};
}
