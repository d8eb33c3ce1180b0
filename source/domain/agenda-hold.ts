import type {AgendaItem} from './agenda.js';

// The agenda the room is looking at holds still: once someone has pressed a key, a load that
// changes the month's figures never takes an item away or reorders the items. An item the new
// figures no longer raise stays where it was, marked gone (its revision says why); items newly
// raised come after the others. Pure: the items shown and the new agenda in, the items to show out.

export type HeldItem = AgendaItem & {
	/** The figures no longer raise it (a revision while it was on screen). */
	gone?: true;
};

export function holdAgenda(shown: readonly HeldItem[] | null, next: readonly AgendaItem[]): HeldItem[] {
	if (!shown) return [...next];
	const byKey = new Map(next.map(item => [item.key, item]));
	// The same objects where nothing changed, so a view can tell that nothing did.
	const kept = shown.map(old => byKey.get(old.key) ?? (old.gone ? old : {...old, gone: true as const}));
	const known = new Set(shown.map(item => item.key));
	return [...kept, ...next.filter(item => !known.has(item.key))];
}

/** Whether two lists hold the same items (the same objects, in order). */
export function sameItems(a: readonly HeldItem[] | null, b: readonly HeldItem[] | null): boolean {
	if (a === b) return true;
	if (!a || !b || a.length !== b.length) return false;
	return a.every((item, i) => item === b[i]);
}
