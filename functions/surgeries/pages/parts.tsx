/**
 * What surgeries pages share: a session's facts, slot choices, the "who is coming" form (the same from
 * an invitation and the public page), tags, the page for a link that is not valid, and how a form shown
 * again says what went wrong. Every value is escaped by Hono's JSX.
 */
import { LinkNotValidPage } from '../../core/ui/error-pages.js';
import { councilAreaName } from '../../core/council-areas.js';
import type { Shown } from '../../core/http/form-route.js';
import { themeLabel, themes } from '../../core/themes.js';
import { formatLondon, formatLondonDate, formatLondonTime } from '../../core/time.js';
import { Checkboxes } from '../../core/ui/checkboxes.js';
import { EmailInput, Radios, SummaryList, Tag, Textarea, TextInput, type Errors } from '../../core/ui/components.js';
import { inFieldOrder, issuesToErrors, refusalOnPage, type FormValues } from '../../core/ui/forms.js';
import * as z from 'zod/mini';
import { attendeeRoles, LIMITS, labelOf, sessionStatuses, venueKinds, type Booking, type Session, type SessionStatus, type Slot } from '../model.js';

/** "Thursday 3 December 2026, 9am to 5pm". */
export const sessionWhen = (s: Pick<Session, 'startsAt' | 'endsAt'>) => `${formatLondonDate(s.startsAt)}, ${formatLondonTime(s.startsAt)} to ${formatLondonTime(s.endsAt)}`;
export const slotWhen = (s: Pick<Slot, 'startsAt' | 'endsAt'>) => `${formatLondonTime(s.startsAt)} to ${formatLondonTime(s.endsAt)}`;

export function sessionRows(session: Session) {
  return [
    { key: 'District', value: councilAreaName(session.districtCode) },
    { key: 'When', value: sessionWhen(session) },
    { key: 'Where', value: `${session.venueName}, ${session.venueAddress}` },
    { key: 'Venue', value: `${labelOf(venueKinds, session.venueKind)}${session.venueKind === 'online' ? '' : session.stepFree ? ', step-free access' : ', not step-free'}` },
    { key: 'With', value: `The ${session.host}` },
    { key: 'Slots', value: `${session.slotMinutes} minutes each` },
    ...(session.accessInformation ? [{ key: 'Access', value: session.accessInformation }] : []),
  ];
}

export const SessionFacts = ({ session }: { session: Session }) => <SummaryList rows={sessionRows(session)} />;

const STATUS_COLOURS: Record<SessionStatus, 'grey' | 'green' | 'red'> = { draft: 'grey', published: 'green', cancelled: 'red' };
export const SessionStatusTag = ({ status }: { status: SessionStatus }) => <Tag colour={STATUS_COLOURS[status]}>{labelOf(sessionStatuses, status)}</Tag>;

/** Free slots to choose from, as radios named `slotId`. */
export function SlotChoice({ slots, value, error, legend = 'Choose a time' }: { slots: Slot[]; value?: string; error?: string; legend?: string }) {
  return <Radios name="slotId" legend={legend} value={value} error={error} options={slots.map((s) => ({ value: s.id, text: slotWhen(s) }))} />;
}

/** The order the details' fields appear in (the error summary lists them so). */
export const DETAILS_FIELDS = ['slotId', 'councilId', 'attendeeName', 'attendeeRole', 'email', 'themes', 'otherTopics', 'accessNeeds'] as const;

/** Who is coming, how to reach them, what they want to raise, and what they need. */
export function BookingDetailsFields({ values, themesChosen, errors }: { values: FormValues; themesChosen: readonly string[]; errors: Errors }) {
  return (
    <>
      <TextInput name="attendeeName" label="Name of the person coming" autocomplete="name" spellcheck={false} value={values['attendeeName']} error={errors['attendeeName']} />
      <Radios name="attendeeRole" legend="Their role on the council" value={values['attendeeRole']} error={errors['attendeeRole']} options={attendeeRoles.map((r) => ({ value: r.id, text: r.label }))} />
      <EmailInput
        label="Email address for the confirmation"
        hint="We’ll send the confirmation, a calendar invite and a link to change or cancel the booking to this address."
        values={values}
        errors={errors}
      />
      <Checkboxes
        name="themes"
        legend="Topics you want to raise"
        hint="Choose all that apply, or describe them below."
        small
        error={errors['themes']}
        items={themes.map((t) => ({ value: t.id, text: t.label }))}
        checked={themesChosen}
      />
      <Textarea name="otherTopics" label="Anything else you want to raise (optional)" hint={`You can enter up to ${LIMITS.otherTopics} characters.`} rows={3} value={values['otherTopics']} error={errors['otherTopics']} />
      <Textarea
        name="accessNeeds"
        label="Access needs (optional)"
        hint={`Tell us if the person coming needs anything, for example step-free access or a hearing loop. You can enter up to ${LIMITS.accessNeeds} characters.`}
        rows={3}
        value={values['accessNeeds']}
        error={errors['accessNeeds']}
      />
      <p class="govuk-body">
        Read our{' '}
        <a class="govuk-link" href="/privacy" target="_blank" rel="noreferrer noopener">
          privacy notice (opens in new tab)
        </a>{' '}
        to find out how we use this information.
      </p>
    </>
  );
}

/** The posted form and its chosen topics. */
export interface PostedDetails {
  values: FormValues;
  themes: readonly string[];
}

/** Validates the posted details (and any other fields the page adds to the schema). */
export function parseDetails<S extends z.ZodMiniType>(schema: S, posted: PostedDetails, extra: Record<string, unknown> = {}): { input?: z.infer<S>; errors: Errors } {
  const v = posted.values;
  const parsed = z.safeParse(schema, {
    attendeeName: v['attendeeName'] ?? '',
    attendeeRole: v['attendeeRole'] ?? '',
    email: v['email'] ?? '',
    themes: posted.themes.filter(Boolean),
    otherTopics: v['otherTopics'],
    accessNeeds: v['accessNeeds'],
    ...extra,
  });
  if (parsed.success) return { input: parsed.data, errors: {} };
  const errors = issuesToErrors(parsed.error.issues);
  if (errors['attendeeRole']) errors['attendeeRole'] = 'Choose the role of the person coming';
  return { errors: inFieldOrder(errors, DETAILS_FIELDS) };
}

/** What a form shown again says went wrong: its own errors, or a refusal beside its fields or above the form. */
export const shownAgain = (shown: Pick<Shown<unknown>, 'errors' | 'refusal'>): { errors: Errors; problem?: string } =>
  shown.refusal ? { errors: {}, ...refusalOnPage(shown.refusal) } : { errors: shown.errors ?? {} };

export function InvalidLinkPage() {
  return (
    <LinkNotValidPage>
      <p class="govuk-body">Check you copied the whole link from your email.</p>
      <p class="govuk-body">
        Links stop working once the surgery has started, and a link to confirm a request stops working after a few days. To ask for a slot,{' '}
        <a class="govuk-link" href="/surgeries">find a surgery in your district</a>.
      </p>
    </LinkNotValidPage>
  );
}

export const COUNCIL_LIST_ATTRIBUTION =
  'The list of councils is based on civil parishes from the Office for National Statistics, licensed under the Open Government Licence v.3.0. Contains OS data © Crown copyright and database right 2019.';

export const Attribution = () => <p class="govuk-body-s">{COUNCIL_LIST_ATTRIBUTION}</p>;

/** A booking's (or request's) details; `withEmail` adds where the confirmation goes, for the clerk checking a request. */
export function BookingSummary({ booking, withEmail }: { booking: Booking; withEmail?: boolean }) {
  return (
    <SummaryList
      rows={[
        { key: 'Council', value: booking.councilName },
        { key: 'When', value: `${formatLondon(booking.slotStartsAt)} to ${formatLondonTime(booking.slotEndsAt)}` },
        { key: 'Who is coming', value: `${booking.attendeeName} (${labelOf(attendeeRoles, booking.attendeeRole).toLowerCase()})` },
        ...(withEmail ? [{ key: 'Confirmation to', value: booking.email }] : []),
        { key: 'Topics', value: [...booking.themes.map(themeLabel), ...(booking.otherTopics ? [booking.otherTopics] : [])].join('; ') || 'None given' },
        ...(booking.accessNeeds ? [{ key: 'Access needs', value: booking.accessNeeds }] : []),
      ]}
    />
  );
}

