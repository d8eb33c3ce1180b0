// Ofsted's column names for the lists the scorecard reads, matched ignoring case, spacing and
// punctuation; a few spellings seen in real exports are accepted too. Only these columns are read:
// dates of birth, gender, ethnicity and workers are never looked at.
import type {AnnexList} from '../../domain/annex-a.js';

export type Field = 'child' | 'referred' | 'referralCount' | 'assessmentStart' | 'seen' | 'authorised' | 'planStart' | 'planEnd' | 'careStart' | 'careEnd' | 'uasc' | 'team';

type Column = {title: string; names: readonly string[]; prefix?: boolean};

export const COLUMNS: Record<Field, Column> = {
	child: {title: 'Child Unique ID', names: ['childuniqueid', 'childid', 'uniquechildid']},
	referred: {title: 'Date of referral', names: ['dateofreferral', 'referraldate']},
	referralCount: {title: 'Number of Referrals in Last 12 Months', names: ['numberofreferralsinlast12months', 'numberofreferralsinthelast12months', 'noofreferralsinlast12months', 'referralsinlast12months']},
	assessmentStart: {title: 'Continuous Assessment Start Date', names: ['continuousassessmentstartdate', 'assessmentstartdate']},
	seen: {title: 'Child Seen During Continuous Assessment', names: ['childseenduringcontinuousassessment', 'childseenduringassessment', 'childseen']},
	authorised: {
		title: 'Continuous Assessment Date of Authorisation',
		names: ['continuousassessmentdateofauthorisation', 'continuousassessmentdateofauthorization', 'assessmentdateofauthorisation', 'dateofauthorisation', 'assessmentauthoriseddate'],
	},
	planStart: {title: 'Child Protection Plan Start Date', names: ['childprotectionplanstartdate', 'cpplanstartdate', 'cppstartdate']},
	planEnd: {title: 'Child Protection Plan End Date', names: ['childprotectionplanenddate', 'cpplanenddate', 'cppenddate']},
	careStart: {title: 'Date Started to be Looked After', names: ['datestartedtobelookedafter', 'datestartedlookedafter', 'datebecamelookedafter']},
	careEnd: {title: 'Date Ceased to be Looked After', names: ['dateceasedtobelookedafter', 'dateceasedlookedafter']},
	// "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)" and shorter forms.
	uasc: {title: 'Unaccompanied Asylum Seeking Child (UASC)', names: ['unaccompaniedasylumseekingchild', 'uasc'], prefix: true},
	team: {title: 'Allocated Team', names: ['allocatedteam', 'team']},
};

// Read when a list has them; a list without them is read all the same.
const OPTIONAL_OF: Partial<Record<AnnexList, readonly Field[]>> = {
	'List 3': ['referralCount'],
};

const FIELDS_OF: Record<AnnexList, readonly Field[]> = {
	'List 3': ['child', 'referred', 'team'],
	'List 4': ['assessmentStart', 'seen', 'authorised', 'team'],
	'List 7': ['planStart', 'planEnd', 'team'],
	'List 8': ['careStart', 'careEnd', 'uasc', 'team'],
};

export const normalise = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '');

export type AnnexHeaderMatch = {ok: true; fields: Map<Field, number>} | {ok: false; message: string};

/** The 0-based cell of each column the list needs; a missing one is named in Ofsted's words. */
export function matchHeader(list: AnnexList, header: readonly string[]): AnnexHeaderMatch {
	const names = header.map(normalise);
	const fields = new Map<Field, number>();
	const missing: string[] = [];
	for (const field of FIELDS_OF[list]) {
		const column = COLUMNS[field];
		const index = names.findIndex(name => name !== '' && column.names.some(known => (column.prefix ? name.startsWith(known) : name === known)));
		if (index === -1) missing.push(`"${column.title}"`);
		else fields.set(field, index);
	}
	if (missing.length > 0) return {ok: false, message: `the header row has no ${missing.join(', ')} column`};
	for (const field of OPTIONAL_OF[list] ?? []) {
		const index = names.findIndex(name => COLUMNS[field].names.includes(name));
		if (index !== -1) fields.set(field, index);
	}
	return {ok: true, fields};
}
