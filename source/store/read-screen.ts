import {buildAgenda, type AgendaInput, type AgendaItem} from '../domain/agenda.js';
import type {ScorecardView} from '../domain/scorecard-view.js';
import type {CaseloadRow, MeasureRow} from '../domain/types.js';
import type {Connection} from './connection.js';
import {readCaseloads, readIndicatorSeries} from './queries.js';
import {buildAgendaInput, buildScorecardView, readAgendaParts, readScorecardParts} from './read-scorecard.js';
import {readSnapshot} from './snapshot.js';

// One read per screen: what a screen shows (its header and its body) comes from one read
// transaction, so the two can never show different loads. What is read is what the views on the
// stack need: the grid's figures, every team's, indicators' team histories, the caseloads, the
// agenda's comparison.

export type ScreenRequest = {
	/** The month; none: the newest that is not partial. */
	period?: string;
	/** Every team's figures for the month (the matrix, a detail). */
	teams: boolean;
	/** Indicators whose every team's history is read (a detail's team table and chart). */
	histories: string[];
	caseloads: boolean;
	agenda: boolean;
};

/** The grid's read: the month's figures without the teams' (what the first frame needs). */
export function gridRequest(period?: string): ScreenRequest {
	return {...(period === undefined ? {} : {period}), teams: false, histories: [], caseloads: false, agenda: false};
}

export type AgendaRead = {
	input: AgendaInput;
	/** The agenda, built once (domain/agenda.ts): what the views show and `--standup --print` prints. */
	items: AgendaItem[];
};

export type ScreenRead = {
	request: ScreenRequest;
	view: ScorecardView;
	/** By indicator: every team's figures up to the month. */
	histories: Map<string, MeasureRow[]>;
	caseloads: CaseloadRow[] | null;
	agenda: AgendaRead | null;
};

export async function readScreen(c: Connection, request: ScreenRequest): Promise<ScreenRead> {
	const read = await readSnapshot(c, async () => {
		// The agenda's read has every figure (and so every team's): the scorecard comes from it.
		const agenda = request.agenda ? await readAgendaParts(c, request.period) : null;
		const grid = agenda ? null : await readScorecardParts(c, {period: request.period, teams: request.teams});
		const period = agenda?.frame.period ?? grid!.frame.period;
		const histories = new Map<string, MeasureRow[]>();
		for (const indicator of request.histories) histories.set(indicator, await readIndicatorSeries(c, indicator, period));
		const caseloads = request.caseloads ? await readCaseloads(c, period) : null;
		return {agenda, grid, histories, caseloads};
	});
	if (read.agenda) {
		const {view, ...input} = buildAgendaInput(read.agenda);
		const items = buildAgenda(input);
		// Every figure was read for the agenda: the histories of the indicators it raises are kept
		// (presenting shows an item's team table), not ten years of every figure.
		const raised = new Set(items.map(item => item.indicator));
		const histories = new Map<string, MeasureRow[]>(read.histories);
		for (const row of read.agenda.measures) {
			if (!raised.has(row.indicator) || read.histories.has(row.indicator)) continue;
			let rows = histories.get(row.indicator);
			if (!rows) histories.set(row.indicator, (rows = []));
			rows.push(row);
		}
		return {request, view, histories, caseloads: read.caseloads, agenda: {input, items}};
	}
	return {request, view: buildScorecardView(read.grid!, {teams: request.teams}), histories: read.histories, caseloads: read.caseloads, agenda: null};
}

/** Whether what was read for `had` holds all `want` asks (the month aside). */
export function covers(had: ScreenRequest, want: Omit<ScreenRequest, 'period'>): boolean {
	return (
		(had.teams || had.agenda || !want.teams) &&
		(had.caseloads || !want.caseloads) &&
		(had.agenda || !want.agenda) &&
		want.histories.every(indicator => had.histories.includes(indicator))
	);
}
