// An agenda item in words, built once here: the line `--standup --print` prints and the views
// show (domain/agenda.ts makes the items, views/agenda/layout.ts fits them to the terminal).

/** The parts of an item the line is made of. */
export type LineParts = {
	number: number;
	title: string;
	/** 'whole service', a team's short name, or '' for a note that is nobody's figure. */
	whose: string;
	/** `62.8 /10k, red`, `12` (not rated), 'no figure', or '' for a note. */
	figure: string;
	reasons: string[];
};

/** What and whose, as the agenda names it: `7 Children in care, whole service` (the note on a partial month: its title). */
export function agendaSubject(item: Pick<LineParts, 'number' | 'title' | 'whose'>): string {
	return item.whose === '' ? item.title : `${item.number} ${item.title}, ${item.whose}`;
}

/** The figure and why: `62.8 /10k, red; above the target` (a note has no figure: its reasons). */
export function agendaWhy(item: Pick<LineParts, 'figure' | 'reasons'>): string {
	return item.figure === '' ? item.reasons.join('; ') : `${item.figure}; ${item.reasons.join('; ')}`;
}

/** The agenda's one line for an item: what and whose, then the figure and why. */
export function agendaLine(item: LineParts): string {
	return `${agendaSubject(item)}${item.figure === '' ? ';' : ':'} ${agendaWhy(item)}`;
}
