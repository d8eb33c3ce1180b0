// Fitting text into terminal cells. Every glyph we draw is one cell wide.

export function fit(text: string, width: number, ellipsis = '…'): string {
	if (width <= 0) return '';
	if (text.length <= width) return text;
	if (width <= ellipsis.length) return text.slice(0, width);
	return text.slice(0, width - ellipsis.length) + ellipsis;
}

export function padEnd(text: string, width: number, ellipsis = '…'): string {
	return fit(text, width, ellipsis).padEnd(width);
}

export function padStart(text: string, width: number, ellipsis = '…'): string {
	return fit(text, width, ellipsis).padStart(width);
}

/** Word-wrap to a width, keeping paragraph breaks; words longer than the width are cut. */
export function wrapText(text: string, width: number): string[] {
	const out: string[] = [];
	if (width <= 0) return out;
	for (const paragraph of text.split('\n')) {
		let line = '';
		for (const word of paragraph.split(/\s+/).filter(Boolean)) {
			let rest = word;
			while (rest.length > width) {
				if (line) {
					out.push(line);
					line = '';
				}
				out.push(rest.slice(0, width));
				rest = rest.slice(width);
			}
			if (!line) line = rest;
			else if (line.length + 1 + rest.length <= width) line += ` ${rest}`;
			else {
				out.push(line);
				line = rest;
			}
		}
		out.push(line);
	}
	return out;
}

/** The window of `height` items that keeps `selected` in view, moving as little as possible. */
export function scrollWindow(count: number, selected: number, height: number, previousTop = 0): number {
	if (count <= height) return 0;
	let top = Math.min(previousTop, count - height);
	if (selected < top) top = selected;
	if (selected >= top + height) top = selected - height + 1;
	return Math.max(0, top);
}

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
