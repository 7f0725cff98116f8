/** The person search's forms, read with zod at the edge: an address, perhaps a name, and corrections. */
import * as z from 'zod/mini';
import { emailAddress, optionalText } from '../core/validation.js';
import { issuesToErrors, type FormValues } from '../core/ui/forms.js';
import type { Errors } from '../core/ui/components.js';

const NAME_MAX = 200;

export const personSearch = z.object({
  email: emailAddress('Enter the email address to search for'),
  name: optionalText({ label: 'the name', max: NAME_MAX }),
});
export type PersonSearch = z.infer<typeof personSearch>;

export const personCorrection = z.object({
  email: emailAddress('Enter the email address to search for'),
  name: optionalText({ label: 'the name', max: NAME_MAX }),
  newEmail: z.optional(z.union([z.pipe(z.literal(''), z.transform(() => undefined)), emailAddress('Enter the correct email address')], { error: 'Enter an email address in the correct format, like name@example.com' })),
  newName: optionalText({ label: 'the correct name', max: NAME_MAX }),
});
export type PersonCorrection = z.infer<typeof personCorrection>;

export function readForm<T>(schema: z.ZodMiniType<T>, values: FormValues): { input: T; errors?: undefined } | { input?: undefined; errors: Errors } {
  const result = z.safeParse(schema, values);
  return result.success ? { input: result.data } : { errors: issuesToErrors(result.error.issues) };
}

/** A correction that changes nothing is no correction. */
export function readCorrection(values: FormValues) {
  const read = readForm(personCorrection, values);
  if (read.input && !read.input.newEmail && !read.input.newName) return { errors: { newEmail: 'Enter the correct email address, the correct name, or both' } as Errors };
  return read;
}
