// The key decoder on fake time, as Ink tests its input parser: reads (and the moments they arrive)
// in, key events out. Each case is what a terminal sends over SSH and what the console must take.
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {createKeyDecoder, type KeyEvent} from '../source/input/key-decoder.js';

const ESC = '\u001B';

/** An event as a short word: named keys by name, characters as themselves, Ctrl-C as ^C. */
function word(event: KeyEvent): string {
	return event.kind === 'key' ? event.name : event.kind === 'char' ? event.char : '^C';
}

/** A read at a moment (ms), or the caller's timer firing at a moment. */
type Step = {at: number; read: string | Uint8Array} | {at: number; timer: true};

/**
 * Runs the steps as the input module does: the timer fires only where a step says so, and only
 * decides what has passed its deadline. Returns the events in order, and the deadline left.
 */
function run(steps: Step[], escapeDelay = 100): {events: string[]; deadline: number | null} {
	const decoder = createKeyDecoder({escapeDelay});
	const events: string[] = [];
	for (const step of steps) {
		const out = 'read' in step ? decoder.push(step.read, step.at) : decoder.flush(step.at);
		events.push(...out.map(word));
	}
	return {events, deadline: decoder.deadline()};
}

const read = (at: number, text: string | Uint8Array): Step => ({at, read: text});
const timer = (at: number): Step => ({at, timer: true});

describe('the key decoder', () => {
	const cases: Array<{name: string; steps: Step[]; events: string[]; deadline?: number | null; escapeDelay?: number}> = [
		{name: 'one printable key', steps: [read(0, 'j')], events: ['j']},
		{name: 'several keys in one read (key repeat)', steps: [read(0, 'jjjjj')], events: ['j', 'j', 'j', 'j', 'j']},
		{name: 'arrows and pages in one read', steps: [read(0, `${ESC}[B${ESC}[B${ESC}[A${ESC}[6~${ESC}[5~`)], events: ['down', 'down', 'up', 'pageDown', 'pageUp']},
		{name: 'application-mode arrows and Home/End', steps: [read(0, `${ESC}OA${ESC}OB${ESC}OH${ESC}OF${ESC}[1~${ESC}[4~${ESC}[H${ESC}[F`)], events: ['up', 'down', 'home', 'end', 'home', 'end', 'home', 'end']},
		{name: 'a modified arrow is the arrow', steps: [read(0, `${ESC}[1;5B`)], events: ['down']},
		{name: 'Enter, Backspace (DEL and BS), Delete', steps: [read(0, `\r\n\u007F\b${ESC}[3~`)], events: ['return', 'return', 'backspace', 'backspace', 'delete']},
		{name: 'pasted text: each character a key, newlines as Enter', steps: [read(0, 'Re-ref\nq')], events: ['R', 'e', '-', 'r', 'e', 'f', 'return', 'q']},
		{name: 'pasted wide text, split inside a character by the link', steps: [read(0, Buffer.from('é儿').subarray(0, 3)), read(5, Buffer.from('é儿').subarray(3))], events: ['é', '儿']},
		{name: 'Ctrl-C alone', steps: [read(0, '\u0003')], events: ['^C']},
		{name: 'Ctrl-C typed quickly after other keys: one read', steps: [read(0, 'jj\u0003')], events: ['j', 'j', '^C']},
		{name: 'other control keys (Tab, Ctrl-T) mean nothing', steps: [read(0, '\t\u0014j')], events: ['j']},
		{name: 'sequences the console has no use for are dropped whole (F1, F5, focus, paste marks)', steps: [read(0, `${ESC}OP${ESC}[15~${ESC}[I${ESC}[200~ab${ESC}[201~`)], events: ['a', 'b']},

		// A lone Esc waits for the rest of a sequence; the caller's timer decides it.
		{name: 'a lone Esc is held, then Escape when the timer fires', steps: [read(0, ESC), timer(100)], events: ['escape'], deadline: null},
		{name: 'a lone Esc is not decided before its deadline', steps: [read(0, ESC), timer(99)], events: [], deadline: 100},
		{name: 'a lone Esc with no delay is Escape at once', steps: [read(0, ESC)], events: ['escape'], deadline: null, escapeDelay: 0},
		{name: 'an arrow split after ESC (ESC | [B)', steps: [read(0, ESC), read(5, '[B')], events: ['down'], deadline: null},
		{name: 'an arrow split in three (ESC | [ | B)', steps: [read(0, ESC), read(5, '['), read(10, 'B')], events: ['down'], deadline: null},
		{name: 'an arrow split after the bracket (ESC[ | B)', steps: [read(0, `${ESC}[`), read(5, 'B')], events: ['down']},
		{name: 'a page key split inside its number (ESC[6 | ~)', steps: [read(0, `${ESC}[6`), read(5, '~')], events: ['pageDown']},
		{name: 'each part of a split sequence restarts the wait', steps: [read(0, ESC), read(90, '['), timer(100), read(150, 'B')], events: ['down']},
		{name: 'the rest of a sequence read after the deadline, before the timer ran, still completes it', steps: [read(0, ESC), read(250, '[B')], events: ['down']},
		{name: 'Esc then [ typed after the wait: Escape, then previous month', steps: [read(0, `${ESC}[`), timer(100)], events: ['escape', '[']},
		{name: 'Esc then a key in one read (not Alt+key): Escape, then the key', steps: [read(0, `${ESC}q`)], events: ['escape', 'q']},
		{name: 'Esc pressed twice in one read: Escape now, the second held', steps: [read(0, `${ESC}${ESC}`), timer(100)], events: ['escape', 'escape']},
		{name: 'Esc then an arrow in one read', steps: [read(0, `${ESC}${ESC}[B`)], events: ['escape', 'down']},
		{name: 'Esc then Enter in one read', steps: [read(0, `${ESC}\r`)], events: ['escape', 'return']},
		{name: 'keys before a held Esc come out at once', steps: [read(0, `jk${ESC}`)], events: ['j', 'k'], deadline: 100},
		{name: 'a held Esc then a key read later: Escape, then the key', steps: [read(0, ESC), read(20, 'q')], events: ['escape', 'q'], deadline: null},
	];

	for (const c of cases) {
		it(c.name, () => {
			const result = run(c.steps, c.escapeDelay);
			assert.deepEqual(result.events, c.events);
			if (c.deadline !== undefined) assert.equal(result.deadline, c.deadline);
		});
	}

	it('never holds anything once a read is decided', () => {
		const decoder = createKeyDecoder({escapeDelay: 100});
		assert.equal(decoder.deadline(), null);
		decoder.push(`${ESC}[B`, 0);
		assert.equal(decoder.deadline(), null);
		assert.deepEqual(decoder.flush(1000), []);
	});
});
