import type {MonthCoverage} from './coverage.js';
import type {Scorecard} from './scorecard.js';
import type {LoadInfo, TeamDef} from './types.js';

// What a scorecard read gives the console besides the month's scorecard: the months held, the
// teams, the last load, and where the month stands among them.

export const DEFAULT_SERVICE_NAME = 'Whole service';

/** The whole service's name, as every view and the agenda say it: the teams file's own, else "Whole service". */
export function serviceName(own: string | null | undefined): string {
	return own && own.trim() !== '' ? own.trim() : DEFAULT_SERVICE_NAME;
}

/** Whose figures, in a sentence: "whole service" for the default name, the own name as it is. */
export function serviceWhose(name: string): string {
	return name === DEFAULT_SERVICE_NAME ? 'whole service' : name;
}

/** What one scorecard read gives the console: the month's scorecard and what frames it. */
export type ScorecardView = {
	scorecard: Scorecard;
	/** Every month with figures, oldest first. */
	periods: string[];
	latest: string;
	teams: TeamDef[];
	/** The whole service's one name: the teams file's ALL row, else "Whole service" (serviceName). */
	serviceName: string;
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
