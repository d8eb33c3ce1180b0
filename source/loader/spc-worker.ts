import {parentPort} from 'node:worker_threads';
import {spcRowsOf, type SeriesHistory, type SpcContext} from '../store/spc-rows.js';

// The derived SPC's second thread (a build entry, dist/spc-worker.js): a big load's series are
// computed half here, half on the main thread (store/spc-table.ts), by the same pure function.

export type SpcWorkerRequest = {context: SpcContext} | {id: number; histories: SeriesHistory[]};
export type SpcWorkerReply = {id: number; rows: ReturnType<typeof spcRowsOf>} | {id: number; failed: string};

let context: SpcContext | null = null;
parentPort!.on('message', (message: SpcWorkerRequest) => {
	if ('context' in message) {
		context = message.context;
		return;
	}
	try {
		if (context === null) throw new Error('no context');
		parentPort!.postMessage({id: message.id, rows: spcRowsOf(context, message.histories)} satisfies SpcWorkerReply);
	} catch (error) {
		parentPort!.postMessage({id: message.id, failed: error instanceof Error ? error.message : String(error)} satisfies SpcWorkerReply);
	}
});
