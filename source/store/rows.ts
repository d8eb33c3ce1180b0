// Row shapes that only the store's queries know: what history rows hold before they are mapped
// into the domain's types.

/** One entry of a load's history: what it replaced, as stored (JSON key and previous value). */
export type RevisionRow = {kind: string; key: string; previous: string};

/** A figure a load replaced: the value before (history) and the value now (measures). */
export type MeasureRevisionRow = {indicator: string; team: string; period: string; previous: number | null; current: number | null};
