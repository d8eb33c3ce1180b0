import {formatPeriod} from './domain/periods.js';
import type {IndicatorMonth, Scorecard, TeamFigure} from './domain/scorecard.js';
import type {SpcResult} from './domain/spc.js';
import {formatValue} from './domain/units.js';

// The scorecard as plain text (one indicator a line) and as one JSON document.

function round(value: number | null | undefined, decimals = 2): number | null {
	if (value === null || value === undefined || !Number.isFinite(value)) return null;
	return Number(value.toFixed(decimals));
}

function pad(text: string, width: number, right = false): string {
	const cut = text.length > width ? `${text.slice(0, width - 1)}~` : text;
	return right ? cut.padStart(width) : cut.padEnd(width);
}

const TREND_WORDS = {improving: 'improving', worsening: 'worsening', same: 'same'} as const;

export function scorecardText(scorecard: Scorecard): string {
	const lines = [`Scorecard ${formatPeriod(scorecard.period)}`, ''];
	lines.push(`${pad('#', 3, true)}  ${pad('Indicator', 44)} ${pad('Value', 11, true)} ${pad('Target', 11, true)}  ${pad('RAG', 5)} ${pad('Trend', 9)} ${pad('Prev 6', 11, true)}`);
	for (const row of scorecard.indicators) {
		lines.push(
			[
				pad(String(row.number), 3, true),
				' ',
				pad(row.title, 44),
				' ',
				pad(formatValue(row.unit, row.value), 11, true),
				' ',
				pad(formatValue(row.unit, row.target), 11, true),
				'  ',
				pad(row.rag === 'none' ? '-' : row.rag, 5),
				' ',
				pad(row.trend ? TREND_WORDS[row.trend] : '-', 9),
				' ',
				pad(formatValue(row.unit, row.previous6), 11, true),
			].join(''),
		);
	}
	return `${lines.join('\n')}\n`;
}

function spcJson(spc: SpcResult | null | undefined) {
	if (!spc) return null;
	return {
		mean: round(spc.mean, 4),
		upper: round(spc.upper, 4),
		lower: round(spc.lower, 4),
		trial: spc.trial,
		variation: spc.variation,
		assurance: spc.assurance,
		signals: spc.signals.map(signal => ({period: signal.period, rule: signal.rule})),
	};
}

function teamJson(team: TeamFigure) {
	return {
		team: team.team,
		value: round(team.value),
		numerator: team.numerator,
		denominator: team.denominator,
		rag: team.rag,
		trend: team.trend,
		...(team.spc === undefined ? {} : {spc: spcJson(team.spc)}),
	};
}

function indicatorJson(row: IndicatorMonth) {
	return {
		code: row.code,
		number: row.number,
		title: row.title,
		unit: row.unit,
		polarity: row.polarity,
		measure: row.measure,
		value: round(row.value),
		numerator: row.numerator,
		denominator: row.denominator,
		target: row.target,
		amber: row.amber,
		rag: row.rag,
		trend: row.trend,
		previous6: round(row.previous6),
		benchmarks: row.benchmarks,
		commentary: row.commentary,
		teams: row.teams.map(teamJson),
		spc: spcJson(row.spc),
	};
}

export function scorecardJson(scorecard: Scorecard): string {
	return `${JSON.stringify({period: scorecard.period, indicators: scorecard.indicators.map(indicatorJson)}, null, 2)}\n`;
}
