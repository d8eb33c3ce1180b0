// Sparklines: a series as one line of block glyphs.

/** Sparkline of values scaled to their own range, one glyph each. */
export function sparkline(values: Array<number | null>, glyphs: string[], gap = ' '): string {
	const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
	if (present.length === 0) return '';
	const min = Math.min(...present);
	const max = Math.max(...present);
	const top = glyphs.length - 1;
	return values
		.map(v => {
			if (v === null || !Number.isFinite(v)) return gap;
			if (max === min) return glyphs[Math.floor(top / 2)]!;
			return glyphs[Math.round(((v - min) / (max - min)) * top)]!;
		})
		.join('');
}
