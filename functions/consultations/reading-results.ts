/**
 * Reading a consultation's results: every counter item (a fixed set of keys, store/counters.ts) into
 * tallies, then the statistics (results.ts). The cost is the same at any number of responses.
 *
 * Suppression solves one linear system per read (tens of milliseconds for the precept survey, a few
 * hundred for the largest the builder allows), so the last few results are kept in memory by what
 * they were made from: the same counts and settings give the same results, and published results,
 * whose counts no longer change, are worked out once per function instance.
 */
import { createHash } from 'node:crypto';
import type { Tallies } from './counting.js';
import type { Consultation } from './model.js';
import { buildResults, forPublic, type Results } from './results.js';
import { readTallies } from './store/counters.js';

const KEEP = 16;
const recent = new Map<string, Results>();

function keyOf(consultation: Consultation, tallies: Tallies, includeFlagged: boolean): string {
  const { id, definitionVersion, suppressionThreshold, weighting } = consultation;
  const counts = (['U', 'F'] as const).map((family) => [...tallies[family]].sort(([a], [b]) => (a < b ? -1 : 1)).map(([item, counters]) => [item, Object.entries(counters).sort()]));
  return createHash('sha256').update(JSON.stringify([id, definitionVersion, suppressionThreshold, weighting, includeFlagged, counts])).digest('base64url');
}

/** Everything, for staff: suppressed cells marked, not removed. */
export async function resultsOf(consultation: Consultation, options: { includeFlagged?: boolean } = {}): Promise<Results> {
  const includeFlagged = options.includeFlagged ?? true;
  const tallies = await readTallies(consultation.id);
  const key = keyOf(consultation, tallies, includeFlagged);
  const known = recent.get(key);
  if (known) return structuredClone(known);
  const results = buildResults(consultation, tallies, { includeFlagged });
  recent.set(key, results);
  if (recent.size > KEEP) recent.delete(recent.keys().next().value!);
  return structuredClone(results);
}

/** For anything that leaves staff view: suppressed numbers removed; flagged responses in or out as staff chose when publishing. */
export async function publicResultsOf(consultation: Consultation): Promise<Results> {
  return forPublic(await resultsOf(consultation, { includeFlagged: consultation.publishedWithFlagged ?? true }));
}
