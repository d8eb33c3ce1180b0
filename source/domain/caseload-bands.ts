import {BAND_COUNT, BAND_WIDTH, perFte, type CaseloadBand, type CaseloadInput} from './caseloads.js';
import {formatNumber} from './units.js';

// The histogram's bands around the threshold: the usual 5-wide bands, with the band the
// threshold falls in split at it, so the bands marked "above" hold exactly the workers the
// headline counts above the threshold (17.5 gives ... 16–17.5, >17.5–20, 21–25 ...).

export function thresholdBands(rows: CaseloadInput[], threshold: number): CaseloadBand[] {
	const edges = Array.from({length: BAND_COUNT - 1}, (_, i) => (i + 1) * BAND_WIDTH);
	if (threshold > 0 && threshold < edges.at(-1)! && !edges.includes(threshold)) edges.push(threshold);
	edges.sort((a, b) => a - b);
	const bands: CaseloadBand[] = [...edges, null].map((high, i) => {
		const low = i === 0 ? 0 : edges[i - 1]!;
		return {low, high, count: 0, above: i > 0 && low >= threshold, threshold: high === threshold};
	});
	// With the threshold at 0 or past the last edge, the band it falls in carries the mark.
	if (!bands.some(band => band.threshold)) {
		const index = bands.findIndex(band => band.high === null || threshold <= band.high);
		bands[Math.max(0, index)]!.threshold = true;
	}
	for (const row of rows) {
		const rate = perFte(row);
		if (rate === null) continue;
		const band = bands.find(b => b.high === null || rate <= b.high)!;
		band.count++;
	}
	return bands;
}

/** `0–5`, `6–10`, `16–17.5`, `>17.5–20`, `31+`: whole-number edges as the report writes them. */
export function thresholdBandLabel(band: CaseloadBand, dash = '–'): string {
	const text = (n: number) => formatNumber(n, Number.isInteger(n) ? 0 : 1);
	const low = band.low === 0 ? '0' : Number.isInteger(band.low) ? text(band.low + 1) : `>${text(band.low)}`;
	if (band.high === null) return Number.isInteger(band.low) ? `${text(band.low + 1)}+` : `>${text(band.low)}`;
	return `${low}${dash}${text(band.high)}`;
}
