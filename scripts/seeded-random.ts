// The one seeded generator (mulberry32: small, the same sequence everywhere, no Math.random): the
// sample data, the Annex A sample, the benchmark's big store and the tests' random series all use
// it, so every run makes the same figures.

export type Random = () => number;

/** A stream of numbers in [0, 1) from a 32-bit seed. */
export function seededRandom(seed: number): Random {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** One stream per name (FNV-1a of the name), so retuning one stream does not reshuffle the others. */
export function randomFor(name: string): Random {
	let h = 2166136261;
	for (const ch of name) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
	return seededRandom(h);
}
