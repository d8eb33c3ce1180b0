import {createContext, useContext, useEffect, useState} from 'react';
import {useStdout} from 'ink';

export type TerminalSize = {columns: number; rows: number};

/** Tests (and the pty wrapper) can fix the size; otherwise it follows the terminal. */
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
