// `npm run load`: flags in, one programmatic load, lines out, an exit code. The work is in source/loader.
import {parseFlags, UsageError} from '../source/flags.js';
import {ConfigError, readConfigFiles, resolveDbPath} from '../source/config.js';
import type {AnnexLoadResult} from '../source/loader/annex-a/annex-load.js';
import {formatSummary, runLoad} from '../source/loader/load.js';
import {displayText} from '../source/domain/text.js';
import {describeFailure, errorLine, safeLine, watchOutput, writeOut} from '../source/output.js';

const USAGE = 'usage: npm run load -- [--db FILE] [--replace] [--dry-run] [--annex-a FILE.xlsx --from YYYY-MM-DD --to YYYY-MM-DD] FILE...';

const HELP = `Usage
  npm run load -- [--db FILE] [--replace] [--dry-run] FILE...
  npm run load -- --annex-a FILE.xlsx --from YYYY-MM-DD --to YYYY-MM-DD FILE...
  npm run load -- --template DIR

Loads CSV files and .xlsx workbooks (teams, indicators, measures, benchmarks, commentary,
caseloads, rebases, settings; a sheet per kind) into the store, all files or nothing. DfE's
open-data CSVs and statistical-neighbour model go in as DfE publishes them (README: "DfE's
published statistics").

Options
  --db FILE    the store (default: $SCORECARD_DB, else store = FILE in ~/.config/scorecard/config
               or /etc/scorecard.conf, else data/scorecard.db)
  --replace    replace rows already stored with different figures (the old ones are kept in history)
  --dry-run    check the files and say what would change; write nothing
  --annex-a FILE.xlsx, --from DAY, --to DAY
               derive the figures of every indicator with a \`derive\` column from an Ofsted
               Annex A extract covering --from to --to (the catalogue and team_aliases files
               go in the same load)
  --template DIR
               write an empty CSV per kind (settings.csv with an example row) and one workbook with a sheet per kind (header and
               an example row each) into DIR, to start from
`;

// What has been done when stdout fails: after a committed load (or templates written) the exit
// is still 0, and stderr says what was done and that its summary could not be written.
let done: string | null = null;
const outputFailed = watchOutput(failure => {
	if (done !== null) {
		process.stderr.write(errorLine('load', `${done}; its summary could not be written to stdout (${failure.closed ? 'the reader closed it' : describeFailure(failure)})`));
		return;
	}
	if (failure.closed) return;
	process.stderr.write(errorLine('load', `could not write the output (stdout: ${describeFailure(failure)})`));
	process.exitCode = 1;
});
// Lines from the load (file names, paths, a summary) made safe to show.
const out = (text: string) => writeOut(displayText(text), outputFailed);
const err = (message: string) => process.stderr.write(errorLine('load', message));

function usageError(message: string): void {
	process.stderr.write(errorLine('load', `${message} (${USAGE})`));
	process.exitCode = 2;
}

async function main(): Promise<void> {
	let parsed;
	try {
		parsed = parseFlags(process.argv.slice(2), {
			db: {type: 'string'},
			replace: {type: 'boolean'},
			'dry-run': {type: 'boolean'},
			'annex-a': {type: 'string'},
			from: {type: 'string'},
			to: {type: 'string'},
			template: {type: 'string'},
		});
	} catch (error) {
		if (error instanceof UsageError) return usageError(error.message);
		throw error;
	}
	if (parsed.help) {
		out(HELP);
		return;
	}
	const db = parsed.flags['db'] as string | undefined;
	if (db !== undefined && db.trim() === '') return usageError('--db needs a file');
	const files = parsed.input;
	const template = parsed.flags['template'] as string | undefined;
	if (template !== undefined) {
		if (template.trim() === '') return usageError('--template needs a folder');
		if (files.length > 0) return usageError('--template writes files; give it no files to load');
		// Loaded when asked for: the workbook writer is most of the loader's code (so is Annex A's reader below).
		const {writeTemplates} = await import('../source/loader/template.js');
		const written = await writeTemplates(template);
		if ('existing' in written) {
			err(`${template} already has ${written.existing.join(', ')}: nothing was written`);
			process.exitCode = 1;
			return;
		}
		done = `the templates were written in ${template}`;
		out(`written in ${template}: ${written.written.join(', ')}\n`);
		return;
	}
	const annexFile = parsed.flags['annexA'] as string | undefined;
	if (files.length === 0 && annexFile === undefined) return usageError('no files to load');
	const from = parsed.flags['from'] as string | undefined;
	const to = parsed.flags['to'] as string | undefined;
	if (annexFile === undefined && (from !== undefined || to !== undefined)) return usageError('--from and --to go with --annex-a');
	if (annexFile !== undefined && (from === undefined || to === undefined)) return usageError('--annex-a needs --from and --to (the extract\'s period)');
	for (const [flag, day] of [['--from', from], ['--to', to]] as const) {
		if (day !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(day)) return usageError(`${flag} ${day} is not a day (YYYY-MM-DD)`);
	}

	let configured;
	try {
		configured = readConfigFiles();
	} catch (error) {
		if (!(error instanceof ConfigError)) throw error;
		process.stderr.write(`load: ${error.message}\n`);
		process.exitCode = 2;
		return;
	}
	const options = {db: resolveDbPath(db, process.env, configured), files, replace: parsed.flags['replace'] === true, dryRun: parsed.flags['dryRun'] === true};
	// Annex A's reader is loaded only for an Annex A load (as the template writer above).
	const annex = annexFile === undefined ? null : await import('../source/loader/annex-a/annex-load.js');
	const result: AnnexLoadResult = annex === null ? await runLoad(options) : await annex.runAnnexLoad({...options, annexA: {file: annexFile!, from: from!, to: to!}});
	for (const warning of result.warnings ?? []) err(`warning: ${warning}`);
	if (result.ok) {
		if (!result.summary.dryRun && result.changed) done = `the load was committed to ${result.summary.store}`;
		else if (!result.summary.dryRun) done = `nothing new was loaded into ${result.summary.store}`;
		out(`${formatSummary(result.summary)}\n`);
		if (result.annexA !== undefined && annex !== null) out(`${annex.formatAnnexSummary(result.annexA)}\n`);
		process.exitCode = 0;
	} else {
		for (const line of result.errors) process.stderr.write(`${safeLine(line)}\n`);
		process.exitCode = 1;
	}
}

try {
	await main();
} catch (error) {
	// Not a mistake in the files (those are reported above): a fault such as a full disk, or a bug.
	err(`failed unexpectedly: ${(error as Error).message ?? String(error)}`);
	if (process.env['SCORECARD_DEBUG']) process.stderr.write(`${(error as Error).stack ?? ''}\n`);
	else err('nothing was loaded (set SCORECARD_DEBUG=1 for details)');
	process.exitCode = 1;
}
