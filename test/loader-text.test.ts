import assert from 'node:assert/strict';
import path from 'node:path';
import {test} from 'node:test';
import {cleanLine, cleanText} from '../source/loader/clean-text.js';
import {loadFixture, storeContent, tempDir} from './helpers/temp-store.js';

// Invisible characters never reach the store (and so never a terminal).
const INVISIBLE = ['\uFEFF', '\u2060', '\u00AD', '\u061C', '\u200E', '\u202E', '\u2066', '\u2028', '\u2029', '\u{E0001}'];
const SOME_INVISIBLE = /[\p{Cf}\u2028\u2029]/u;

test('format characters and line separators are stripped from every text field at load', async () => {
	const dir = tempDir();
	const db = path.join(dir, 'store.db');
	const dirty = (word: string) => INVISIBLE.map((char, i) => `${word}${i}${char}`).join('');
	await loadFixture(db, {
		't.csv': `code,name,population\nEAST,"${dirty('East')}",100\n`,
		'i.csv': `code,number,title,unit,polarity,target,amber,measure,definition\nFA45,3,"${dirty('Title')}",percent,higher,85,5,monthly,"${dirty('Def')}"\n`,
		'c.csv': `period,indicator,text\n2017-12,FA45,"${dirty('Para')}"\n`,
		'r.csv': `period,indicator,reason\n2017-06,FA45,"${dirty('Why')}"\n`,
	});
	const content = await storeContent(db);
	const texts = [
		...(content['teams'] as Array<{name: string}>).map(row => row.name),
		...(content['indicators'] as Array<{title: string; definition: string}>).flatMap(row => [row.title, row.definition]),
		...(content['commentary'] as Array<{text: string}>).map(row => row.text),
		...(content['rebases'] as Array<{reason: string}>).map(row => row.reason),
	];
	assert.equal(texts.length, 5);
	for (const text of texts) assert.doesNotMatch(text, SOME_INVISIBLE, JSON.stringify(text));
	assert.equal((content['teams'] as Array<{name: string}>)[0]!.name, 'East0East1East2East3East4East5East6East7 East8 East9');
});

test('separators break lines in commentary and fold to spaces in one-line fields', () => {
	assert.equal(cleanText('one\u2028two\u2029three'), 'one\ntwo\nthree');
	assert.equal(cleanLine('one\u2028two'), 'one two');
	assert.equal(cleanLine('\uFEFFsoft\u00ADhyphen'), 'softhyphen');
});
