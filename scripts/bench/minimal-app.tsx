import fs from 'node:fs';
import React, {useState} from 'react';
import {Box, Text, render, useApp, useInput} from 'ink';
import {MINIMAL_READY} from './markers.js';

// The bench's baselines, bundled at bench time exactly as scripts/build.js bundles the console.
// No arguments: the smallest Ink app (a Box, a few Text lines, useInput), for start-up and memory.
// `--lines N`: N plain full-width lines with a marker that ↓ moves one line, rendered with
// incremental rendering like the console: Ink's own bytes for a two-line change.
// `--frames FILE`: the console's own screens, captured by the bench (rows of text with their SGR
// colours), one more on each ↓: what stock Ink writes when exactly the rows the console changed
// change, to the same text and colours (the floor for bytes per key). Its Ink has the two fixes
// scripts/bench/setup.ts names, without which it does not draw those screens in xterm.

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

function Frames({frames}: {frames: string[][]}) {
	const {exit} = useApp();
	const [index, setIndex] = useState(0);
	useInput((input, key) => {
		if (input === 'q') exit();
		else if (key.downArrow) setIndex(n => Math.min(frames.length - 1, n + 1));
	});
	return (
		<Box flexDirection="column">
			{frames[index]!.map((line, i) => (
				// A blank row stays a row.
				<Box key={i} height={1}>
					<Text wrap="truncate-end">{line}</Text>
				</Box>
			))}
		</Box>
	);
}

const at = process.argv.indexOf('--lines');
const framesAt = process.argv.indexOf('--frames');
if (framesAt !== -1) {
	const frames = JSON.parse(fs.readFileSync(process.argv[framesAt + 1]!, 'utf8')) as string[][];
	render(<Frames frames={frames} />, {exitOnCtrlC: true, patchConsole: false, incrementalRendering: true, maxFps: 60});
} else if (at === -1) {
	render(<Baseline />, {exitOnCtrlC: true, patchConsole: false});
} else {
	const count = Number(process.argv[at + 1]);
	const width = process.stdout.columns || 80;
	render(<Lines count={count} width={width} />, {exitOnCtrlC: true, patchConsole: false, incrementalRendering: true, maxFps: 60});
}
