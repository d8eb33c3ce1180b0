import {cellWidth, fit} from './text-fit.js';

// Titles cut to the grid's title column so that no two rows read the same: "Adoption: average
// days …" twice becomes "Adoption: …placement order to match" and "Adoption: …entering care to
// moving in". A short title from the catalogue is used when the full one does not fit.

export type Titled = {title: string; shortTitle?: string | null};

function words(text: string): string[] {
	return text.split(/\s+/).filter(Boolean);
}

/** The first word, then the words from where the titles start to differ. */
function fromDifference(title: string, common: number, width: number, ellipsis: string): string {
	const all = words(title);
	if (common <= 1 || common >= all.length) return fit(title, width, ellipsis);
	return fit(`${all[0]} ${ellipsis}${all.slice(common).join(' ')}`, width, ellipsis);
}

function commonWords(a: string, b: string): number {
	const x = words(a);
	const y = words(b);
	let n = 0;
	while (n < x.length && n < y.length && x[n] === y[n]) n++;
	return n;
}

export function distinctTitles(rows: Titled[], width: number, ellipsis = '…'): string[] {
	const preferred = rows.map(row => (cellWidth(row.title) > width && row.shortTitle ? row.shortTitle : row.title));
	const fitted = preferred.map(title => fit(title, width, ellipsis));
	const groups = new Map<string, number[]>();
	for (const [i, text] of fitted.entries()) groups.set(text, [...(groups.get(text) ?? []), i]);
	for (const indexes of groups.values()) {
		if (indexes.length < 2) continue;
		for (const i of indexes) {
			// Cut from the first word this title does not share with the others it collides with.
			const common = Math.max(...indexes.filter(j => j !== i).map(j => commonWords(preferred[i]!, preferred[j]!)));
			fitted[i] = fromDifference(preferred[i]!, common, width, ellipsis);
		}
	}
	return fitted;
}
