import {createContext, useContext, useLayoutEffect, useRef} from 'react';
import type {KeyEvent} from '../input/key-decoder.js';
import type {Command} from '../keys.js';

// Keys are decoded once, at the top (input/use-key-input.ts), into commands. The view on top of
// the stack gets them first; what it does not consume falls through to the app.

export type CommandHandler = {
	/** Raw text entry (the filter box): return true to take the key before it becomes a command. */
	capture?: (event: KeyEvent) => boolean;
	/** Return true when the command was used. */
	command: (command: Command) => boolean;
};

export type CommandRegistry = {
	register: (handler: {current: CommandHandler}) => () => void;
};

export const CommandContext = createContext<CommandRegistry>({register: () => () => undefined});

/** Registers the calling view's handler while it is mounted; the latest registered is on top. */
export function useCommands(handler: CommandHandler): void {
	const registry = useContext(CommandContext);
	const ref = useRef(handler);
	ref.current = handler;
	// A layout effect: registered as soon as the view is on screen, before any key can be read for it
	// (passive effects can wait for the next commit under Ink's reconciler).
	useLayoutEffect(() => registry.register(ref), [registry]);
}

/** The registry the app owns: a stack of handlers, newest first. */
export function createCommandRegistry(): CommandRegistry & {handlers: () => Array<{current: CommandHandler}>} {
	let stack: Array<{current: CommandHandler}> = [];
	return {
		register(handler) {
			stack = [handler, ...stack];
			return () => {
				stack = stack.filter(h => h !== handler);
			};
		},
		handlers: () => stack,
	};
}
