/**
 * The surgeries' own settings, from the environment (unset: the defaults). The SES rate that invitations
 * to a whole district go out at is the platform's EMAIL_SEND_RATE (core/config.ts).
 *
 *   SURGERY_BOOKINGS_PER_COUNCIL  upcoming bookings one council may hold in its district's programme (default 1)
 *   SURGERY_CONFIRM_HOURS         how long the council's clerk has to confirm a request made on the public page
 *                                 (default 48; never past the slot's start). Nothing is reserved meanwhile.
 */
import * as z from 'zod/mini';

const count = (fallback: string, max: number) =>
  z.prefault(z.pipe(z.pipe(z.string().check(z.regex(/^\d{1,4}$/)), z.transform(Number)), z.int().check(z.gte(1), z.lte(max))), fallback);

const schema = z.object({
  SURGERY_BOOKINGS_PER_COUNCIL: count('1', 20),
  SURGERY_CONFIRM_HOURS: count('48', 14 * 24),
});

let cached: { key: string; value: { bookingsPerCouncil: number; confirmHours: number } } | undefined;

export function surgerySettings() {
  const key = `${process.env['SURGERY_BOOKINGS_PER_COUNCIL'] ?? ''}|${process.env['SURGERY_CONFIRM_HOURS'] ?? ''}`;
  if (cached?.key !== key) {
    const e = z.parse(schema, process.env);
    cached = { key, value: { bookingsPerCouncil: e.SURGERY_BOOKINGS_PER_COUNCIL, confirmHours: e.SURGERY_CONFIRM_HOURS } };
  }
  return cached.value;
}
