/**
 * /surgeries/manage/{token}: the link in a council's confirmation, reschedule and reminder emails, to
 * move the booking to another time or cancel it, without an account; and the choice of where a
 * booking may move, which staff use too. (Routes: manage.tsx.)
 */
import type { Child } from 'hono/jsx';
import { formatLondonDate } from '../../core/time.js';
import { Button, ErrorSummary, ProblemBanner, Radios, SuccessBanner, Tag, type Errors } from '../../core/ui/components.js';
import { hasErrors, type FormValues } from '../../core/ui/forms.js';
import { Layout } from '../../core/ui/layout.js';
import { PostForm } from '../../core/ui/post-form.js';
import * as z from 'zod/mini';
import { entityId, slotIdSchema, type Booking, type Session, type Slot } from '../model.js';
import { BookingSummary, SessionFacts, slotWhen } from './parts.js';

/** A place to move to, as one radio value: `<sessionId>|<slotId>`. */
export const placeValue = (p: { session: Pick<Session, 'id'>; slot: Pick<Slot, 'id'> }) => `${p.session.id}|${p.slot.id}`;
export const placeText = (p: { session: Session; slot: Slot }) => `${formatLondonDate(p.slot.startsAt)}, ${slotWhen(p.slot)}, ${p.session.venueName}`;

const placeSchema = z.object({ sessionId: entityId('session'), slotId: slotIdSchema, fromSlotId: z.optional(slotIdSchema) });

/** The posted choice of where to move, or the error to show beside the radios. */
export function readPlace(form: FormValues): { input: z.infer<typeof placeSchema>; errors?: undefined } | { input?: undefined; errors: Errors } {
  const [sessionId, slotId] = (form['place'] ?? '').split('|');
  if (!form['place']) return { errors: { place: 'Choose the new time' } };
  const parsed = z.safeParse(placeSchema, { sessionId, slotId, ...(form['fromSlotId'] ? { fromSlotId: form['fromSlotId'] } : {}) });
  return parsed.success ? { input: parsed.data } : { errors: { place: 'Choose a time from the list' } };
}

/** A refusal of a move, as the page shows it: beside the choice of time, or above the form. */
export const moveRefused = ({ errors, problem }: { errors: Errors; problem?: string }): { errors: Errors; problem?: string } =>
  Object.keys(errors).length ? { errors: { place: Object.values(errors)[0] } } : { errors, ...(problem ? { problem } : {}) };

export function MoveChoice({ places, error, legend }: { places: Array<{ session: Session; slot: Slot }>; error?: string; legend: string }) {
  return <Radios name="place" legend={legend} error={error} options={places.map((p) => ({ value: placeValue(p), text: placeText(p) }))} />;
}

export const changeable = (booking: Booking, now: Date) => booking.status === 'confirmed' && booking.slotStartsAt > now.toISOString();

export const BANNERS: Record<string, string> = { moved: 'Your booking has moved. We have emailed you the new time and an updated calendar invite.', cancelled: 'Your booking has been cancelled. We have emailed you to confirm.' };

export function ManagePage(props: { booking: Booking; session: Session; places: Array<{ session: Session; slot: Slot }>; token: string; now: Date; banner?: string; values?: FormValues; errors?: Errors; problem?: Child }) {
  const { booking, session, places, token, now, banner, values, errors = {}, problem } = props;
  return (
    <Layout title="Your surgery booking" current="/surgeries" hasErrors={hasErrors(errors)}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <SuccessBanner message={banner} />
          <ProblemBanner title="Your booking was not changed" problem={problem} />
          <span class="govuk-caption-l">{booking.councilName}</span>
          <h1 class="govuk-heading-xl">Your surgery booking</h1>
          {booking.status === 'cancelled' ? (
            <p class="govuk-body">
              <Tag colour="red">Cancelled</Tag>
            </p>
          ) : null}
          <BookingSummary booking={booking} />
          <h2 class="govuk-heading-m">The surgery</h2>
          <SessionFacts session={session} />
          {changeable(booking, now) ? (
            <>
              <h2 class="govuk-heading-m">Move to another time</h2>
              {places.length ? (
                <PostForm action={`/surgeries/manage/${token}/reschedule`} values={values}>
                  <input type="hidden" name="fromSlotId" value={booking.slotId} />
                  <MoveChoice places={places} error={errors['place']} legend="Choose the new time" />
                  <Button secondary>Move my booking</Button>
                </PostForm>
              ) : (
                <p class="govuk-body">There are no other free times in your district’s surgeries at the moment.</p>
              )}
              <h2 class="govuk-heading-m">If you can no longer come</h2>
              <p class="govuk-body">Cancel the booking so another council can have the slot.</p>
              <p class="govuk-body">
                <a class="govuk-button govuk-button--warning" href={`/surgeries/manage/${token}/cancel`} draggable="false">
                  Cancel my booking
                </a>
              </p>
            </>
          ) : booking.status === 'cancelled' ? (
            <p class="govuk-body">
              <a class="govuk-link" href={`/surgeries?district=${booking.districtCode}`}>Book another surgery</a>
            </p>
          ) : (
            <p class="govuk-body">This booking can no longer be changed online.</p>
          )}
        </div>
      </div>
    </Layout>
  );
}
