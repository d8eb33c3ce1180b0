import {after, before, describe, it} from 'node:test';
import {renderConsole, sampleStore} from './helpers/console.tsx';
import {waitForFrame, keys} from './helpers/ink.ts';

let db = '';
before(async () => { db = await sampleStore(); });
describe('probe', () => {
	it('prints', async () => {
		const r = await renderConsole(db, {columns: 80, rows: 24});
		await waitForFrame(r, f => f.includes('all indicators'));
		r.press('a');
		let f = await waitForFrame(r, f => f.includes('to raise'));
		console.log(f);
		r.press(' ');
		f = await waitForFrame(r, f => f.includes('Item 1'));
		console.log(f);
		r.press(' ');
		f = await waitForFrame(r, f => f.includes('Item 2'));
		console.log(f);
		await r.close();
	});
});
