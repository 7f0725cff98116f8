/**
 * Reading a consultation's results: every counter item (a fixed set of keys, store/counters.ts) into
 * tallies, then the statistics (results.ts). The cost is the same at any number of responses.
 */
import type { Consultation } from './model.js';
import { buildResults, forPublic, type Results } from './results.js';
import { readTallies } from './store/counters.js';

/** Everything, for staff: suppressed cells marked, not removed. */
export async function resultsOf(consultation: Consultation, options: { includeFlagged?: boolean } = {}): Promise<Results> {
  return buildResults(consultation, await readTallies(consultation.id), { includeFlagged: options.includeFlagged ?? true });
}

/** For anything that leaves staff view: suppressed numbers removed; flagged responses in or out as staff chose when publishing. */
export async function publicResultsOf(consultation: Consultation): Promise<Results> {
  return forPublic(await resultsOf(consultation, { includeFlagged: consultation.publishedWithFlagged ?? true }));
}
