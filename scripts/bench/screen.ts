// A small VT screen model: enough of xterm to replay what Ink writes (cursor moves, erases, SGR,
// the alternate screen) and answer "what is on screen", "which rows were written" and "which rows
// changed" (characters and their attributes). Every character counts as one column: the console
// draws only narrow glyphs (▶ ▁..█ ● ↑ ↓ …). About 350 lines: a terminal's cursor, erases, scrolls and
// SGR attributes interact, so the model is one module.

const ESC = '\u001B';

/** The SGR attributes a cell is drawn with, one slot per kind: a canonical form of any SGR sequence. */
type Attributes = {intensity: string; italic: string; underline: string; blink: string; inverse: string; hidden: string; strike: string; fg: string; bg: string};

const PLAIN: Attributes = {intensity: '', italic: '', underline: '', blink: '', inverse: '', hidden: '', strike: '', fg: '', bg: ''};

/** The SGR parameters that draw `a` from a reset: '' for plain text. */
function sgrOf(a: Attributes): string {
	return [a.intensity, a.italic, a.underline, a.blink, a.inverse, a.hidden, a.strike, a.fg, a.bg].filter(Boolean).join(';');
}

function applySgr(current: Attributes, params: string[]): Attributes {
	const a = {...current};
	if (params.length === 0) return {...PLAIN};
	for (let i = 0; i < params.length; i++) {
		const p = Number(params[i] === '' ? 0 : params[i]);
		if (p === 0) Object.assign(a, PLAIN);
		else if (p === 1 || p === 2) a.intensity = String(p);
		else if (p === 22) a.intensity = '';
		else if (p === 3) a.italic = '3';
		else if (p === 23) a.italic = '';
		else if (p === 4) a.underline = '4';
		else if (p === 24) a.underline = '';
		else if (p === 5 || p === 6) a.blink = '5';
		else if (p === 25) a.blink = '';
		else if (p === 7) a.inverse = '7';
		else if (p === 27) a.inverse = '';
		else if (p === 8) a.hidden = '8';
		else if (p === 28) a.hidden = '';
		else if (p === 9) a.strike = '9';
		else if (p === 29) a.strike = '';
		else if ((p >= 30 && p <= 37) || (p >= 90 && p <= 97)) a.fg = String(p);
		else if (p === 39) a.fg = '';
		else if ((p >= 40 && p <= 47) || (p >= 100 && p <= 107)) a.bg = String(p);
		else if (p === 49) a.bg = '';
		else if (p === 38 || p === 48) {
			// 38;5;N or 38;2;R;G;B (and the same for the background).
			const take = params[i + 1] === '5' ? 2 : params[i + 1] === '2' ? 4 : 0;
			const colour = [String(p), ...params.slice(i + 1, i + 1 + take)].join(';');
			if (p === 38) a.fg = colour;
			else a.bg = colour;
			i += take;
		}
	}
	return a;
}

export class Screen {
	rows: string[][] = [];
	/** Each cell's attributes as SGR parameters ('' for plain), beside `rows`. */
	attrs: string[][] = [];
	private attributes: Attributes = {...PLAIN};
	row = 0;
	col = 0;
	/** xterm's deferred wrap: a character in the last column wraps only when the next one comes. */
	private wrapPending = false;
	private pending = '';
	private saved: {row: number; col: number} = {row: 0, col: 0};
	/** Rows written to (characters or erases) since the last `takeDirty`. */
	private dirty = new Set<number>();
	/** Whole-screen erases seen (ESC[2J, ESC[3J), in order. */
	clears: string[] = [];

	constructor(
		public columns: number,
		public height: number,
	) {
		this.blank();
	}

	private blank(): void {
		this.rows = Array.from({length: this.height}, () => Array<string>(this.columns).fill(' '));
		this.attrs = Array.from({length: this.height}, () => Array<string>(this.columns).fill(''));
	}

	resize(columns: number, height: number): void {
		const old = this.rows;
		const oldAttrs = this.attrs;
		this.columns = columns;
		this.height = height;
		this.blank();
		for (let r = 0; r < Math.min(old.length, height); r++) {
			for (let c = 0; c < Math.min(old[r]!.length, columns); c++) {
				this.rows[r]![c] = old[r]![c]!;
				this.attrs[r]![c] = oldAttrs[r]![c]!;
			}
		}
		this.row = Math.min(this.row, height - 1);
		this.col = Math.min(this.col, columns - 1);
		this.wrapPending = false;
	}

	text(): string {
		return this.lines().join('\n');
	}

	lines(): string[] {
		return this.rows.map(row => row.join('').trimEnd());
	}

	/**
	 * Each row as characters and attributes together: two rows compare equal only when they look
	 * the same (a selection drawn in reverse video differs from the same text plain).
	 */
	looks(): string[] {
		return this.rows.map((row, r) => row.map((char, c) => `${char}\u0000${this.attrs[r]![c]}`).join('\u0001'));
	}

	/**
	 * Each row as text with the SGR sequences that draw it (from a reset, trailing plain blanks
	 * dropped): what a program must write to draw the row again.
	 */
	styledLines(): string[] {
		return this.rows.map((row, r) => {
			const attrs = this.attrs[r]!;
			let end = row.length;
			while (end > 0 && row[end - 1] === ' ' && attrs[end - 1] === '') end--;
			let out = '';
			let current = '';
			for (let c = 0; c < end; c++) {
				if (attrs[c] !== current) {
					out += `${ESC}[0m`;
					if (attrs[c]) out += `${ESC}[${attrs[c]}m`;
					current = attrs[c]!;
				}
				out += row[c];
			}
			return current ? `${out}${ESC}[0m` : out;
		});
	}

	takeDirty(): number[] {
		const rows = [...this.dirty].sort((a, b) => a - b);
		this.dirty.clear();
		return rows;
	}

	write(data: string): void {
		const input = this.pending + data;
		this.pending = '';
		let i = 0;
		while (i < input.length) {
			const ch = input[i]!;
			if (ch === ESC) {
				const used = this.escape(input, i);
				// An escape sequence split across two chunks: keep its start for the next write.
				if (used === 0) {
					this.pending = input.slice(i);
					return;
				}
				i += used;
				continue;
			}
			const code = ch.codePointAt(0)!;
			if (code < 0x20 || code === 0x7f) {
				this.control(ch);
				i++;
				continue;
			}
			const char = String.fromCodePoint(code);
			this.put(char);
			i += char.length;
		}
	}

	private control(ch: string): void {
		switch (ch) {
			case '\r':
				this.col = 0;
				this.wrapPending = false;
				break;
			case '\n':
			case '\u000B':
			case '\u000C':
				this.lineFeed();
				break;
			case '\b':
				this.col = Math.max(0, this.col - 1);
				this.wrapPending = false;
				break;
			case '\t':
				this.col = Math.min(this.columns - 1, (Math.floor(this.col / 8) + 1) * 8);
				break;
			default:
				break;
		}
	}

	private lineFeed(): void {
		this.wrapPending = false;
		if (this.row === this.height - 1) {
			this.rows.shift();
			this.rows.push(Array<string>(this.columns).fill(' '));
			this.attrs.shift();
			this.attrs.push(Array<string>(this.columns).fill(''));
			for (let r = 0; r < this.height; r++) this.dirty.add(r);
		} else {
			this.row++;
		}
	}

	private put(char: string): void {
		if (this.wrapPending) {
			this.col = 0;
			this.lineFeed();
		}
		this.rows[this.row]![this.col] = char;
		this.attrs[this.row]![this.col] = sgrOf(this.attributes);
		this.dirty.add(this.row);
		if (this.col === this.columns - 1) this.wrapPending = true;
		else this.col++;
	}

	/** Returns how many characters the sequence at `start` used; 0 when it is incomplete. */
	private escape(input: string, start: number): number {
		const next = input[start + 1];
		if (next === undefined) return 0;
		if (next === '[') {
			let end = start + 2;
			while (end < input.length) {
				const code = input.charCodeAt(end);
				if (code >= 0x40 && code <= 0x7e) break;
				end++;
			}
			if (end >= input.length) return 0;
			this.csi(input.slice(start + 2, end), input[end]!);
			return end - start + 1;
		}
		if (next === ']' || next === 'P' || next === '_' || next === '^') {
			// OSC / DCS / APC / PM: up to BEL or ST.
			for (let end = start + 2; end < input.length; end++) {
				if (input[end] === '\u0007') return end - start + 1;
				if (input[end] === ESC && input[end + 1] === '\\') return end - start + 2;
			}
			return 0;
		}
		if (next === '(' || next === ')' || next === '#') return input.length >= start + 3 ? 3 : 0;
		if (next === '7') this.saved = {row: this.row, col: this.col};
		if (next === '8') ({row: this.row, col: this.col} = this.saved);
		if (next === 'c') {
			this.attributes = {...PLAIN};
			this.blank();
			this.row = 0;
			this.col = 0;
		}
		return 2;
	}

	private csi(body: string, final: string): void {
		const isPrivate = body.startsWith('?');
		const params = (isPrivate ? body.slice(1) : body).split(';').map(p => (p === '' ? NaN : Number(p)));
		const n = (index: number, fallback: number) => {
			const value = params[index];
			return value === undefined || Number.isNaN(value) ? fallback : value;
		};
		const clampRow = (r: number) => Math.max(0, Math.min(this.height - 1, r));
		const clampCol = (c: number) => Math.max(0, Math.min(this.columns - 1, c));
		this.wrapPending = false;
		if (isPrivate) {
			// The alternate screen starts blank.
			if ((final === 'h' || final === 'l') && (params.includes(1049) || params.includes(47) || params.includes(1047))) {
				this.blank();
				for (let r = 0; r < this.height; r++) this.dirty.add(r);
			}
			return;
		}
		switch (final) {
			case 'A':
				this.row = clampRow(this.row - Math.max(1, n(0, 1)));
				break;
			case 'B':
				this.row = clampRow(this.row + Math.max(1, n(0, 1)));
				break;
			case 'C':
				this.col = clampCol(this.col + Math.max(1, n(0, 1)));
				break;
			case 'D':
				this.col = clampCol(this.col - Math.max(1, n(0, 1)));
				break;
			case 'E':
				this.row = clampRow(this.row + Math.max(1, n(0, 1)));
				this.col = 0;
				break;
			case 'F':
				this.row = clampRow(this.row - Math.max(1, n(0, 1)));
				this.col = 0;
				break;
			case 'G':
				this.col = clampCol(n(0, 1) - 1);
				break;
			case 'H':
			case 'f':
				this.row = clampRow(n(0, 1) - 1);
				this.col = clampCol(n(1, 1) - 1);
				break;
			case 'd':
				this.row = clampRow(n(0, 1) - 1);
				break;
			case 'J': {
				const mode = n(0, 0);
				if (mode === 2 || mode === 3) this.clears.push(`ESC[${mode}J`);
				if (mode === 0) {
					this.eraseRow(this.row, this.col, this.columns);
					for (let r = this.row + 1; r < this.height; r++) this.eraseRow(r, 0, this.columns);
				} else if (mode === 1) {
					for (let r = 0; r < this.row; r++) this.eraseRow(r, 0, this.columns);
					this.eraseRow(this.row, 0, this.col + 1);
				} else if (mode === 2) {
					for (let r = 0; r < this.height; r++) this.eraseRow(r, 0, this.columns);
				}
				break;
			}
			case 'K': {
				const mode = n(0, 0);
				if (mode === 0) this.eraseRow(this.row, this.col, this.columns);
				else if (mode === 1) this.eraseRow(this.row, 0, this.col + 1);
				else this.eraseRow(this.row, 0, this.columns);
				break;
			}
			case 'm':
				this.attributes = applySgr(this.attributes, body === '' ? [] : body.split(';'));
				break;
			default:
				// The rest change no characters.
				break;
		}
	}

	private eraseRow(row: number, from: number, to: number): void {
		const cells = this.rows[row]!;
		const attrs = this.attrs[row]!;
		// An erase fills with the background colour in force (xterm's "background colour erase").
		const erased = this.attributes.bg ? this.attributes.bg : '';
		for (let c = from; c < to; c++) {
			cells[c] = ' ';
			attrs[c] = erased;
		}
		this.dirty.add(row);
	}
}
