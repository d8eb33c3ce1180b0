import React from 'react';
import {Text} from 'ink';
import type {ScorecardView} from '../store/read-scorecard.js';
import type {StoreClient} from '../store/client.js';

// PLACEHOLDER: being written now; replaced before anything lands.
export function CaseloadView(_props: {data: ScorecardView; width: number; height: number; indicator?: string; client?: StoreClient; threshold?: number; revision?: number}) {
	return <Text>caseload</Text>;
}
