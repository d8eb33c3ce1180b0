// Wide and invisible text from files, in every view at 80 and 100 columns: CJK is two cells,
// a joined emoji is one grapheme, and no line outgrows the terminal.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {before, describe, it} from 'node:test';
import {runLoad} from '../source/loader/load.js';
import {cellWidth, graphemes} from '../source/text-layout/text-fit.js';
import {openConsoles} from './helpers/console.js';
import {keys, waitForFrame} from './helpers/ink.js';
import {tempDir} from './helpers/temp-store.js';

const FAMILY = '👩‍👩‍👧‍👦';
const INVISIBLE = '\uFEFF\u2060\u00AD\u061C';

let db = '';
before(async () => {
	const dir = tempDir();
	const write = (name: string, text: string) => {
		const file = path.join(dir, name);
		fs.writeFileSync(file, text);
		return file;
	};
	db = path.join(dir, 'wide.db');
	const measures = ['period,indicator,team,numerator,denominator,value'];
	const caseloads = ['period,team,service,worker,fte,caseload'];
	for (const period of ['2017-10', '2017-11', '2017-12']) {
		for (const [code, n] of [['VISIT', 80], ['VISIT2', 70], ['LONGWAIT', 60]] as const) {
			measures.push(`${period},${code},ALL,${n + Number(period.slice(-1))},100,`);
			measures.push(`${period},${code},TOKYO,${n - 5},100,`);
			measures.push(`${period},${code},FAM,${n - 20},100,`);
		}
		for (let i = 0; i < 6; i++) caseloads.push(`${period},${i % 2 ? 'TOKYO' : 'FAM'},assessment,W${period.slice(-2)}${i},1,${12 + i * 3}`);
	}
	const loaded = await runLoad({
		db,
		now: new Date('2018-01-15'),
		files: [
			write('teams.csv', `code,name,population\nTOKYO,東京都家庭支援チーム（北部・南部・中央地区）,1000\nFAM,Family ${FAMILY} support ${INVISIBLE}team with a long name,2000\n`),
			write(
				'indicators.csv',
				'code,number,title,unit,polarity,target,amber,measure,definition\n' +
					`VISIT,1,子どもの訪問が期限内に完了した割合（月次の報告）,percent,higher,90,5,monthly,訪問の定義：期限内に完了した訪問の割合を月末に数える\n` +
					`VISIT2,2,Visits ${FAMILY}${FAMILY}${FAMILY} in time for children with a plan,percent,higher,90,5,monthly,Visits ${INVISIBLE}on time\n` +
					`LONGWAIT,3,${INVISIBLE}Children waiting longer than the target for a first visit,percent,higher,90,5,monthly,Waits\n`,
			),
			write('measures.csv', `${measures.join('\n')}\n`),
			write('commentary.csv', `period,indicator,text\n2017-12,VISIT,今月は訪問が遅れました。${FAMILY} 休暇のため、家庭支援チームの訪問が少なくなりました。\n2017-12,VISIT2,Family ${FAMILY} visits ${INVISIBLE}dipped\n`),
			write('caseloads.csv', `${caseloads.join('\n')}\n`),
		],
	});
	assert.ok(loaded.ok, loaded.ok ? '' : loaded.errors.join('\n'));
});

const openConsole = openConsoles();

/** As the harness's assertFits, measured in terminal cells: CJK is two wide, a grapheme is never cut. */
function assertCells(frame: string, columns: number, what: string): void {
	const lines = frame.split('\n');
	assert.ok(lines.length <= 23, `${what}: ${lines.length} lines`);
	for (const line of lines) {
		assert.ok(cellWidth(line) <= columns, `${what}: a line of ${cellWidth(line)} cells at ${columns} columns:\n${line}`);
		assert.ok(!line.includes('\uFFFD'), `${what}: a cut grapheme in ${line}`);
		for (const grapheme of graphemes(line)) if (grapheme.includes('👩')) assert.equal(grapheme, FAMILY, `${what}: part of a family in ${line}`);
	}
}

describe('wide and invisible text', () => {
	for (const columns of [80, 100]) {
		it(`keeps every view's lines within ${columns} columns`, async () => {
			const r = await openConsole(db, {columns, rows: 24});
			const step = async (key: string, ok: (f: string) => boolean, what: string) => {
				if (key) r.press(key);
				const f = await waitForFrame(r, ok);
				assertCells(f, columns, what);
				return f;
			};
			await step('', f => f.includes('all indicators') && f.includes('子ども'), 'the grid');
			await step('j', f => /▶\s+2 Visits/.test(f), 'the grid, second row');
			await step('?', f => f.includes('Keys ('), 'help');
			await step(keys.escape, f => f.includes('all indicators'), 'the grid again');
			await step('t', f => f.includes('team matrix') && f.includes('TOKYO'), 'the matrix');
			await step(keys.right, f => f.includes('Family'), 'the matrix, second team');
			await step(keys.enter, f => f.includes('indicator detail'), 'a team detail');
			await step(keys.escape, f => f.includes('team matrix'), 'the matrix again');
			await step(keys.escape, f => f.includes('all indicators'), 'the grid once more');
			await step('c', f => f.includes('caseload distribution') && f.includes('TOKYO'), 'caseloads');
			await step(keys.escape, f => f.includes('all indicators'), 'back');
			await step('a', f => f.includes('stand-up agenda'), 'the agenda');
		});
	}
});
