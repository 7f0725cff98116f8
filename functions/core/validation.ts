/**
 * Validation shared by every capability, with zod/mini (the same checks as zod, a twentieth of the
 * bundle: functions start faster). People's text is normalised once here: Unicode NFC, trimmed, no
 * control characters (newlines only where a field is multi-line), and never just invisible characters.
 *
 * Import zod itself as `import * as z from 'zod/mini'` (a namespace import esbuild can tree-shake).
 *
 *   const schema = z.object({ name: text({ label: 'your name', max: 100 }), email: emailAddress() });
 *   const result = z.safeParse(schema, input); // result.error.issues → fieldErrors(...)
 */
import * as z from 'zod/mini';
import type { FieldError } from './refusal.js';

/** Any zod schema (full or mini): both share zod's core. */
export type Schema<T = unknown> = z.core.$ZodType<T>;

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** C0 and C1 controls except tab, line feed and carriage return; and bidirectional overrides. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
const LINE_BREAK = /[\r\n\t\u2028\u2029]/;
/** Characters that show nothing: format characters, spaces of every kind. */
const INVISIBLE = /[\p{Cf}\p{Z}\s]/gu;

export const isVisible = (value: string) => value.replace(INVISIBLE, '').length > 0;

/**
 * Text a person types. `label` completes "Enter ..." and starts the length message; `max` is in
 * characters. Optional text that is empty becomes undefined.
 */
export function text(options: { label: string; max: number; multiline?: boolean; message?: string }) {
  const { label, max, multiline } = options;
  return z.string({ error: options.message ?? `Enter ${label}` }).check(
    z.normalize('NFC'),
    z.trim(),
    z.refine((v) => !CONTROL.test(v) && (multiline || !LINE_BREAK.test(v)), {
      error: multiline ? `${capitalise(label)} must not contain control characters` : `${capitalise(label)} must be on one line, without control characters`,
      abort: true,
    }),
    z.refine((v) => v === '' || isVisible(v), { error: `${capitalise(label)} must contain letters or numbers, not only spaces or invisible characters`, abort: true }),
    z.maxLength(max, { error: `${capitalise(label)} must be ${max} characters or fewer` }),
  );
}

/** Text that must be given. */
export const requiredText = (options: { label: string; max: number; multiline?: boolean; message?: string }) =>
  text(options).check(z.minLength(1, { error: options.message ?? `Enter ${options.label}` }));

/** Text that may be left out or empty (then undefined). */
export const optionalText = (options: { label: string; max: number; multiline?: boolean }) =>
  z.optional(z.pipe(text(options), z.transform((v) => (v ? v : undefined))));

export const EMAIL_MAX = 254;

/** An email address, trimmed and lower-cased. */
export const emailAddress = (message = 'Enter your email address') =>
  z.string({ error: message }).check(
    z.trim(),
    z.toLowerCase(),
    z.minLength(1, { error: message }),
    z.maxLength(EMAIL_MAX, { error: `Email address must be ${EMAIL_MAX} characters or fewer` }),
    z.regex(z.regexes.email, { error: 'Enter an email address in the correct format, like name@example.com' }),
  );

/**
 * The years any date on the platform may fall in. A year like 9999 is a slip or a probe: refused with
 * a message, never computed with (a day after 9999-12-31 is not a date JavaScript can write).
 */
export const PLATFORM_YEARS = { first: 2000, last: 2100 } as const;

/** Whether a date, month or instant written `YYYY…` falls in PLATFORM_YEARS. */
export const inPlatformYears = (value: string) => {
  const year = /^\d{4}(?!\d)/.test(value) ? Number(value.slice(0, 4)) : NaN;
  return year >= PLATFORM_YEARS.first && year <= PLATFORM_YEARS.last;
};

const yearsMessage = (what: string) => `Give a ${what} between the years ${PLATFORM_YEARS.first} and ${PLATFORM_YEARS.last}`;

/** An instant with an offset, e.g. `2026-12-03T18:30:00Z` or `2026-12-03T18:30:00+00:00`, in the platform's years; stored in UTC. */
export const instant = (label: string) =>
  z.pipe(
    z.iso.datetime({ offset: true, error: `Enter ${label} as a date and time` }),
    z.pipe(
      z.transform((s: string) => new Date(s).toISOString()),
      z.string().check(z.refine(inPlatformYears, { error: `Enter ${label} as a date between the years ${PLATFORM_YEARS.first} and ${PLATFORM_YEARS.last}` })),
    ),
  );

/** A real calendar day, `YYYY-MM-DD`, in the platform's years: e.g. a query's `from` and `to`. */
export const isoDay = (message = 'Give a day like 2026-04-01') =>
  // A pipe, so a day that is not one gets that message alone.
  z.pipe(z.iso.date({ error: message }), z.string().check(z.refine(inPlatformYears, { error: yearsMessage('date') })));

/** A calendar month, `YYYY-MM`, in the platform's years. */
export const isoMonth = (message = 'Give a month like 2026-04') =>
  z.pipe(z.string({ error: message }).check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: message })), z.string().check(z.refine(inPlatformYears, { error: yearsMessage('month') })));

/** A whole number within bounds; `fromForm` also reads the digits an HTML form posts (JSON takes numbers only). */
export function wholeNumber(options: { label: string; min: number; max: number; fromForm?: boolean; minMessage?: string; maxMessage?: string }) {
  const { label, min, max } = options;
  const integer = z.int({ error: `Enter ${label} as a whole number` }).check(
    z.gte(min, { error: options.minMessage ?? `${capitalise(label)} must be at least ${min}` }),
    z.lte(max, { error: options.maxMessage ?? `${capitalise(label)} must be ${max} or fewer` }),
  );
  if (!options.fromForm) return integer;
  const digits = z.pipe(z.string().check(z.trim(), z.regex(/^-?\d{1,9}$/, { error: `Enter ${label} as a whole number` })), z.transform(Number));
  return z.pipe(z.union([z.number(), digits], { error: `Enter ${label} as a whole number` }), integer);
}

/** zod issues → field errors named by their dotted path (`answers.0.choice`), for the API's error shape. */
export function fieldErrors(issues: readonly z.core.$ZodIssue[], prefix?: string): FieldError[] {
  return issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    return { field: [prefix, path].filter(Boolean).join('.') || '(body)', message: issue.message };
  });
}
