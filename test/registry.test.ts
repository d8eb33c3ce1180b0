import assert from 'node:assert/strict';
import {before, describe, it} from 'node:test';
import {fitFooter, footerItems} from '../source/components/frame.js';
import type {ScorecardView} from '../source/domain/scorecard-view.js';
import {pressOf} from '../source/keys.js';
import {openStoreClient} from '../source/store/client.js';
import {APP_HANDLERS, initialAppState} from '../source/views/app-state.js';
import {bindingsOf, commandOf, keyEffects, REGISTRY, VIEW_NAMES, viewKeys} from '../source/views/registry.js';
import type {Route, ViewName} from '../source/views/route.js';
import {sampleStore} from './helpers/temp-store.js';

// The view registry is the only place that says which view takes which command: every key a
// view's bindings list gives its command there and reaches that binding's handler, no key means
// two things in one view, and the footers and hints are drawn from the same bindings.

let data: ScorecardView;
before(async () => {
	const client = await openStoreClient(await sampleStore());
	try {
		data = await client.scorecard();
	} finally {
		await client.close();
	}
});

/** A route for each view (the help shows over the grid). */
function routeOf(view: ViewName): Route {
	switch (view) {
		case 'detail':
			return {view: 'detail', indicator: data.scorecard.indicators[0]!.code, team: data.teams[0]!.code};
		case 'help':
			return {view: 'overview'};
		default:
			return {view};
	}
}

describe('the view registry', () => {
	it('has a record for every view: its title, what it reads, its state and its component', () => {
		assert.deepEqual(VIEW_NAMES, ['overview', 'detail', 'matrix', 'caseloads', 'agenda', 'help']);
		for (const view of VIEW_NAMES) {
			const spec = REGISTRY[view];
			assert.equal(spec.name, view);
			assert.ok(spec.title.length > 0, view);
			assert.ok(spec.reads === undefined || typeof spec.reads(routeOf(view)) === 'object', view);
			assert.equal(typeof spec.component, 'function', view);
			assert.notEqual(spec.state.initial(routeOf(view)), undefined, view);
		}
	});

	it('gives every key of every binding its command, in every view, and reaches that binding\'s handler', () => {
		for (const view of VIEW_NAMES) {
			const spec = REGISTRY[view];
			const route = routeOf(view);
			const app = {...initialAppState(route, null), help: view === 'help'};
			const context = {state: spec.state.initial(route), app, data, route};
			for (const binding of spec.bindings) {
				assert.equal(typeof binding.run, 'function', `${binding.command} in ${view}`);
				const direct = binding.run(context);
				assert.ok(Array.isArray(direct), `${binding.command} in ${view} answers with effects`);
				for (const name of bindingsOf(view).find(each => each.command === binding.command)!.keys) {
					assert.equal(commandOf(view, pressOf(name)), binding.command, `${name} in ${view}`);
					// Effects carry closures (a seek's match): compared as JSON.
					assert.equal(JSON.stringify(keyEffects(view, context, pressOf(name))), JSON.stringify(direct), `${name} in ${view} reaches the ${binding.command} handler`);
				}
			}
		}
	});

	it('gives no key two commands in one view, and binds each command once', () => {
		for (const view of VIEW_NAMES) {
			const seen = new Map<string, string>();
			for (const binding of bindingsOf(view)) {
				for (const name of binding.keys) {
					const before = seen.get(name);
					assert.ok(before === undefined, `${name} is both ${before} and ${binding.command} in ${view}`);
					seen.set(name, binding.command);
				}
			}
			const commands = REGISTRY[view].bindings.map(binding => binding.command);
			assert.equal(new Set(commands).size, commands.length, `a command bound twice in ${view}`);
		}
	});

	it('decodes nothing the bindings do not list', () => {
		const char = (c: string) => ({kind: 'char', char: c}) as const;
		const left = {kind: 'key', name: 'left'} as const;
		assert.equal(commandOf('overview', char('x')), null);
		assert.equal(commandOf('detail', char('h')), 'previousMonth');
		assert.equal(commandOf('matrix', char('h')), 'left');
		assert.equal(commandOf('matrix', left), 'left');
		assert.equal(commandOf('overview', left), 'previousMonth');
		assert.equal(commandOf('detail', char('s')), null, 'sorting is the grid\'s');
		assert.equal(commandOf('overview', {kind: 'interrupt'}), null, 'Ctrl-C is the input module\'s, never a command');
		assert.equal(commandOf('agenda', char(' ')), 'step');
	});

	it('answers the shared commands with the app\'s handlers, and q quits only from the grid', () => {
		const context = (view: ViewName, stack: Route[]) => ({state: REGISTRY[view].state.initial(routeOf(view)), app: {...initialAppState(undefined, null), stack}, data, route: stack.at(-1)!});
		assert.deepEqual(keyEffects('overview', context('overview', [{view: 'overview'}]), pressOf('q')), [{exit: true}]);
		assert.deepEqual(keyEffects('caseloads', context('caseloads', [{view: 'overview'}, {view: 'caseloads'}]), pressOf('q')), [{app: {type: 'pop'}}]);
		assert.deepEqual(keyEffects('overview', context('overview', [{view: 'overview'}]), pressOf('escape')), [], 'Esc never quits');
		for (const view of VIEW_NAMES) {
			const reload = REGISTRY[view].bindings.find(binding => binding.command === 'reload');
			assert.equal(reload?.run, APP_HANDLERS.reload, `r in ${view}`);
		}
	});

	it('takes the filter\'s text before commands in the views that have the filter', () => {
		const app = {...initialAppState(undefined, null), filter: {text: 'ad', editing: true}};
		const context = {state: REGISTRY.overview.state.initial({view: 'overview'}), app, data, route: {view: 'overview'} as Route};
		assert.deepEqual(keyEffects('overview', context, pressOf('q')), [{app: {type: 'filter', action: {type: 'type', text: 'q'}}}]);
		assert.deepEqual(keyEffects('overview', context, pressOf('down')), [{view: {type: 'list', action: {type: 'command', command: 'down'}}}], 'arrows still move');
		assert.deepEqual(keyEffects('caseloads', {...context, state: REGISTRY.caseloads.state.initial({view: 'caseloads'})}, pressOf('q')), [{exit: true}]);
	});

	it('writes hints from the bindings', () => {
		assert.equal(viewKeys('detail', 'down'), '↓ j');
		assert.equal(viewKeys('detail', 'down', true), 'Down j');
		assert.equal(viewKeys('matrix', 'previousMonth'), '[');
		assert.equal(viewKeys('overview', 'previousMonth'), '[ ← h');
		assert.equal(viewKeys('overview', 'latestMonth'), 'L');
	});

	it('names ? and what q does in every footer, even at 60 columns', () => {
		const q: Record<ViewName, string> = {overview: 'q quit', detail: 'q back', matrix: 'q back', caseloads: 'q back', agenda: 'q back', help: 'q close help'};
		for (const view of VIEW_NAMES) {
			for (const width of [60, 80, 120]) {
				const shown = fitFooter(footerItems(bindingsOf(view), false), width);
				const text = shown.map(item => (item.label ? `${item.keys} ${item.label}  ` : `${item.keys} `)).join('');
				assert.ok(text.trimEnd().length <= width, `${view} footer at ${width}: ${text}`);
				assert.ok(text.includes(q[view]), `${view} footer says what q does: ${text}`);
				if (view !== 'help') assert.ok(text.includes('? help'), `${view} footer names ?: ${text}`);
				else assert.ok(text.includes('? q close help'), `help says how to close it: ${text}`);
			}
		}
		const grid = fitFooter(footerItems(bindingsOf('overview'), false), 80).map(item => item.keys);
		assert.equal(grid[0], 'Enter');
		assert.deepEqual(grid, ['Enter', '[', ']', 't', 'c', 'a', '/', '?', 'q'], 'the grid footer at 80 has room for every view key and the filter');
	});
});
