import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// The bench's results: one row per target, printed as a table and written as JSON.

export type Result = {
	target: string;
	/** The measured figure, in `unit`. */
	figure: number | null;
	/** The same run's baseline, when the limit is a ratio to it. */
	baseline: number | null;
	ratio: number | null;
	/** Ratio limit when `kind` is 'ratio', else an absolute limit in `unit`. */
	limit: number | null;
	kind: 'ratio' | 'max' | 'info';
	unit: string;
	pass: boolean | null;
	note?: string;
	error?: string;
};

export function median(values: number[]): number {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Nearest-rank percentile. */
export function percentile(values: number[], p: number): number {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function ratioResult(target: string, unit: string, figure: number, baseline: number, limit: number, note?: string): Result {
	const ratio = figure / baseline;
	return {target, figure, baseline, ratio, limit, kind: 'ratio', unit, pass: ratio <= limit, note};
}

export function maxResult(target: string, unit: string, figure: number, limit: number, baseline: number | null = null, note?: string): Result {
	return {target, figure, baseline, ratio: baseline ? figure / baseline : null, limit, kind: 'max', unit, pass: figure <= limit, note};
}

export function infoResult(target: string, unit: string, figure: number | null, baseline: number | null = null, note?: string): Result {
	return {target, figure, baseline, ratio: figure !== null && baseline ? figure / baseline : null, limit: null, kind: 'info', unit, pass: null, note};
}

export function errorResult(target: string, error: unknown): Result {
	const message = error instanceof Error ? error.message : String(error);
	return {target, figure: null, baseline: null, ratio: null, limit: null, kind: 'info', unit: '', pass: false, error: message};
}

function number(value: number | null, unit = ''): string {
	if (value === null || Number.isNaN(value)) return '-';
	const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
	return `${value.toFixed(digits)}${unit ? ` ${unit}` : ''}`;
}

/** Two decimals, or three when two would hide which side of the limit the ratio is on. */
function ratioText(ratio: number, limit: number | null): string {
	return limit !== null && ratio.toFixed(2) === limit.toFixed(2) && ratio !== limit ? ratio.toFixed(3) : ratio.toFixed(2);
}

export function formatTable(results: Result[]): string {
	const header = ['target', 'figure', 'baseline', 'ratio', 'limit', 'pass'];
	const rows = results.map(r => [
		r.target,
		number(r.figure, r.unit),
		number(r.baseline, r.unit),
		r.ratio === null ? '-' : `${ratioText(r.ratio, r.kind === 'ratio' ? r.limit : null)}x`,
		r.limit === null ? '-' : r.kind === 'ratio' ? `<= ${r.limit}x` : `<= ${number(r.limit, r.unit)}`,
		r.error ? 'ERROR' : r.pass === null ? 'info' : r.pass ? 'pass' : 'FAIL',
	]);
	const widths = header.map((h, i) => Math.max(h.length, ...rows.map(row => row[i]!.length)));
	const line = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join(' | ');
	return [line(header), widths.map(w => '-'.repeat(w)).join('-|-'), ...rows.map(line)].join('\n');
}

export function formatProblems(results: Result[]): string[] {
	const lines: string[] = [];
	for (const r of results) {
		if (r.error) lines.push(`ERROR ${r.target}: ${r.error.split('\n')[0]}`);
		else if (r.pass === false) {
			const limit = r.kind === 'ratio' ? `${ratioText(r.ratio ?? NaN, r.limit)}x > ${r.limit}x` : `${number(r.figure, r.unit)} > ${number(r.limit, r.unit)}`;
			lines.push(`FAIL ${r.target}: ${limit}${r.note ? ` (${r.note})` : ''}`);
		}
	}
	return lines;
}

export function writeJson(file: string, results: Result[], details: Record<string, unknown>, startedAt: Date): void {
	fs.mkdirSync(path.dirname(file), {recursive: true});
	const cpus = os.cpus();
	const body = {
		startedAt: startedAt.toISOString(),
		seconds: Math.round((Date.now() - startedAt.getTime()) / 100) / 10,
		machine: {node: process.version, platform: `${os.platform()} ${os.release()}`, cpus: cpus.length, cpu: cpus[0]?.model ?? '', memoryMiB: Math.round(os.totalmem() / 2 ** 20)},
		results,
		details,
	};
	fs.writeFileSync(file, `${JSON.stringify(body, null, '\t')}\n`);
}
