// How the detail divides the terminal. The first screen holds the headline, the team table, the
// chart and the commentary's first lines; the rest scrolls under them. Pure arithmetic on the
// terminal's size, so every frame fits in rows - 1.

/** From this width the chart stands beside the team table instead of under it. */
export const SIDE_BY_SIDE_COLUMNS = 120;
/** Lines of commentary the first screen keeps room for. */
export const COMMENTARY_LINES = 2;
const MIN_PLOT = 3;
const MAX_PLOT = 16;
// The chart's month axis and its row of special-cause marks.
const CHART_EXTRAS = 2;
const GAP = 2;
/**
 * The narrowest chart worth standing beside the table: 40 columns for the months, and about 32
 * for the y axis and the names of the lines at its right (`target 85%, limit 86%`). Narrower, it
 * goes under the table at the full width.
 */
export const MIN_CHART_COLUMNS = 72;

export type DetailLayout = {
	/** Lines of the fixed head: title, figures, SPC verdicts (short terminals drop the last). */
	head: number;
	sideBySide: boolean;
	/** Columns for the chart, its labels included. */
	chartWidth: number;
	/** Rows of the chart's plot. */
	plotHeight: number;
	/** Whether the chart has room for its heading line. */
	chartHeading: boolean;
};

export function detailLayout({width, height, tableRows, tableWidth}: {width: number; height: number; tableRows: number; tableWidth: number}): DetailLayout {
	const head = height >= 12 ? 3 : 2;
	// Under the head: the body, less the scroll hint.
	const room = height - head - 1;
	const clamp = (rows: number) => Math.max(MIN_PLOT, Math.min(MAX_PLOT, rows));
	if (width >= SIDE_BY_SIDE_COLUMNS && width - tableWidth - GAP >= MIN_CHART_COLUMNS) {
		const plot = clamp(room - COMMENTARY_LINES - CHART_EXTRAS - 1);
		return {head, sideBySide: true, chartWidth: width - tableWidth - GAP, plotHeight: plot, chartHeading: true};
	}
	const left = room - tableRows - COMMENTARY_LINES - CHART_EXTRAS;
	// A heading only where the plot keeps at least 7 rows with it.
	const chartHeading = left - 1 >= 7;
	return {head, sideBySide: false, chartWidth: width, plotHeight: clamp(chartHeading ? left - 1 : left), chartHeading};
}

export const SIDE_GAP = GAP;

/**
 * Columns the team table may take: its own width, never squeezed for the chart (the chart stands
 * beside it only where both fit whole).
 */
export function tableBudget(width: number): number {
	return width;
}
