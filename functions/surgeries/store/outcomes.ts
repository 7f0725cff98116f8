/**
 * What happened at a surgery, saved with everything it counts: the booking's outcome (against the
 * outcome version staff saw), the themes for its day and district, whether its council was seen, the
 * attendance counters and the actions arising, in one transaction.
 */
import type { Action } from '../../core/actions/model.js';
import { actionWrites } from '../../core/actions/store.js';
import { transactWrite, type NamedWrite } from '../../core/store/transactions.js';
import { update } from '../../core/store/writes.js';
import { countsChange, figureWrites } from '../../core/period-figures.js';
import { ledgerSeen } from '../../core/period-ledgers.js';
import { COUNCILS_LEDGER, outcomeCounts } from '../figures.js';
import type { Attendance, Outcome } from '../model.js';
import { toBooking, type StoredBooking } from './bookings.js';
import { counterChange, themeDayChange } from './figures.js';
import { bookingKey, councilKey } from './keys.js';

export type OutcomeSaveOutcome = { ok: true } | { ok: false; current?: StoredBooking };

/**
 * Records what happened at the surgery, against the outcome version staff saw: the booking's outcome,
 * the themes counted for its day and district (old ones taken off), whether the council was seen, the
 * attendance counters, and the actions arising, all in one transaction.
 */
export async function saveOutcome(
  seen: StoredBooking,
  outcome: Outcome,
  day: string,
  actions: readonly Action[],
): Promise<OutcomeSaveOutcome> {
  const before = seen.outcome;
  const deltas = new Map<string, number>();
  const bump = (name: string, by: number) => deltas.set(name, (deltas.get(name) ?? 0) + by);
  // Only a council that came raised themes: those are what the district's figures count.
  const counted = (o: Outcome | undefined) => (o?.attendance === 'attended' ? o.themes : []);
  for (const t of counted(before)) bump(`theme:${t}`, -1);
  for (const t of counted(outcome)) bump(`theme:${t}`, 1);
  const attendanceName = (a: Attendance) => (a === 'attended' ? 'attended' : 'noShow');
  if (before) bump(attendanceName(before.attendance), -1);
  bump(attendanceName(outcome.attendance), 1);
  const changed = [...deltas].filter(([, n]) => n !== 0);
  const attendanceChanges = Object.fromEntries(changed.filter(([k]) => !k.startsWith('theme:')));
  const parts: NamedWrite[] = [
    {
      name: 'booking',
      write: update(
        bookingKey(seen.id),
        `SET outcome = :outcome, outcomeVersion = :next${actions.length ? ', actionIds = list_append(if_not_exists(actionIds, :none), :actions)' : ''}`,
        {
          names: { '#status': 'status' },
          values: {
            ':outcome': outcome,
            ':next': seen.outcomeVersion + 1,
            ':confirmed': 'confirmed',
            ...(seen.outcomeVersion === 0 ? { ':zero': 0 } : { ':seen': seen.outcomeVersion }),
            ...(actions.length ? { ':none': [], ':actions': actions.map((a) => a.id) } : {}),
          },
          condition: `#status = :confirmed AND ${seen.outcomeVersion === 0 ? '(attribute_not_exists(outcomeVersion) OR outcomeVersion = :zero)' : 'outcomeVersion = :seen'}`,
          returnOld: true,
        },
      ),
    },
    {
      name: 'council',
      write:
        outcome.attendance === 'attended'
          ? update(councilKey(seen.councilId), 'SET seen.#b = :at', { names: { '#b': seen.id }, values: { ':at': seen.slotStartsAt }, condition: 'attribute_exists(pk)' })
          : update(councilKey(seen.councilId), 'REMOVE seen.#b', { names: { '#b': seen.id }, condition: 'attribute_exists(pk)' }),
    },
    ...(changed.length ? [themeDayChange(day, seen.districtCode, changed)] : []),
    ...(Object.keys(attendanceChanges).length ? [counterChange(seen.districtCode, attendanceChanges)] : []),
    ...figureWrites('surgeries', countsChange(outcomeCounts(before, seen), outcomeCounts(outcome, seen))),
    // The councils seen in the last 12 months, for the office's reports: the day it came (or not, corrected).
    ledgerSeen('surgeries', COUNCILS_LEDGER, seen.councilId, day, outcome.attendance === 'attended'),
    ...actionWrites(actions),
  ];
  const result = await transactWrite(parts);
  if (result.ok) return result;
  const old = result.failed.get('booking');
  return { ok: false, ...(old ? { current: toBooking(old) } : {}) };
}
