import {after, before, describe, it} from 'node:test';
import {renderConsole, sampleStore} from './helpers/console.tsx';
import {waitForFrame, selectedLine} from './helpers/ink.ts';

let db = '';
before(async () => {
	db = await sampleStore();
});
describe('probe', () => {
	it('prints', async () => {
			const r = await renderConsole(db, {columns: 80, rows: 24});
			await waitForFrame(r, f => f.includes('all indicators'));
			r.press('j');
			await waitForFrame(r, f => selectedLine(f).includes('Re-ref'));
			r.press('t');
			const f = await waitForFrame(r, f => f.includes('team matrix') && f.includes('Indicator'));
			console.log(selectedLine(f));
			for (const k of ['j', 'j', 'j']) { r.press(k); await new Promise(r => setTimeout(r, 100)); console.log(selectedLine(r.lastFrame())); }
			await r.close();
	});
});
