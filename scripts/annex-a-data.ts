// Synthetic Annex A extracts (no real child): the sample in data/samples/annex-a, the tests' and the
// bench's workbooks. Seeded, so the same call makes the same rows. Every list carries the personal
// columns a real export has (date of birth, gender, worker) so tests can check none is kept.
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import {yearBefore} from '../source/domain/annex-a.js';
import {dayOf, isoDay, type Day} from '../source/domain/working-days.js';
import {seededRandom} from './seeded-random.js';

export type TeamAlias = {alias: string; team: string};

export const SAMPLE_ALIASES: TeamAlias[] = [
	{alias: 'East Locality Team', team: 'EAST'},
	{alias: 'EAST ASSESSMENT', team: 'EAST'},
	{alias: 'North West and Central', team: 'NWC'},
	{alias: 'South Locality Team', team: 'SOUTH'},
];

export type ExtractOptions = {children: number; from: Day; to: Day; seed: number; aliases?: TeamAlias[]};

type Row = Array<string | number | Date | null>;
export type Lists = Record<'List 1' | 'List 3' | 'List 4' | 'List 7' | 'List 8', {header: string[]; rows: Row[]}>;

const PERSONAL = ['Gender', 'Ethnicity', 'Date of Birth', 'Age of Child (Years)'];

export function makeExtract(options: ExtractOptions): Lists {
	const next = seededRandom(options.seed);
	const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
	const between = (first: Day, last: Day): Day => first + Math.floor(next() * (last - first + 1));
	const aliases = (options.aliases ?? SAMPLE_ALIASES).map(alias => alias.alias);
	const {from, to} = options;
	// Dates mostly as Excel dates, some as dd/mm/yyyy text, as exports mix them.
	const date = (day: Day | null): Date | string | null => {
		if (day === null) return null;
		const iso = isoDay(day);
		return next() < 0.85 ? new Date(`${iso}T00:00:00Z`) : `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
	};
	const team = () => (next() < 0.03 ? null : pick(aliases));
	const personal = (child: number): Row => [pick(['a) Male', 'b) Female']), pick(['WBRI', 'WOTH', 'ASIA', 'BAFR', 'MWBC']), date(dayOf(2005, 1, 1) + (child % 6000)), 5 + (child % 12)];
	const worker = () => `W${String(1000 + Math.floor(next() * 400))}`;
	const lists: Lists = {
		'List 1': {header: ['Child Unique ID', ...PERSONAL, 'Date of Contact', 'Contact Source'], rows: []},
		'List 3': {header: ['Child Unique ID', ...PERSONAL, 'Date of referral', 'Referral NFA?', 'Number of Referrals in Last 12 Months', 'Allocated Team', 'Allocated Worker'], rows: []},
		'List 4': {header: ['Child Unique ID', ...PERSONAL, 'Continuous Assessment Start Date', 'Child Seen During Continuous Assessment', 'Continuous Assessment Date of Authorisation', 'Allocated Team', 'Allocated Worker'], rows: []},
		'List 7': {header: ['Child Unique ID', ...PERSONAL, 'Child Protection Plan Start Date', 'Date of the Last Statutory Visit', 'Child Protection Plan End Date', 'Number of Previous Child Protection Plans', 'Allocated Team', 'Allocated Worker'], rows: []},
		'List 8': {header: ['Child Unique ID', ...PERSONAL, 'Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)', 'Date Started to be Looked After', 'Date Ceased to be Looked After', 'Number of Placements in the Last 12 months', 'Allocated Team', 'Allocated Worker'], rows: []},
	};
	for (let child = 1; child <= options.children; child++) {
		const id = `CH${String(700000 + child * 7)}`;
		const kind = next();
		if (kind < 0.55) {
			const contact = between(from, to);
			lists['List 1'].rows.push([id, ...personal(child), date(contact), pick(['Police', 'School', 'Health'])]);
			const referrals = [between(from, to)];
			const again = referrals[0]! + 20 + Math.floor(next() * 480);
			if (next() < 0.3 && again <= to) referrals.push(again);
			for (const referred of referrals) {
				// "Number of Referrals in Last 12 Months": this one and the child's others in the year before it.
				const inYear = referrals.filter(other => other <= referred && other >= yearBefore(referred)).length;
				lists['List 3'].rows.push([id, ...personal(child), date(referred), pick(['a) Yes', 'b) No', 'No']), inYear, team(), worker()]);
				if (next() < 0.9) {
					const start = referred + Math.floor(next() * 4);
					const authorised = start + 10 + Math.floor(next() * 60 + next() * 20);
					lists['List 4'].rows.push([id, ...personal(child), date(start), pick(['Yes', 'Y', 'a) Yes', 'Yes', 'Y', 'Yes', 'Yes', 'Yes', 'Yes', 'Yes', 'Yes', 'Yes', 'Yes', 'Yes', 'No', 'b) No']), date(authorised > to ? null : authorised), team(), worker()]);
				}
			}
		} else if (kind < 0.78) {
			const start = between(from - 500, to);
			const end = next() < 0.5 ? start + 60 + Math.floor(next() * 640) : null;
			lists['List 7'].rows.push([id, ...personal(child), date(start), date(Math.min(to, start + 20)), date(end !== null && end <= to ? end : null), Math.floor(next() * 3), team(), worker()]);
		} else {
			const start = between(from - 1800, to);
			const end = next() < 0.35 ? start + 30 + Math.floor(next() * 1400) : null;
			lists['List 8'].rows.push([id, ...personal(child), next() < 0.08 ? pick(['Y', 'a) Yes']) : pick(['N', 'b) No']), date(start), date(end !== null && end <= to ? end : null), 1 + Math.floor(next() * 3), team(), worker()]);
		}
	}
	return lists;
}

/** Sheets named as exports name them, `List 4 - Assessments` style; fixed dates so the file is the same each time. */
export async function writeExtract(file: string, lists: Lists): Promise<void> {
	const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({filename: file, useSharedStrings: true, useStyles: true});
	workbook.created = workbook.modified = new Date('2018-01-15T00:00:00Z');
	workbook.creator = 'scorecard synthetic sample';
	const names: Record<keyof Lists, string> = {'List 1': 'List 1', 'List 3': 'List 3 - Referrals', 'List 4': 'list4', 'List 7': 'List 7 - CP plans', 'List 8': 'List 8'};
	for (const list of Object.keys(lists) as Array<keyof Lists>) {
		const sheet = workbook.addWorksheet(names[list]);
		sheet.addRow(lists[list].header).commit();
		for (const row of lists[list].rows) {
			const added = sheet.addRow(row);
			added.eachCell(cell => {
				if (cell.value instanceof Date) cell.numFmt = 'dd/mm/yyyy';
			});
			added.commit();
		}
		sheet.commit();
	}
	await workbook.commit();
	fixZipTimes(file);
}

/** The zip's entries carry the time they were written: set them to one fixed time, so a sample is remade byte for byte. */
export function fixZipTimes(file: string): void {
	const zip = fs.readFileSync(file);
	const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
	if (end === -1) throw new Error(`${file}: not a zip`);
	const count = zip.readUInt16LE(end + 10);
	const time = 0;
	const date = ((2018 - 1980) << 9) | (1 << 5) | 15;
	let at = zip.readUInt32LE(end + 16);
	for (let i = 0; i < count; i++) {
		if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`${file}: unexpected zip layout`);
		zip.writeUInt16LE(time, at + 12);
		zip.writeUInt16LE(date, at + 14);
		const local = zip.readUInt32LE(at + 42);
		zip.writeUInt16LE(time, local + 10);
		zip.writeUInt16LE(date, local + 12);
		at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
	}
	fs.writeFileSync(file, zip);
}
