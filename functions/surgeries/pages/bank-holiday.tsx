/**
 * A warning, never a refusal, when a session falls on a bank holiday in England (core/bank-holidays.ts,
 * the list shipped with the code): clerks and venues are often closed, and the Deputy may be away. It is
 * said on the session form, the session's page and the programme; a day after the list ends says so.
 */
import { BANK_HOLIDAYS_KNOWN_UNTIL, bankHolidayOn } from '../../core/bank-holidays.js';
import { formatLondonDate, localLondonToUtcIso } from '../../core/time.js';
import { Tag } from '../../core/ui/components.js';

const dayName = (day: string) => formatLondonDate(localLondonToUtcIso(day, '12:00')!);

/** What to say about a London day (`YYYY-MM-DD`), or nothing when it is a working day as far as we know. */
export function bankHolidayNote(day: string): string | undefined {
  const holiday = bankHolidayOn(day);
  if (holiday) return `${dayName(day)} is a bank holiday in England (${holiday.title}${holiday.status === 'expected' ? ', expected' : ''}). Councils’ clerks and venues may be closed: check before you publish or invite.`;
  if (day > BANK_HOLIDAYS_KNOWN_UNTIL) return `We cannot tell whether ${dayName(day)} is a bank holiday: our list of bank holidays ends in ${BANK_HOLIDAYS_KNOWN_UNTIL.slice(0, 4)}.`;
  return undefined;
}

export function BankHolidayWarning({ day }: { day: string | undefined }) {
  const note = day && localLondonToUtcIso(day, '12:00') ? bankHolidayNote(day) : undefined;
  return note ? (
    <div class="govuk-warning-text">
      <span class="govuk-warning-text__icon" aria-hidden="true">
        !
      </span>
      <strong class="govuk-warning-text__text">
        <span class="govuk-visually-hidden">Warning</span>
        {note}
      </strong>
    </div>
  ) : null;
}

/** For a list of sessions: a tag on a bank holiday, with its name. */
export function BankHolidayTag({ day }: { day: string }) {
  const holiday = bankHolidayOn(day);
  return holiday ? (
    <>
      {' '}
      <Tag colour="orange">Bank holiday: {holiday.title}</Tag>
    </>
  ) : null;
}
