import type {Polarity, Rag, Trend} from './types.js';

/**
 * Green when the value meets the target for its polarity; amber within the amber band beyond it;
 * red otherwise; none without a target or without a polarity. Always on the unrounded value.
 */
export function rateRag(value: number | null, target: number | null, amber: number | null, polarity: Polarity): Rag {
	if (value === null || target === null || polarity === 'none') return 'none';
	const shortfall = polarity === 'higher' ? target - value : value - target;
	if (shortfall <= 0) return 'green';
	if (amber !== null && shortfall <= amber) return 'amber';
	return 'red';
}

// Differences below this are floating-point noise from n/d, not a change.
const EPSILON = 1e-9;

/** Against the previous month, polarity-aware; null without a previous value or a polarity. */
export function trendOf(previous: number | null, current: number | null, polarity: Polarity): Trend | null {
	if (previous === null || current === null || polarity === 'none') return null;
	const change = current - previous;
	if (Math.abs(change) <= EPSILON * Math.max(1, Math.abs(previous))) return 'same';
	const better = polarity === 'higher' ? change > 0 : change < 0;
	return better ? 'improving' : 'worsening';
}

export type Direction = 'up' | 'down' | 'flat';

export function directionOf(previous: number | null, current: number | null): Direction | null {
	if (previous === null || current === null) return null;
	const change = current - previous;
	if (Math.abs(change) <= EPSILON * Math.max(1, Math.abs(previous))) return 'flat';
	return change > 0 ? 'up' : 'down';
}

export type MonthChange = {
	/** The shown figures' difference: both rounded as displayed first, so "+1 pts" matches "up". */
	change: number | null;
	direction: Direction | null;
	trend: Trend | null;
};

/**
 * Against the previous month at display precision (`decimals`, the unit's): 92.09% then 92.21%
 * both show as 92%, so they are the same, in every view that shows them. Decided here once.
 */
export function monthChange(previous: number | null, current: number | null, polarity: Polarity, decimals: number): MonthChange {
	if (previous === null || current === null) return {change: null, direction: null, trend: null};
	const shown = (value: number) => Number(value.toFixed(decimals));
	const before = shown(previous);
	const now = shown(current);
	// Rounded again: 93 - 92.1 in floating point is 0.9000000000000057.
	const change = Number((now - before).toFixed(decimals));
	return {change, direction: directionOf(before, now), trend: trendOf(before, now, polarity)};
}

const RAG_ORDER: Record<Rag, number> = {green: 0, none: 0, amber: 1, red: 2};

/** True when `now` is a worse RAG than `before` (green to amber, amber to red, green to red). */
export function ragWorsened(before: Rag | null, now: Rag): boolean {
	if (before === null || before === 'none' || now === 'none') return false;
	return RAG_ORDER[now] > RAG_ORDER[before];
}
