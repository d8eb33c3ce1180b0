import {matrixCell} from '../../domain/red-amber.js';
import {teamOrderOf, type IndicatorMonth} from '../../domain/scorecard.js';
import {ALL_TEAM, type Unit} from '../../domain/types.js';
import {formatValue} from '../../domain/units.js';
import {shortName} from '../../domain/text.js';
import {DEFAULT_SERVICE_NAME} from '../../domain/scorecard-view.js';
import {cellWidth} from '../../text-layout/text-fit.js';

// How the matrix fits a width: which columns, how wide the values and the title. Pure, so it is
// tested at every width.

export type MatrixColumn = {key: string; heading: string; name: string};

/** The teams in the report's order, then the whole service (headed by its code, ALL, as the teams by theirs). */
export function matrixColumns(teams: Array<{code: string; name: string}>, serviceName: string = DEFAULT_SERVICE_NAME): MatrixColumn[] {
	const order = teamOrderOf(teams);
	const sorted = [...teams].sort((a, b) => order(a.code) - order(b.code));
	return [...sorted.map(team => ({key: team.code, heading: team.code, name: shortName(team.name)})), {key: ALL_TEAM, heading: ALL_TEAM, name: serviceName}];
}

/** The cell's value as it fits: the unit's suffix only when there is room for it. */
export function cellValue(unit: Unit, value: number, compact: boolean): string {
	return formatValue(unit, value, {suffix: !compact || unit === 'percent'});
}

// Suffixes the compact cells drop; the unit column (or the line below) says them instead.
export const UNIT_TAGS: Partial<Record<Unit, string>> = {rate_per_10k: '/10k', days: 'days'};

export const MARKER = 2;
export const NUMBER = 2;
export const GLYPH = 2;
export const UNIT = 4;
const TITLE_FULL = 24;
const TITLE_MIN = 16;
const TITLE_DROP = 10;

export type MatrixLayout = {
	/** Width of a value (the RAG glyph follows it). */
	value: number;
	compact: boolean;
	/** 0: the title is dropped, the number stays. */
	title: number;
	unit: boolean;
	/** How many value columns are shown at once. */
	visible: number;
};

/** Columns are one separator, the value, a space and the RAG glyph; one closing separator after the last. */
export function columnWidth(value: number): number {
	return 1 + value + 1 + GLYPH;
}

/**
 * Full values with a comfortable title when there is room; else compact values with a unit
 * column; then a shorter title; then no title; then fewer columns at a time (they scroll).
 */
export function matrixLayout(options: {width: number; columns: number; full: number; compact: number; units: boolean; longestTitle: number}): MatrixLayout {
	const {width, columns} = options;
	const fixed = MARKER + NUMBER + 1;
	const values = (value: number) => columns * columnWidth(value) + 1;
	const title = (room: number) => Math.min(room, Math.max(options.longestTitle, 1));
	if (fixed + 1 + TITLE_FULL + values(options.full) <= width) {
		return {value: options.full, compact: false, title: title(width - fixed - 1 - values(options.full)), unit: false, visible: columns};
	}
	const compact = options.compact;
	const unitWidth = options.units ? 1 + UNIT : 0;
	if (fixed + 1 + TITLE_MIN + unitWidth + values(compact) <= width) {
		return {value: compact, compact: true, title: title(width - fixed - 1 - unitWidth - values(compact)), unit: options.units, visible: columns};
	}
	if (fixed + 1 + TITLE_DROP + values(compact) <= width) {
		return {value: compact, compact: true, title: title(width - fixed - 1 - values(compact)), unit: false, visible: columns};
	}
	const visible = Math.max(1, Math.min(columns, Math.floor((width - MARKER - NUMBER - 1) / columnWidth(compact))));
	return {value: compact, compact: true, title: 0, unit: false, visible};
}

/** The layout for these indicators and teams: values measured in cells. */
export function measureMatrix(indicators: IndicatorMonth[], columnKeys: string[], width: number): MatrixLayout {
	let full = 4;
	let compact = 4;
	let units = false;
	for (const row of indicators) {
		for (const column of columnKeys) {
			const cell = matrixCell(row, column);
			if (!cell) continue;
			full = Math.max(full, cellWidth(cellValue(row.unit, cell.value, false)));
			compact = Math.max(compact, cellWidth(cellValue(row.unit, cell.value, true)));
			if (UNIT_TAGS[row.unit]) units = true;
		}
	}
	const longestTitle = Math.max(...indicators.map(row => cellWidth(row.title)), 'Indicator'.length);
	return matrixLayout({width, columns: columnKeys.length, full, compact, units, longestTitle});
}
