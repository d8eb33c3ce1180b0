// A store's own settings (the `settings` kind: `setting,value` rows): which rules this authority's
// figures are judged and computed by. Pure: the loader parses with parseSetting, the store keeps
// the canonical text it returns, and a read turns the stored rows back into StoreSettings with
// settingsFrom (defaults for what is not set). Keys are the setting names as files write them.

export const WORKING_DAYS_CONVENTIONS = ['after_start', 'start_is_day_1'] as const;
export type WorkingDaysConvention = (typeof WORKING_DAYS_CONVENTIONS)[number];

export const SPC_RUN_LENGTHS = [6, 7] as const;
export type SpcRunLength = (typeof SPC_RUN_LENGTHS)[number];

/** The smallest spc_min_points allowed: Making Data Count's tool shows limits from 13 points. */
export const MIN_SPC_POINTS = 13;

export type StoreSettings = {
	/** Points in a row on one side of the mean (shift) or rising/falling (trend) that make a signal. */
	spc_run_length: SpcRunLength;
	/** Points a segment needs before limits, signals and verdicts are shown. */
	spc_min_points: number;
	/** The month (1-12) the reporting year starts: 4 is April, as DfE's year. */
	reporting_year_start: number;
	/** How Annex A's 45 working days are counted from the start day. */
	working_days_convention: WorkingDaysConvention;
	/** The authority: a 3-digit DfE code (`908`) or an ONS code (`E06000052`), upper-case; null: not set. */
	la_code: string | null;
};

export type SettingName = keyof StoreSettings;

export const DEFAULT_SETTINGS: Readonly<StoreSettings> = Object.freeze({
	spc_run_length: 7,
	spc_min_points: MIN_SPC_POINTS,
	reporting_year_start: 4,
	working_days_convention: 'after_start',
	la_code: null,
});

export type SettingInfo = {
	/** What the value may be, in words (for errors, the template and the README). */
	allowed: string;
	/** The default in words. */
	default: string;
	/** What it changes. */
	description: string;
	/** The feature (and issue) that reads it. */
	usedBy: string;
};

/** Every known setting, in the order files and documents list them. */
export const SETTINGS: Readonly<Record<SettingName, SettingInfo>> = {
	spc_run_length: {
		allowed: '6 or 7',
		default: '7',
		description: 'points in a row that make a shift (one side of the mean) or a trend (rising or falling)',
		usedBy: 'SPC (issue 21)',
	},
	spc_min_points: {
		allowed: `a whole number, ${MIN_SPC_POINTS} or more`,
		default: String(MIN_SPC_POINTS),
		description: 'points a segment needs before SPC shows limits, signals and verdicts',
		usedBy: 'SPC (issue 21)',
	},
	reporting_year_start: {
		allowed: 'a month number, 1 to 12',
		default: '4 (April)',
		description: 'the first month of the reporting year (year-to-date figures, pro-rata annual targets)',
		usedBy: 'reporting year (issue 21)',
	},
	working_days_convention: {
		allowed: WORKING_DAYS_CONVENTIONS.join(' or '),
		default: 'after_start',
		description: "how Annex A's 45 working days count: from the day after the start (after_start) or with the start day as day 1 (start_is_day_1)",
		usedBy: 'Annex A convention (issue 16)',
	},
	la_code: {
		allowed: 'a 3-digit DfE local-authority code (908) or an ONS code (E06000052)',
		default: 'none',
		description: "the authority the store belongs to, for DfE's published benchmarks",
		usedBy: 'DfE benchmarks (issue 19)',
	},
};

export const SETTING_NAMES = Object.keys(SETTINGS) as SettingName[];

export const isSettingName = (name: string): name is SettingName => Object.hasOwn(SETTINGS, name);

/** A parsed setting: its value, and the canonical text the store keeps (so equal values compare equal). */
export type ParsedSetting<K extends SettingName = SettingName> =
	| {ok: true; name: K; value: StoreSettings[K]; text: string}
	/** `field`: which column is wrong (an unknown name, or a bad value). */
	| {ok: false; field: 'setting' | 'value'; message: string};

// Quoted text in a message: control characters never reach the terminal.
const quoted = (text: string): string => {
	// eslint-disable-next-line no-control-regex
	const clean = text.replace(/[\u0000-\u001F\u007F-\u009F]/g, '?');
	return `"${clean.length > 40 ? `${clean.slice(0, 39)}…` : clean}"`;
};

// A whole number as a spreadsheet may write it: `7`, `7.0`.
const WHOLE = /^\+?(\d{1,6})(?:\.0*)?$/;
const DFE_CODE = /^\d{3}$/;
// ONS codes of English upper-tier authorities: unitaries and London boroughs (E06-E09), counties (E10).
const ONS_CODE = /^(?:E0[6-9]|E10)\d{6}$/;

/** One `setting,value` row: the name is matched trimmed and case-insensitively. */
export function parseSetting(name: string, text: string): ParsedSetting {
	const key = name.trim().toLowerCase();
	if (key === '') return {ok: false, field: 'setting', message: `setting is empty (one of ${SETTING_NAMES.join(', ')})`};
	if (!isSettingName(key)) return {ok: false, field: 'setting', message: `setting ${quoted(name.trim())} is not a known setting (one of ${SETTING_NAMES.join(', ')})`};
	const raw = text.trim();
	const bad = (): ParsedSetting => ({
		ok: false,
		field: 'value',
		message: raw === '' ? `${key} is empty (${SETTINGS[key].allowed})` : `${key} ${quoted(raw)} is not ${SETTINGS[key].allowed}`,
	});
	if (raw === '') return bad();
	const whole = WHOLE.exec(raw);
	const number = whole === null ? null : Number(whole[1]);
	switch (key) {
		case 'spc_run_length':
			return number === 6 || number === 7 ? {ok: true, name: key, value: number, text: String(number)} : bad();
		case 'spc_min_points':
			return number !== null && number >= MIN_SPC_POINTS ? {ok: true, name: key, value: number, text: String(number)} : bad();
		case 'reporting_year_start':
			return number !== null && number >= 1 && number <= 12 ? {ok: true, name: key, value: number, text: String(number)} : bad();
		case 'working_days_convention': {
			const choice = WORKING_DAYS_CONVENTIONS.find(each => each === raw.toLowerCase());
			return choice === undefined ? bad() : {ok: true, name: key, value: choice, text: choice};
		}
		case 'la_code': {
			const code = raw.toUpperCase();
			return DFE_CODE.test(code) || ONS_CODE.test(code) ? {ok: true, name: key, value: code, text: code} : bad();
		}
	}
}

/** The settings a store's rows give, defaults for the rest; a row this version cannot read is left at its default. */
export function settingsFrom(rows: ReadonlyArray<{setting: string; value: string}>): StoreSettings {
	const settings: StoreSettings = {...DEFAULT_SETTINGS};
	for (const row of rows) {
		const parsed = parseSetting(row.setting, row.value);
		if (parsed.ok) (settings as Record<SettingName, unknown>)[parsed.name] = parsed.value;
	}
	return settings;
}
