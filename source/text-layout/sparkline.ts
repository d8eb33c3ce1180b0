// Sparklines: a series as one line of block glyphs.

/** The range a sparkline's levels span. */
export type SparkScale = {min: number; max: number};

/**
 * A sparkline, one glyph a value: on `scale` when given (shared by the sparklines of one unit, so
 * a small wobble does not look like a collapse), else on the values' own range. A value at the
 * scale's bottom is the lowest glyph, never blank; a missing value is `gap`.
 */
export function sparkline(values: Array<number | null>, glyphs: string[], gap = ' ', scale?: SparkScale): string {
	const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
	if (present.length === 0) return '';
	const min = scale?.min ?? Math.min(...present);
	const max = scale?.max ?? Math.max(...present);
	const top = glyphs.length - 1;
	return values
		.map(v => {
			if (v === null || !Number.isFinite(v)) return gap;
			if (max === min) return glyphs[Math.floor(top / 2)]!;
			const level = Math.round(((Math.min(max, Math.max(min, v)) - min) / (max - min)) * top);
			return glyphs[level]!;
		})
		.join('');
}

/** One scale per unit across the rows given: every percentage's sparkline on the same range. */
export function sharedScales<U extends string>(rows: ReadonlyArray<{unit: U; values: ReadonlyArray<number | null>}>): Map<U, SparkScale> {
	const scales = new Map<U, SparkScale>();
	for (const row of rows) {
		for (const value of row.values) {
			if (value === null || !Number.isFinite(value)) continue;
			const scale = scales.get(row.unit);
			scales.set(row.unit, scale ? {min: Math.min(scale.min, value), max: Math.max(scale.max, value)} : {min: value, max: value});
		}
	}
	return scales;
}
