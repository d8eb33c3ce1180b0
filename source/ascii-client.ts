import type {AgendaItem} from './domain/agenda.js';
import type {Scorecard} from './domain/scorecard.js';
import type {ScorecardView} from './domain/scorecard-view.js';
import {toAscii} from './domain/text.js';
import type {TeamDef} from './domain/types.js';
import type {ScreenRead, StoreClient} from './store/client.js';

// On a terminal without UTF-8 (LANG=C, --ascii) the words that come from files (titles, team
// names, definitions, commentary) are written in ASCII once, as they are read, so every view
// shows them the same way and none needs to remember to.

function teams(list: TeamDef[]): TeamDef[] {
	return list.map(team => ({...team, name: toAscii(team.name)}));
}

function scorecard(card: Scorecard): Scorecard {
	return {
		...card,
		indicators: card.indicators.map(indicator => ({
			...indicator,
			title: toAscii(indicator.title),
			definition: toAscii(indicator.definition),
			commentary: indicator.commentary === null ? null : toAscii(indicator.commentary),
			teams: indicator.teams.map(team => ({...team, name: toAscii(team.name)})),
			rebases: indicator.rebases.map(rebase => ({...rebase, reason: toAscii(rebase.reason)})),
		})),
	};
}

function view(data: ScorecardView): ScorecardView {
	return {...data, scorecard: scorecard(data.scorecard), teams: teams(data.teams)};
}

/** An agenda item's words: titles and team names come from files (reasons name teams too). */
function item(agendaItem: AgendaItem): AgendaItem {
	return {
		...agendaItem,
		title: toAscii(agendaItem.title),
		teamName: toAscii(agendaItem.teamName),
		whose: toAscii(agendaItem.whose),
		line: toAscii(agendaItem.line),
		reasons: agendaItem.reasons.map(toAscii),
	};
}

/** A screen's read with its words in ASCII. */
export function asciiRead(read: ScreenRead): ScreenRead {
	const agenda = read.agenda && {
		input: {
			...read.agenda.input,
			current: scorecard(read.agenda.input.current),
			previous: read.agenda.input.previous && scorecard(read.agenda.input.previous),
			teams: teams(read.agenda.input.teams),
		},
		items: read.agenda.items.map(item),
	};
	return {...read, view: view(read.view), agenda};
}

export function asciiClient(client: StoreClient): StoreClient {
	return {
		...client,
		scorecard: async period => view(await client.scorecard(period)),
		screen: async request => asciiRead(await client.screen(request)),
	};
}
