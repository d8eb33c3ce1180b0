import React, {useState} from 'react';
import {Box, Text, render, useApp, useInput} from 'ink';
import {MINIMAL_READY} from './markers.js';

// The bench's baselines, bundled at bench time exactly as scripts/build.js bundles the console.
// No arguments: the smallest Ink app (a Box, a few Text lines, useInput), for start-up and memory.
// `--lines N`: N plain full-width lines with a marker that ↓ moves one line, rendered with
// incremental rendering like the console: Ink's own bytes for a two-line change (the floor).

function Baseline() {
	const {exit} = useApp();
	const [keys, setKeys] = useState(0);
	useInput(input => {
		if (input === 'q') exit();
		else setKeys(n => n + 1);
	});
	return (
		<Box flexDirection="column">
			<Text bold>Scorecard bench</Text>
			<Text>keys pressed: {keys}</Text>
			<Text>{MINIMAL_READY}</Text>
		</Box>
	);
}

function Lines({count, width}: {count: number; width: number}) {
	const {exit} = useApp();
	const [selected, setSelected] = useState(0);
	useInput((input, key) => {
		if (input === 'q') exit();
		else if (key.downArrow) setSelected(n => (n + 1) % count);
		else if (key.upArrow) setSelected(n => (n + count - 1) % count);
	});
	return (
		<Box flexDirection="column">
			{Array.from({length: count}, (_, i) => {
				const text = `${i === selected ? '▶' : ' '} line ${i + 1} ${i === count - 1 ? MINIMAL_READY : ''}`;
				return <Text key={i}>{text.padEnd(width, '.')}</Text>;
			})}
		</Box>
	);
}

const at = process.argv.indexOf('--lines');
if (at === -1) {
	render(<Baseline />, {exitOnCtrlC: true, patchConsole: false});
} else {
	const count = Number(process.argv[at + 1]);
	const width = process.stdout.columns || 80;
	render(<Lines count={count} width={width} />, {exitOnCtrlC: true, patchConsole: false, incrementalRendering: true, maxFps: 60});
}
