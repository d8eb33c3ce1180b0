// Everything the console needs beyond the printed scorecard, behind one dynamic import (cli.tsx):
// the bundle makes it fewer chunks to find and load, and --print and --json load none of it.
export {runConsole} from './console.js';
export {makeTheme} from './theme.js';
export {detectTerminal, asciiNotice, backgroundFromEnv} from './terminal-detect.js';
export {asciiClient, asciiRead} from './ascii-client.js';
export {probeBackground} from './input/background-probe.js';
export {default as chalk} from 'chalk';
