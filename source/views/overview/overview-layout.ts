// Which grid columns fit a width, and how wide. Pure, so it is tested at every width.

export type OverviewColumn = 'number' | 'title' | 'value' | 'target' | 'rag' | 'trend' | 'previous6' | 'spc' | 'spark' | 'national';

export type Widths = {marker: number; number: number; value: number; target: number; rag: number; trend: number; previous6: number; spc: number; national: number};

// The widest each column can need; the grid measures its figures and passes narrower ones.
export const MAX_WIDTHS: Widths = {marker: 2, number: 2, value: 9, target: 9, rag: 3, trend: 2, previous6: 9, spc: 3, national: 9};

export type OverviewLayout = {columns: Set<OverviewColumn>; title: number; spark: number; widths: Widths};

const TITLE_MIN = 24;
const TITLE_COMFORT = 40;
// Past this a title column only puts the figures further from their names.
const TITLE_MAX = 60;
const SPARK_MIN = 6;
const SPARK_FIRST = 12;
const SPARK_MAX = 24;

export function overviewLayout(width: number, widths: Widths = MAX_WIDTHS): OverviewLayout {
	const columns = new Set<OverviewColumn>(['number', 'title', 'value', 'target', 'rag', 'trend', 'previous6', 'spc']);
	const cell = (key: keyof Widths) => widths[key] + (key === 'marker' ? 0 : 1);
	let used = cell('marker') + cell('number') + cell('value') + cell('target') + cell('rag') + cell('trend') + cell('previous6') + cell('spc');
	// Narrow terminals lose the previous-6 figure, then the SPC verdicts, before the title gets unreadable.
	for (const drop of ['previous6', 'spc'] as const) {
		if (width - used >= TITLE_MIN) break;
		columns.delete(drop);
		used -= cell(drop);
	}
	let free = width - used - TITLE_MIN;
	let spark = 0;
	let title = TITLE_MIN;
	// Then, as width grows: a short sparkline, the national benchmark, a longer title, a longer sparkline.
	if (free >= SPARK_MIN + 1) {
		spark = Math.min(SPARK_FIRST, free - 1);
		free -= spark + 1;
		columns.add('spark');
	}
	if (free >= cell('national')) {
		columns.add('national');
		free -= cell('national');
	}
	const extraTitle = Math.min(free, TITLE_COMFORT - TITLE_MIN);
	title += extraTitle;
	free -= extraTitle;
	if (spark > 0) {
		const extraSpark = Math.min(free, SPARK_MAX - spark);
		spark += extraSpark;
		free -= extraSpark;
	}
	title += Math.min(Math.max(0, free), TITLE_MAX - title);
	return {columns, title, spark, widths};
}
