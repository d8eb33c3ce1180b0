import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {fitFooter, footerItems} from '../source/components/frame.js';
import {BINDINGS, VIEWS, bindingsFor, decodeKey, keysFor, pressOf, type ViewName} from '../source/keys.js';

// BINDINGS is the only key map: every key it lists gives its command in every view it lists,
// no key means two things in one view, and the footers are drawn from it.

describe('the key map', () => {
	it('decodes every binding to its command in every view it lists', () => {
		for (const binding of BINDINGS) {
			for (const view of binding.views ?? VIEWS) {
				for (const name of binding.keys) {
					assert.equal(decodeKey(pressOf(name), view), binding.command, `${name} in ${view}`);
				}
			}
		}
	});

	it('gives no key two commands in one view', () => {
		for (const view of VIEWS) {
			const seen = new Map<string, string>();
			for (const binding of bindingsFor(view)) {
				for (const name of binding.keys) {
					const before = seen.get(name);
					assert.ok(before === undefined || before === binding.command, `${name} is both ${before} and ${binding.command} in ${view}`);
					seen.set(name, binding.command);
				}
			}
		}
	});

	it('decodes nothing the map does not list', () => {
		const char = (c: string) => ({kind: 'char', char: c}) as const;
		const left = {kind: 'key', name: 'left'} as const;
		assert.equal(decodeKey(char('x'), 'overview'), null);
		assert.equal(decodeKey(char('h'), 'detail'), 'previousMonth');
		assert.equal(decodeKey(char('h'), 'matrix'), 'left');
		assert.equal(decodeKey(left, 'matrix'), 'left');
		assert.equal(decodeKey(left, 'overview'), 'previousMonth');
		assert.equal(decodeKey(char('s'), 'detail'), null, 'sorting is the grid\'s');
		assert.equal(decodeKey({kind: 'interrupt'}, 'overview'), null, 'Ctrl-C is the input module\'s, never a command');
		assert.equal(decodeKey(char(' '), 'agenda'), 'step');
	});

	it('writes hints from the map', () => {
		assert.equal(keysFor('down', 'detail'), '↓ j');
		assert.equal(keysFor('down', 'detail', true), 'Down j');
		assert.equal(keysFor('previousMonth', 'matrix'), '[');
		assert.equal(keysFor('previousMonth', 'overview'), '[ ← h');
		assert.equal(keysFor('latestMonth', 'overview'), 'L');
	});

	it('names ? and what q does in every footer, even at 60 columns', () => {
		const q: Record<ViewName, string> = {overview: 'q quit', detail: 'q back', matrix: 'q back', caseloads: 'q back', agenda: 'q back', help: 'q close help'};
		for (const view of VIEWS) {
			for (const width of [60, 80, 120]) {
				const shown = fitFooter(footerItems(view, false), width);
				const text = shown.map(item => (item.label ? `${item.keys} ${item.label}  ` : `${item.keys} `)).join('');
				assert.ok(text.trimEnd().length <= width, `${view} footer at ${width}: ${text}`);
				assert.ok(text.includes(q[view]), `${view} footer says what q does: ${text}`);
				if (view !== 'help') assert.ok(text.includes('? help'), `${view} footer names ?: ${text}`);
				else assert.ok(text.includes('? q close help'), `help says how to close it: ${text}`);
			}
		}
		const grid = fitFooter(footerItems('overview', false), 80).map(item => item.keys);
		assert.equal(grid[0], 'Enter');
		assert.deepEqual(grid, ['Enter', '[', ']', 't', 'c', 'a', '/', '?', 'q'], 'the grid footer at 80 has room for every view key and the filter');
	});
});
