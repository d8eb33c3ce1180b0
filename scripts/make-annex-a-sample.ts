// `npm run samples` (after make-samples.ts): data/samples/annex-a/, a synthetic Annex A extract for
// 2016 and 2017 with its own teams, a catalogue of derived indicators and the team aliases.
import fs from 'node:fs';
import path from 'node:path';
import {dayOf} from '../source/domain/working-days.js';
import {makeExtract, SAMPLE_ALIASES, writeExtract} from './annex-a-data.js';

const DIR = path.resolve(import.meta.dirname, '../data/samples/annex-a');

const TEAMS = `code,name,population
EAST,East,10712
NWC,North West and Central,9843
SOUTH,South,9120
`;

const INDICATORS = `code,number,title,unit,polarity,target,amber,measure,definition,derive
FA45,1,Family assessments completed in 45 working days,percent,higher,85,5,monthly,"Assessments authorised in the month within 45 working days of their start (Annex A List 4)",annex_a.assessments_45wd
SEENASS,2,Children seen during the assessment,percent,higher,90,5,monthly,"Assessments authorised in the month where the child was seen (Annex A List 4)",annex_a.seen_at_assessment
REREF12,3,Re-referrals within 12 months,percent,lower,24,2,monthly,"Referrals in the month of a child referred in the 12 months before (Annex A List 3)",annex_a.re_referrals_12m
CPP10K,4,Children with a child protection plan per 10k,rate_per_10k,none,,,snapshot,"Plans open at month end per 10,000 children (Annex A List 7)",annex_a.cp_plans
CLA,5,Children in care,count,none,,,snapshot,"Looked after at month end (Annex A List 8)",annex_a.children_in_care
CLAUASC,6,Children in care (UASC excluded) per 10k,rate_per_10k,lower,55,5,snapshot,"Looked after at month end, unaccompanied asylum-seeking children left out, per 10,000 children (Annex A List 8)",annex_a.children_in_care_excl_uasc
`;

fs.mkdirSync(DIR, {recursive: true});
fs.writeFileSync(path.join(DIR, 'teams.csv'), TEAMS);
fs.writeFileSync(path.join(DIR, 'indicators.csv'), INDICATORS);
fs.writeFileSync(path.join(DIR, 'team_aliases.csv'), `alias,team\n${SAMPLE_ALIASES.map(({alias, team}) => `${alias},${team}`).join('\n')}\n`);
await writeExtract(path.join(DIR, 'annex-a.xlsx'), makeExtract({children: 900, from: dayOf(2016, 1, 1), to: dayOf(2017, 12, 31), seed: 2017}));
