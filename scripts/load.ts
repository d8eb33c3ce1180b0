// `npm run load`: flags in, one programmatic load, lines out, an exit code. The work is in source/loader.
import meow from 'meow';
import {resolveDbPath} from '../source/config.js';
import {formatSummary, runLoad} from '../source/loader/load.js';

const USAGE = 'usage: npm run load -- [--db FILE] [--replace] [--dry-run] FILE...';

const cli = meow(
	`
	Usage
	  $ npm run load -- [--db FILE] [--replace] [--dry-run] FILE...

	Loads CSV exports (teams, indicators, measures, benchmarks, commentary, caseloads, rebases)
	into the store, all files or nothing.

	Options
	  --db FILE    the store (default: $SCORECARD_DB, else data/scorecard.db)
	  --replace    replace rows already stored with different figures (the old ones are kept in history)
	  --dry-run    check the files and say what would change; write nothing
`,
	{
		importMeta: import.meta,
		// Unknown flags are reported below in one line rather than meow's two.
		allowUnknownFlags: true,
		flags: {
			db: {type: 'string'},
			replace: {type: 'boolean', default: false},
			dryRun: {type: 'boolean', default: false},
		},
	},
);

const KNOWN = new Set(['db', 'replace', 'dry-run', 'dryRun', 'help', 'version']);

function unknownFlag(argv: readonly string[]): string | undefined {
	for (const arg of argv) {
		if (arg === '--') return undefined;
		if (!arg.startsWith('-') || arg === '-') continue;
		const name = arg.replace(/^--?/, '').split('=')[0]!.replace(/^no-/, '');
		if (!KNOWN.has(name)) return arg.split('=')[0];
	}
	return undefined;
}

function usageError(message: string): void {
	process.stderr.write(`load: ${message} (${USAGE})\n`);
	process.exitCode = 2;
}

async function main(): Promise<void> {
	const unknown = unknownFlag(process.argv.slice(2));
	if (unknown !== undefined) return usageError(`unknown flag ${unknown}`);
	if (cli.flags.db !== undefined && cli.flags.db.trim() === '') return usageError('--db needs a file');
	const files = cli.input.map(String);
	if (files.length === 0) return usageError('no files to load');

	const result = await runLoad({
		db: resolveDbPath(cli.flags.db),
		files,
		replace: cli.flags.replace,
		dryRun: cli.flags.dryRun,
	});
	if (result.ok) {
		process.stdout.write(`${formatSummary(result.summary)}\n`);
		process.exitCode = 0;
	} else {
		process.stderr.write(`${result.errors.join('\n')}\n`);
		process.exitCode = 1;
	}
}

try {
	await main();
} catch (error) {
	// Not a mistake in the files (those are reported above): a fault such as a full disk, or a bug.
	process.stderr.write(`load: failed unexpectedly: ${(error as Error).message ?? String(error)}\n`);
	if (process.env['SCORECARD_DEBUG']) process.stderr.write(`${(error as Error).stack ?? ''}\n`);
	else process.stderr.write('load: nothing was loaded (set SCORECARD_DEBUG=1 for details)\n');
	process.exitCode = 1;
}
