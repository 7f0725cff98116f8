/** The subscribe form's fields, validated with zod/mini: an email address and everywhere or one council area. */
import * as z from 'zod/mini';
import { councilAreaCodes } from '../core/council-areas.js';
import { issuesToErrors, type FormValues } from '../core/ui/forms.js';
import type { Errors } from '../core/ui/components.js';
import { emailAddress } from '../core/validation.js';
import { EVERYWHERE, type Area } from './store/subscribers.js';

export interface SubscribeInput {
  email: string;
  area: Area;
}

export const subscribeForm = z.object({
  email: emailAddress(),
  area: z.enum([EVERYWHERE, ...councilAreaCodes], { error: 'Choose everywhere or one council area' }),
});

export function readSubscribeForm(form: FormValues): { input: SubscribeInput; errors?: undefined } | { input?: undefined; errors: Errors } {
  const parsed = z.safeParse(subscribeForm, { email: form['email'] ?? '', area: form['area'] ?? '' });
  return parsed.success ? { input: parsed.data } : { errors: issuesToErrors(parsed.error.issues) };
}
