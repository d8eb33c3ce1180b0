import {parseArgs} from 'node:util';

// Flags for the two commands, on Node's own parser. (meow, the stack's first choice, cost every
// console start about 20 ms and 9 MB: see the README's note on the stack.)

export class UsageError extends Error {
	override name = 'UsageError';
}

/** `value` names what a string flag takes, for the message when it is missing (e.g. `YYYY-MM`). */
export type FlagSpec = Record<string, {type: 'string' | 'boolean'; negatable?: boolean; value?: string}>;

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
		throw new UsageError(describeParseError(error, spec));
	}
	const flags: ParsedFlags['flags'] = {...negated};
	for (const [name, value] of Object.entries(parsed.values)) if (name !== 'help') flags[camel(name)] = value as string | boolean;
	return {flags, input: parsed.positionals, help: parsed.values['help'] === true};
}

/**
 * Node's messages run to several lines with advice about `--`: say in one line, in the project's
 * words, which flag is wrong and how.
 */
function describeParseError(error: unknown, spec: FlagSpec): string {
	const message = error instanceof Error ? error.message : String(error);
	const flag = /^(?:Unknown option|Option) '([^' ]+)/.exec(message)?.[1] ?? '';
	const name = flag.replace(/^--?/, '');
	if (/^Unknown option/.test(message)) return `unknown flag ${flag}`;
	if (/argument missing|argument is ambiguous/.test(message)) {
		const value = spec[name]?.value;
		return value ? `${flag} needs a value: ${flag} ${value}` : `${flag} needs a value`;
	}
	if (/does not take an argument/.test(message)) return `${flag} takes no value`;
	return message.split('\n')[0]!;
}

export type OpenTarget = {indicator: string; team?: string};

/**
 * `--open WHICH[:TEAM]`: the indicator (and team) whose detail the console starts on. WHICH is a
 * code (any case) or the number the grid shows; anything the store does not hold is a usage error.
 */
export function resolveOpenTarget(text: string, indicators: ReadonlyArray<{code: string; number: number}>, teams: string[]): OpenTarget {
	const [which = '', team, ...rest] = text.split(':').map(part => part.trim());
	if (!which || rest.length > 0 || team === '') throw new UsageError(`--open: give an indicator's number or code, or NUMBER:TEAM, not "${text}" (see --help)`);
	const found = /^\d+$/.test(which)
		? indicators.find(known => known.number === Number(which))
		: indicators.find(known => known.code.toLowerCase() === which.toLowerCase());
	if (!found) {
		const numbers = indicators.map(known => known.number);
		const range = numbers.length > 0 ? ` (numbers ${Math.min(...numbers)}-${Math.max(...numbers)})` : '';
		throw new UsageError(`--open: no indicator "${which}" in the store${range} (see --help)`);
	}
	const indicator = found.code;
	if (team === undefined || team.toUpperCase() === 'ALL') return {indicator};
	const teamCode = teams.find(known => known.toLowerCase() === team.toLowerCase());
	if (!teamCode) throw new UsageError(`--open: no team "${team}" in the store (teams: ${teams.join(', ')})`);
	return {indicator, team: teamCode};
}
