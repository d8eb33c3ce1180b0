import {createContext, useContext, useEffect, useState} from 'react';
import {useStdout} from 'ink';

export type TerminalSize = {columns: number; rows: number};

/**
 * The console's Root provides the real size (it also redraws after a resize; Ink's stdout view
 * hides resize events from Ink). Tests fix a size; without either, this follows Ink's stdout.
 */
export const TerminalSizeContext = createContext<TerminalSize | null>(null);

export function useTerminalSize(): TerminalSize {
	const fixed = useContext(TerminalSizeContext);
	const {stdout} = useStdout();
	const read = (): TerminalSize => ({columns: stdout.columns || 80, rows: stdout.rows || 24});
	const [size, setSize] = useState(read);
	useEffect(() => {
		if (fixed) return;
		const onResize = () => setSize(read());
		stdout.on('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
		};
	}, [stdout, fixed]);
	return fixed ?? size;
}
