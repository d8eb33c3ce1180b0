import fs from 'node:fs';
import {ConfigError, DEFAULT_CONSOLE_CONFIG, readConfigFiles, resolveDbSource, storeSettingHint, THEMES, type ThemeSetting} from './config.js';
import {parseFlags, resolveOpenTarget, UsageError, type FlagSpec} from './flags.js';
import {parsePeriod} from './domain/periods.js';
import {agendaNotice, buildAgenda} from './domain/agenda.js';
import {agendaJson, scorecardJsonParts} from './print-json.js';
import {describeFailure, errorLine, watchOutput, writeOut} from './output.js';
import {StoreError} from './store/connection.js';
import {describeOpenError} from './store/store-access.js';
import {openStoreReadOnly} from './store/queries.js';
import {readAgendaInput, readScorecard} from './store/read-scorecard.js';
import {gridRequest, openStoreClient} from './store/client.js';

const USAGE = `Usage
  scorecard [options]          (npm start -- [options])
  scorecard doctor [--db FILE] what this user can do with the store, one line each

Opens the scorecard console on the indicator store. When stdout or stdin is not a terminal,
prints the scorecard as text instead.

Options
  --db FILE                  the store (default: $SCORECARD_DB, else the config files' store,
                             else data/scorecard.db)
  --month YYYY-MM            the month to show (default: the newest)
  --print                    print the scorecard as text and exit (for minutes: full titles,
                             RAG counts, SPC verdicts in words)
  --commentary               with --print: each indicator's commentary too
  --json                     print the scorecard as JSON and exit
  --standup                  start on the stand-up agenda (with --print or --json: print it)
  --open N|CODE[:TEAM]       start on an indicator's detail, by the grid's number or its code
                             (a team's, with :TEAM)
  --caseload-threshold N     caseload per FTE above which a worker counts as high (default 20)
  --no-color                 no colour (also NO_COLOR, TERM=dumb, FORCE_COLOR=0)
  --color 16|256|truecolor   override colour detection
  --ascii                    ASCII symbols and borders (automatic without a UTF-8 locale)
  --theme dark|light|auto    colours for a dark or a light background (default: the config
                             files' theme, else COLORFGBG's background, else dark); auto also
                             asks the terminal (OSC 11)

Config files, for every run (a login shell or not): ${'/etc/scorecard.conf'}, then
~/.config/scorecard/config, each \`name = value\` lines: store = FILE, theme = dark|light|auto.

Load data with: npm run load -- FILE...
`;

const FLAGS: FlagSpec = {
	db: {type: 'string', value: 'FILE'},
	month: {type: 'string', value: 'YYYY-MM'},
	print: {type: 'boolean'},
	commentary: {type: 'boolean'},
	json: {type: 'boolean'},
	standup: {type: 'boolean'},
	open: {type: 'string', value: 'N|CODE[:TEAM]'},
	'caseload-threshold': {type: 'string', value: 'N'},
	color: {type: 'string', negatable: true, value: '16|256|truecolor'},
	ascii: {type: 'boolean', negatable: true},
	theme: {type: 'string', value: 'dark|light|auto'},
};


// stdout gone (`| head -c 10`) or full (`>/dev/full`): a closed pipe ends quietly, a failure in
// one line; the console (a terminal) watches its own terminal instead.
let consoleRunning = false;
const outputFailed = watchOutput(failure => {
	if (consoleRunning) return;
	if (failure.closed) return;
	process.stderr.write(errorLine('scorecard', `could not write the output (stdout: ${describeFailure(failure)})`));
	process.exitCode = 1;
});
const out = (text: string) => writeOut(text, outputFailed);

async function main(): Promise<number> {
	let parsed;
	try {
		parsed = parseFlags(process.argv.slice(2), FLAGS);
	} catch (error) {
		throw error instanceof UsageError ? new UsageError(`${error.message} (see --help)`) : error;
	}
	const {flags, input, help} = parsed;
	if (help) {
		out(USAGE);
		return 0;
	}
	const doctor = input[0] === 'doctor';
	if (input.length > (doctor ? 1 : 0)) throw new UsageError(`unexpected argument "${input.at(-1)}" (see --help)`);
	const text = (name: string) => (typeof flags[name] === 'string' ? (flags[name] as string) : undefined);
	const configured = readConfigFiles();
	const source = resolveDbSource(text('db'), process.env, configured);
	const db = source.path;
	dbPath = db;
	const themeFlag = text('theme');
	if (themeFlag !== undefined && !(THEMES as readonly string[]).includes(themeFlag)) throw new UsageError(`--theme: "${themeFlag}" is not one of ${THEMES.join(', ')}`);
	const themeSetting: ThemeSetting | undefined = (themeFlag as ThemeSetting | undefined) ?? configured.theme?.value;
	if (doctor) {
		const {runDoctor} = await import('./doctor.js');
		const report = await runDoctor(source);
		out(`${report.lines.join('\n')}\n`);
		return report.ok ? 0 : 1;
	}
	let period: string | undefined;
	const month = text('month');
	if (month !== undefined) {
		const parsed = parsePeriod(month);
		if (!parsed.ok) throw new UsageError(`--month: ${parsed.reason}`);
		period = parsed.period;
	}
	const thresholdText = text('caseloadThreshold');
	const threshold = thresholdText === undefined ? DEFAULT_CONSOLE_CONFIG.caseloadThreshold : Number(thresholdText);
	if (!Number.isFinite(threshold) || threshold < 0) throw new UsageError('--caseload-threshold: give a number of children, 0 or more');
	const color = flags['color'] as string | false | undefined;
	if (typeof color === 'string' && !['16', '256', 'truecolor'].includes(color)) {
		throw new UsageError(`--color: "${color}" is not one of 16, 256, truecolor`);
	}
	const ascii = flags['ascii'] as boolean | undefined;

	// Nobody said where the store is and the default is not here: say which setting to make.
	if (source.from === 'default' && !fs.existsSync(db)) throw new StoreError(`${db}: no store here; ${storeSettingHint()}`);

	const interactive = !flags['print'] && !flags['json'] && process.stdout.isTTY && process.stdin.isTTY;
	if (!interactive) {
		const connection = await openStoreReadOnly(db);
		try {
			if (flags['standup']) {
				const agenda = await readAgendaInput(connection, period);
				const items = buildAgenda(agenda);
				const notice = agendaNotice(agenda);
				out(flags['json'] ? agendaJson(agenda.period, items, notice) : (await import('./print.js')).agendaText(agenda.period, items, notice));
				return 0;
			}
			const view = await readScorecard(connection, {period, full: flags['json'] === true});
			// The text's layout (string-width's Unicode tables) is loaded only for text.
			if (flags['json']) for (const part of scorecardJsonParts(view.scorecard)) out(part);
			else out((await import('./print.js')).scorecardText(view, {commentary: flags['commentary'] === true}));
		} finally {
			await connection.close();
		}
		return 0;
	}

	// Ink draws nothing but the last frame at exit when it believes it runs under CI (CI=true
	// inherited from a job runner or a shell profile), yet stdin and stdout are a person's terminal.
	delete process.env['CI'];
	delete process.env['CONTINUOUS_INTEGRATION'];
	const store = await openStoreClient(db);
	// The console's modules (Ink, React) load only when there is a console to show, and while the
	// first month is read: SQLite's work runs on libuv's threads, the modules' on this one.
	const consoleModules = import('./console-start.js');
	// A failed read below is the error to report; the modules' own failure is met at the await.
	consoleModules.catch(() => undefined);
	// Read before the first render, so the first frame is the whole grid (and a bad month or an
	// unreadable store is a one-line error before the screen is touched). Teams' figures are read
	// when a view that shows them opens.
	const version = await store.dataVersion();
	const firstRead = await store.screen(gridRequest(period));
	const {runConsole, makeTheme, detectTerminal, asciiNotice, backgroundFromEnv, asciiClient, asciiRead, probeBackground, chalk} = await consoleModules;
	loaded = true;
	consoleRunning = true;
	const terminal = detectTerminal({color, ascii});
	// dark and light as set; otherwise COLORFGBG's word, and with auto the terminal's own answer.
	const background =
		themeSetting === 'dark' || themeSetting === 'light'
			? themeSetting
			: (backgroundFromEnv() ?? (themeSetting === 'auto' ? await probeBackground({stdin: process.stdin, stdout: process.stdout}) : null) ?? 'dark');
	// Level 0 would drop bold and reverse video too, and with them the selection; the monochrome
	// theme already leaves colour out, so the lowest colour level is enough.
	chalk.level = terminal.color ? terminal.level : 1;
	const client = terminal.ascii ? asciiClient(store) : store;
	const initial = {read: terminal.ascii ? asciiRead(firstRead) : firstRead, version};
	const openText = text('open');
	const target =
		openText === undefined
			? undefined
			: resolveOpenTarget(openText, initial.read.view.scorecard.indicators, initial.read.view.teams.map(team => team.code));
	const code = await runConsole({
		client,
		initial,
		config: {...DEFAULT_CONSOLE_CONFIG, caseloadThreshold: threshold},
		theme: makeTheme({color: terminal.color, ascii: terminal.ascii, background, depth: terminal.level >= 2 ? 256 : 16, notice: asciiNotice(terminal)}),
		period: period ?? null,
		route: target ? {view: 'detail', ...target} : flags['standup'] ? {view: 'agenda'} : undefined,
	});
	// The terminal is restored and the store closed (terminal writes are synchronous): a stray
	// timer must not keep a console alive on the shared server after its user has gone.
	process.exit(code);
}

// Node exits with 0 when nothing is left to wait for, even with main() unfinished (a module
// import cycle deadlocks the bundle's async module start-up): say so, and fail.
let loaded = false;
let dbPath = '';
process.once('beforeExit', () => {
	if (loaded) return;
	process.stderr.write('scorecard: unexpected error: start-up stopped before it finished (an import cycle in the build?)\n');
	process.exitCode = 1;
});

main().then(
	code => {
		loaded = true;
		// An output failure already set the exit code (1), or a closed pipe ended it quietly.
		if (outputFailed() === undefined || outputFailed()!.closed) process.exitCode = code;
	},
	(error: unknown) => {
		loaded = true;
		// SQLite's own errors met after the store opened (a page damaged deep in the file): named too.
		const code = (error as {code?: unknown} | null)?.code;
		if (typeof code === 'string' && code.startsWith('SQLITE_')) error = describeOpenError(dbPath, error);
		// Every message passes the display sanitiser and is bounded: a path, a month or a flag may hold anything.
		if (error instanceof StoreError || error instanceof UsageError || error instanceof ConfigError) {
			process.stderr.write(errorLine('scorecard', error.message));
			process.exitCode = error instanceof StoreError ? 1 : 2;
		} else {
			process.stderr.write(errorLine('scorecard', `unexpected error: ${error instanceof Error ? error.message : String(error)}`));
			if (process.env['SCORECARD_DEBUG'] && error instanceof Error) process.stderr.write(`${error.stack}\n`);
			process.exitCode = 1;
		}
	},
);
