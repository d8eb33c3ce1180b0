import {DERIVATIONS as ANNEX_A} from '../domain/annex-a.js';

// Derivations an indicators row may name in its `derive` column: figures computed from an
// extract rather than loaded. Ofsted Annex A's are defined with their computation in the domain.
export const DERIVATION_NAMES: readonly string[] = ANNEX_A;
