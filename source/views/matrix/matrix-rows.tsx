import React from 'react';
import {ALL_TEAM} from '../../domain/types.js';
import {Box, Text} from 'ink';
import {RagMark} from '../../components/indicator-marks.js';
import {matrixCell} from '../../domain/red-amber.js';
import type {IndicatorMonth} from '../../domain/scorecard.js';
import {useTheme} from '../../hooks/use-theme.js';
import {fit, padEnd, padStart} from '../../text-layout/text-fit.js';
import {cellValue, GLYPH, MARKER, NUMBER, UNIT, UNIT_TAGS, type MatrixColumn, type MatrixLayout} from './matrix-layout.js';

// The matrix's heading and rows. The selected cell is bracketed ([ 94% ●G]) as well as shown in
// the selection style, so it reads without colour or reverse video.

function Label({layout, number, title, unit}: {layout: MatrixLayout; number: string; title: string; unit: string}) {
	const theme = useTheme();
	const g = theme.glyphs;
	return <>{`${padStart(number, NUMBER)}${layout.title > 0 ? ` ${padEnd(title, layout.title, g.ellipsis)}` : ''}${layout.unit ? ` ${padEnd(unit, UNIT)}` : ''}`}</>;
}

export function MatrixHeading({layout, shown, column, moreLeft, moreRight}: {layout: MatrixLayout; shown: MatrixColumn[]; column: string; moreLeft: boolean; moreRight: boolean}) {
	const theme = useTheme();
	const cellText = layout.value + 1 + GLYPH;
	return (
		<Box>
			<Text {...theme.style('text.dim')}>
				{' '.repeat(MARKER)}
				<Label layout={layout} number="#" title="Indicator" unit="Unit" />
			</Text>
			{shown.map((c, i) => (
				<React.Fragment key={c.key}>
					<Text {...theme.style('text.dim')}>{i === 0 && moreLeft ? '<' : ' '}</Text>
					<Text {...theme.style(c.key === column ? 'selection' : 'text.dim')}>{padStart(fit(c.heading, cellText, ''), cellText)}</Text>
				</React.Fragment>
			))}
			<Text {...theme.style('text.dim')}>{moreRight ? '>' : ' '}</Text>
		</Box>
	);
}

export function MatrixRow({row, title, layout, shown, column, selected}: {row: IndicatorMonth; title: string; layout: MatrixLayout; shown: MatrixColumn[]; column: string; selected: boolean}) {
	const theme = useTheme();
	const g = theme.glyphs;
	const selection = theme.style('selection');
	const rowStyle = selected ? theme.style('text.title') : {};
	return (
		<Box>
			<Text {...rowStyle}>
				{selected ? `${g.selected} ` : '  '}
				<Label layout={layout} number={String(row.number)} title={title} unit={UNIT_TAGS[row.unit] ?? ''} />
			</Text>
			{shown.map((c, j) => {
				const figure = matrixCell(row, c.key);
				const isCell = selected && c.key === column;
				const afterCell = selected && j > 0 && shown[j - 1]!.key === column;
				// No figure: a dash where the indicator has no team breakdown at all, else the missing
				// mark (a team, or the whole service, that should have one this month).
				const missing = !figure && (c.key === ALL_TEAM || row.teams.length > 0);
				const value = figure ? cellValue(row.unit, figure.value, layout.compact) : missing ? '' : g.dash;
				return (
					<React.Fragment key={c.key}>
						<Text {...(isCell || afterCell ? selection : {})}>{isCell ? '[' : afterCell ? ']' : ' '}</Text>
						<Text {...(isCell ? selection : {})}>{`${padStart(value, layout.value)} `}</Text>
						{figure ? (
							<RagMark rag={figure.rag} selected={isCell} />
						) : (
							<Text {...(isCell ? selection : theme.style('text.notice'))}>{missing ? `${g.missing} ` : ' '.repeat(GLYPH)}</Text>
						)}
					</React.Fragment>
				);
			})}
			{selected && shown.at(-1)?.key === column ? <Text {...selection}>]</Text> : <Text> </Text>}
		</Box>
	);
}
