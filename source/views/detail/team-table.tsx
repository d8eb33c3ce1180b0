import type {TableRow} from '../../components/data-table.js';
import {fit} from '../../render/text-fit.js';
import type {IndicatorMonth} from '../../domain/scorecard.js';
import {ALL_TEAM, RAG_LABELS} from '../../domain/types.js';
import {formatChange, formatNumber, formatValue} from '../../domain/units.js';
import type {Theme} from '../../theme.js';
import {cleanLine, cleanText} from './clean.js';

// The month's figures team by team, the whole service last; a team the detail was opened for
// comes first, marked.

function formatAmount(value: number | null): string {
	if (value === null || !Number.isFinite(value)) return '–';
	return formatNumber(value, Number.isInteger(value) ? 0 : 1);
}

export function teamTable(indicator: IndicatorMonth, width: number, team: string | undefined, theme: Theme): {rows: TableRow[]; columns: string[]} | null {
	const g = theme.glyphs;
	const show = (text: string) => cleanText(text, theme);
	const {unit} = indicator;
	const teams = [...indicator.teams];
	const picked = team === undefined ? -1 : teams.findIndex(figure => figure.team === team);
	if (picked > 0) teams.unshift(...teams.splice(picked, 1));
	const figures = [
		...teams.map(figure => ({...figure, mark: picked !== -1 && figure.team === team})),
		{
			team: ALL_TEAM,
			name: 'Whole service',
			numerator: indicator.numerator,
			denominator: indicator.denominator,
			value: indicator.value,
			rag: indicator.rag,
			change: indicator.value !== null && indicator.previousValue !== null ? indicator.value - indicator.previousValue : null,
			mark: false,
		},
	];
	if (teams.length === 0) return null;
	const prefix = (mark: boolean) => (picked === -1 ? '' : mark ? `${g.selected} ` : '  ');
	const cells = figures.map(figure => ({
		Team: `${prefix(figure.mark)}${cleanLine(figure.team, theme)}`,
		Name: cleanLine(figure.name, theme),
		Num: show(formatAmount(figure.numerator)),
		Den: show(formatAmount(figure.denominator)),
		Value: show(formatValue(unit, figure.value)),
		RAG: `${g.rag[figure.rag].trimEnd()} ${RAG_LABELS[figure.rag]}`,
		Change: show(formatChange(unit, figure.change)),
	}));
	// A count has no denominators: the value is the numerator.
	const columns = ['Team', 'Name', 'Num', 'Den', 'Value', 'RAG', 'Change'].filter(
		column => column !== 'Den' || figures.some(figure => figure.denominator !== null),
	) as Array<keyof (typeof cells)[number]>;
	const widths = new Map(columns.map(column => [column, Math.max(column.length, ...cells.map(cell => cell[column].length))]));
	// Each column takes its width, a space either side and a border; plus the closing border.
	const others = columns.filter(column => column !== 'Name').reduce((sum, column) => sum + widths.get(column)! + 3, 1);
	const nameRoom = width - others - 3;
	const shown = nameRoom >= 6 ? columns : columns.filter(column => column !== 'Name');
	const right = new Set(['Num', 'Den', 'Value', 'Change']);
	const rows = cells.map(cell => {
		const row: TableRow = {};
		for (const column of shown) {
			const text = column === 'Name' ? fit(cell.Name, Math.min(nameRoom, widths.get('Name')!), g.ellipsis) : cell[column];
			// ink-table aligns left: numbers are padded to the column's width to line up on the right.
			row[column] = right.has(column) ? text.padStart(widths.get(column)!) : text;
		}
		return row;
	});
	return {rows, columns: shown};
}
