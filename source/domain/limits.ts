// The longest text each field may hold, in characters: the loader refuses longer (one line naming
// file, line and column), and a store's reads cut anything longer (a store a loader did not make).
// Generous for real scorecards (the sample's longest commentary is 520 characters, its longest
// title 92), small enough that no field can stall a terminal or fill a reader's memory.
export const TEXT_LIMITS = {
	/** Codes of indicators and teams (also checked by the loader's code pattern). */
	code: 40,
	title: 300,
	short_title: 100,
	definition: 2_000,
	/** Team names, the whole service's name. */
	name: 200,
	alias: 200,
	/** A rebase's reason. */
	reason: 500,
	/** One month's commentary on one indicator. */
	commentary: 10_000,
	/** A worker reference (hashed before it is stored). */
	worker: 100,
} as const;

export type TextField = keyof typeof TEXT_LIMITS;
