// Derivations an indicators row may name in its `derive` column: figures computed from an
// extract rather than loaded (Ofsted Annex A's lists). The extract's loader adds its own here.
export const DERIVATIONS: readonly string[] = [
	'annex_a.assessments_45wd',
	'annex_a.seen_at_assessment',
	'annex_a.re_referrals_12m',
	'annex_a.cp_plans',
	'annex_a.children_in_care',
	'annex_a.children_in_care_excl_uasc',
];
