/** The reports' forms read into their domain's input with zod (each bad field named), from the posted text. */
import * as z from 'zod/mini';
import type { Posted, Read } from '../core/http/form-route.js';
import { issuesToErrors } from '../core/ui/forms.js';
import { requiredText } from '../core/validation.js';
import { engagementInput, invitationInput, type EngagementInput, type InvitationInput } from './model.js';
import { fieldOf } from './pages/report.js';
import type { Correction } from './reporting.js';

const trimmed = (s: string | undefined) => s?.trim() ?? '';
/** A number typed into a form: empty is missing, anything else must read as a number (NaN is refused by zod). */
const number = (s: string | undefined) => (trimmed(s) ? Number(trimmed(s).replace(/,/g, '')) : undefined);
const read = <T,>(schema: z.ZodMiniType<T>, value: unknown): Read<T> => {
  const parsed = z.safeParse(schema, value);
  return parsed.success ? { input: parsed.data } : { errors: issuesToErrors(parsed.error.issues) };
};

export const readInvitation = ({ values }: Posted): Read<InvitationInput> =>
  read(invitationInput, {
    receivedOn: trimmed(values['receivedOn']),
    from: values['from'] ?? '',
    event: values['event'] ?? '',
    accepted: values['accepted'] === 'yes' ? true : values['accepted'] === 'no' ? false : undefined,
    reason: values['reason'] ?? '',
  });

export const readEngagement = ({ values, chosen }: Posted): Read<EngagementInput> =>
  read(engagementInput, {
    on: trimmed(values['on']),
    attendedFor: values['attendedFor'] ?? '',
    kind: values['kind'] ?? '',
    what: values['what'] ?? '',
    peopleMet: number(values['peopleMet']),
    hours: number(values['hours']),
    themes: chosen('themes'),
    ...(trimmed(values['areaCode']) ? { areaCode: trimmed(values['areaCode']) } : {}),
  });

const commentaryText = requiredText({ label: 'the commentary', max: 3000, multiline: true });

export function readCommentary({ values }: Posted): Read<{ figureKey: string; text: string; seenVersion: number }> {
  const figureKey = trimmed(values['figure']);
  const field = fieldOf(figureKey);
  const text = z.safeParse(commentaryText, values[field] ?? '');
  if (!text.success) return { errors: { [field]: text.error.issues[0]?.message ?? 'Enter the commentary' } };
  return { input: { figureKey, text: text.data, seenVersion: Number(values['version']) || 0 } };
}

const correction = z.object({
  figureKey: z.string().check(z.minLength(1, { error: 'Choose the figure to correct' })),
  value: z.nullable(z.number({ error: 'Enter the corrected figure as a number, like 12 or 52.5' }).check(z.minimum(0, { error: 'The figure cannot be below 0' }))),
  commentary: z.optional(requiredText({ label: 'the corrected commentary', max: 3000, multiline: true })),
  reason: requiredText({ label: 'why it is corrected', max: 1000, multiline: true }),
  seenVersion: z.number().check(z.int()),
});

/** Field names on the page for the schema's paths. */
const FIELDS: Record<string, string> = { figureKey: 'figure', value: 'value', commentary: 'correctedCommentary', reason: 'reason' };

export function readCorrection({ values }: Posted): Read<Correction> {
  const commentary = trimmed(values['correctedCommentary']);
  const parsed = z.safeParse(correction, {
    figureKey: trimmed(values['figure']),
    value: trimmed(values['value']) ? number(values['value']) : null,
    ...(commentary ? { commentary: values['correctedCommentary'] } : {}),
    reason: values['reason'] ?? '',
    seenVersion: Number(values['version']) || 0,
  });
  if (parsed.success) return { input: parsed.data as Correction };
  return { errors: Object.fromEntries(parsed.error.issues.map((i) => [FIELDS[String(i.path[0])] ?? String(i.path[0]), i.message])) };
}
