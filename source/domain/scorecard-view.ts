import type {MonthCoverage} from './coverage.js';
import type {Scorecard} from './scorecard.js';
import type {LoadInfo, TeamDef} from './types.js';

// What a scorecard read gives the console besides the month's scorecard: the months held, the
// teams, the last load, and where the month stands among them.

/** What one scorecard read gives the console: the month's scorecard and what frames it. */
export type ScorecardView = {
	scorecard: Scorecard;
	/** Every month with figures, oldest first. */
	periods: string[];
	latest: string;
	teams: TeamDef[];
	lastLoad: LoadInfo | null;
	/** Read without the teams' figures (the first frame's read): read again before showing teams. */
	partial?: boolean;
	/** The month shown, when it is a partial month (fewer whole-service figures than the month before). */
	coverage?: MonthCoverage | null;
	/** The month shown when none is asked for: the newest that is not partial. */
	following?: string;
	/** The newest month, when it is partial and not the month shown (the console stays where it is). */
	newerPartial?: MonthCoverage | null;
};
