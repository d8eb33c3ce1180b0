import {Worker} from 'node:worker_threads';
import type {SpcHelper} from '../store/spc-table.js';
import type {SpcRow} from '../store/spc-rows.js';
import type {SpcWorkerReply, SpcWorkerRequest} from './spc-worker.js';

// The derived SPC's helper thread for a load: the built loader's dist/spc-worker.js (set by
// scripts/load.ts); none when the loader runs from source (tests, through tsx), and the main
// thread computes every series.

let workerScript: URL | null = null;

export function useSpcWorker(script: URL | null): void {
	workerScript = script;
}

/** A helper on a worker thread of its own, started when first given work; undefined without the built worker. */
export function spcHelper(): SpcHelper | undefined {
	const script = workerScript;
	if (script === null) return undefined;
	let worker: Worker | null = null;
	let next = 0;
	const waiting = new Map<number, {resolve: (rows: SpcRow[]) => void; reject: (error: Error) => void}>();
	const failAll = (error: Error) => {
		for (const {reject} of waiting.values()) reject(error);
		waiting.clear();
	};
	return {
		start(context) {
			worker = new Worker(script);
			worker.on('message', (reply: SpcWorkerReply) => {
				const pending = waiting.get(reply.id);
				waiting.delete(reply.id);
				if ('rows' in reply) pending?.resolve(reply.rows);
				else pending?.reject(new Error(reply.failed));
			});
			worker.on('error', failAll);
			worker.on('exit', code => failAll(new Error(`the SPC worker stopped (exit ${code})`)));
			worker.postMessage({context} satisfies SpcWorkerRequest);
		},
		compute(histories) {
			if (worker === null) return Promise.reject(new Error('the SPC worker was not started'));
			const id = next++;
			const rows = new Promise<SpcRow[]>((resolve, reject) => waiting.set(id, {resolve, reject}));
			worker.postMessage({id, histories} satisfies SpcWorkerRequest);
			return rows;
		},
		async close() {
			const stopping = worker;
			worker = null;
			if (stopping) await stopping.terminate();
		},
	};
}
