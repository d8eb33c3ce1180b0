import React from 'react';
import {Text} from 'ink';
import {useTheme} from '../hooks/use-theme.js';
import type {Token} from '../theme.js';

/** Text in a theme token: views never name raw colours. */
export function Styled({token, children, selected}: {token: Token; children: React.ReactNode; selected?: boolean}) {
	const theme = useTheme();
	const style = theme.style(token);
	return (
		<Text {...style} inverse={selected || style.inverse} wrap="truncate-end">
			{children}
		</Text>
	);
}
