// How the detail divides the terminal: a fixed head, a body that scrolls, and a hint line when it
// does. Pure arithmetic on the terminal's size, so every frame fits in rows - 1.

export type DetailLayout = {
	/** Lines of the fixed head (short terminals drop its context line). */
	head: number;
	/** Lines of the chart's plot. */
	chartHeight: number;
};

export function detailLayout(height: number): DetailLayout {
	return {
		head: height >= 12 ? 3 : height >= 6 ? 2 : 1,
		chartHeight: Math.max(3, Math.min(14, Math.floor((height - 4) / 2))),
	};
}

export type ScrollWindow = {
	/** Lines of body shown. */
	room: number;
	/** The last line that can be at the top. */
	max: number;
	page: number;
	scrolls: boolean;
};

/** The body's window: `space` lines under the head for `total` lines of body, less a hint line if it scrolls. */
export function scrollWindow(space: number, total: number): ScrollWindow {
	const available = Math.max(1, space);
	const scrolls = total > available;
	const room = scrolls ? Math.max(1, available - 1) : available;
	return {room, max: Math.max(0, total - room), page: Math.max(1, room - 1), scrolls};
}
