/** What a visit counts towards the office's reports (./figure-declarations.ts), in its quarter. */
import { engagementCounts, type DatedCounts } from '../core/period-figures.js';
import { minutesOf, peopleMet, type Visit } from './model.js';

export function visitCounts(visit: Visit | undefined): DatedCounts | undefined {
  if (!visit || visit.deletedAt) return undefined;
  const counts: Record<string, number> = {
    days: 1,
    ...engagementCounts(visit.attendedFor ?? 'commissioner', minutesOf(visit) / 60),
    [`areas|${visit.areaCode}`]: 1,
    groups: visit.met.reduce((n, m) => n + (m.organisations?.length ?? 0), 0),
    people: peopleMet(visit),
  };
  for (const theme of visit.themes) counts[`themes|${theme}`] = 1;
  return { at: visit.startsAt, counts };
}
