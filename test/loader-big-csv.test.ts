import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {describe, it} from 'node:test';
import {REPO, assertBuilt, runBuiltLoader} from './helpers/pty.js';
import {storeContent, tempDir, writeCsv} from './helpers/temp-store.js';

// A big CSV file (1 MiB, several of the reader's chunks, records handed on a chunk at a time) loaded
// by the built loader (the bundle users run) and by the loader run from source (as the other
// loader tests run it): both must give the same rows, the same lines and the same problems.

function runSourceLoader(args: string[]): Promise<{code: number; stdout: string; stderr: string}> {
	return new Promise(resolve => {
		execFile(process.execPath, ['--import', 'tsx', 'scripts/load.ts', ...args], {cwd: REPO}, (error, stdout, stderr) => {
			resolve({code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr});
		});
	});
}

const TEAMS = 'code,name,population\nEAST,East,107112\nWEST,West,95000\n';
const CODES = Array.from({length: 12}, (_, i) => `IND${i + 1}`);
const INDICATORS = ['code,number,title,unit,polarity,target,amber,measure,definition', ...CODES.map((code, i) => `${code},${i + 1},Indicator ${i + 1},percent,higher,85,5,monthly,x`)].join('\n');

/** 43,200 figures, 1900 to 1999: over 1 MiB, each key once. */
function bigMeasures(): string[] {
	const lines = ['period,indicator,team,numerator,denominator,value'];
	for (let m = 0; m < 1200; m++) {
		const period = `${1900 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
		for (const code of CODES) for (const team of ['EAST', 'WEST', 'ALL']) lines.push(`${period},${code},${team},${(m % 50) + 1},${100 + (m % 9)},`);
	}
	return lines;
}

describe('the built loader reads big CSV files as the loader run from source does', () => {
	it('loads the same rows as the loader run from source', async () => {
		assertBuilt();
		const dir = tempDir();
		const big = writeCsv(dir, 'm.csv', `${bigMeasures().join('\n')}\n`);
		const files = [writeCsv(dir, 't.csv', TEAMS), writeCsv(dir, 'i.csv', INDICATORS), big];
		assert.ok(fs.statSync(big).size >= 1 << 20, 'the measures file spans several of the reader\'s chunks');
		const built = await runBuiltLoader(['--db', path.join(dir, 'built.db'), ...files]);
		const source = await runSourceLoader(['--db', path.join(dir, 'source.db'), ...files]);
		assert.equal(built.code, 0, built.stderr);
		assert.equal(source.code, 0, source.stderr);
		assert.equal(built.stdout.replace(/built\.db/g, 'X'), source.stdout.replace(/source\.db/g, 'X'));
		const [a, b] = [await storeContent(path.join(dir, 'built.db')), await storeContent(path.join(dir, 'source.db'))];
		assert.equal(a['measures']!.length, 43_200);
		assert.deepEqual(a['measures'], b['measures']);
	});

	it('reports the same problems, lines and columns (quoted line breaks counted, rows after a broken quote kept)', async () => {
		assertBuilt();
		const dir = tempDir();
		const lines = bigMeasures();
		// Problems late in the file: a field over two lines, a row with too few fields, a team
		// unknown, a figure not a number, then a quote never closed.
		lines.splice(40_000, 0, '2001-01,IND1,"EA\nST",1,100,', '2001-02,IND1,EAST,1', '2001-03,IND1,NOWHERE,1,100,', '2001-04,IND1,EAST,x,100,');
		lines.push('2001-05,IND1,"EAST,1,100,');
		const files = [writeCsv(dir, 't.csv', TEAMS), writeCsv(dir, 'i.csv', INDICATORS), writeCsv(dir, 'm.csv', `${lines.join('\n')}\n`)];
		const built = await runBuiltLoader(['--db', path.join(dir, 'built.db'), ...files]);
		const source = await runSourceLoader(['--db', path.join(dir, 'source.db'), ...files]);
		assert.equal(built.code, 1);
		assert.equal(source.code, 1);
		const problems = (text: string) => text.replace(/(built|source)\.db/g, 'X');
		assert.equal(problems(built.stderr), problems(source.stderr));
		// The lines as a person counts them in an editor: the quoted field's break moves what follows down one.
		assert.match(built.stderr, /m\.csv:40001:3: /);
		assert.match(built.stderr, /m\.csv:40003:/);
		assert.match(built.stderr, /m\.csv:40004:3: .*NOWHERE/);
		assert.match(built.stderr, /m\.csv:40005:4: /);
		assert.match(built.stderr, /never closed/);
	});

	it('reads a big Windows-1252 file (Excel\'s plain CSV) as the loader run from source does', async () => {
		assertBuilt();
		const dir = tempDir();
		const lines = ['indicator,period,text'];
		for (let m = 0; m < 1200; m++) {
			const period = `${1900 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
			for (const code of CODES) lines.push(`${code},${period},"Café visits rose, as the résumé of month ${m} says: 50% more"`);
		}
		const latin = Buffer.from(`${lines.join('\r\n')}\r\n`, 'latin1');
		const files = [writeCsv(dir, 't.csv', TEAMS), writeCsv(dir, 'i.csv', INDICATORS), writeCsv(dir, 'c.csv', latin)];
		assert.ok(fs.statSync(files[2]!).size >= 1 << 20);
		const built = await runBuiltLoader(['--db', path.join(dir, 'built.db'), ...files]);
		const source = await runSourceLoader(['--db', path.join(dir, 'source.db'), ...files]);
		assert.equal(built.code, 0, built.stderr);
		assert.equal(built.stdout.replace(/built\.db/g, 'X'), source.stdout.replace(/source\.db/g, 'X'));
		assert.match(built.stdout, /Windows-1252/);
		const [a, b] = [await storeContent(path.join(dir, 'built.db')), await storeContent(path.join(dir, 'source.db'))];
		assert.equal(a['commentary']!.length, 14_400);
		assert.deepEqual(a['commentary'], b['commentary']);
		assert.ok((a['commentary'] as Array<{text: string}>).every(row => row.text.includes('Café') && row.text.includes('résumé')));
	});
});
