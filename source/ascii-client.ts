import type {AgendaInput} from './domain/agenda.js';
import type {Scorecard} from './domain/scorecard.js';
import {toAscii} from './domain/text.js';
import type {StoreClient} from './store/client.js';
import type {TeamDef} from './domain/types.js';
import type {ScorecardView} from './domain/scorecard.js';

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

export function asciiClient(client: StoreClient): StoreClient {
	return {
		...client,
		scorecard: async period => view(await client.scorecard(period)),
		gridScorecard: async period => view(await client.gridScorecard(period)),
		fullScorecard: async period => view(await client.fullScorecard(period)),
		agenda: async (period): Promise<AgendaInput> => {
			const input = await client.agenda(period);
			return {
				...input,
				current: scorecard(input.current),
				previous: input.previous && scorecard(input.previous),
				teams: teams(input.teams),
			};
		},
	};
}
