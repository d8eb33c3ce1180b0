import {parseSetting} from '../domain/store-settings.js';
import type {DbSettingRow} from '../store/rows.js';
import type {RowReader} from './row-reader.js';

/** A settings row: a known setting and a valid value for it, kept as its canonical text. */
export function validateSetting(r: RowReader): Partial<DbSettingRow> {
	const parsed = parseSetting(r.raw('setting'), r.raw('value'));
	if (parsed.ok) return {setting: parsed.name, value: parsed.text};
	r.fail(parsed.field, parsed.message);
	// A known name with a bad value still claims its key, so a repeat is reported too.
	const name = r.text('setting').toLowerCase();
	return parsed.field === 'value' ? {setting: name} : {};
}
