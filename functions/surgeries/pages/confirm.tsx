/**
 * /surgeries/confirm/{token}: the page a council's clerk reaches from the email asking them to confirm
 * a request made on the public page. It shows the request and, as things stand now, whether it can be
 * booked: if the slot asked for has gone, the clerk chooses another; if the council already has a
 * booking (this page speaks only to the council, so it may say when), it says so. Reached by a
 * personal link: never cached, indexed or sent as a referrer (routes: manage.tsx).
 */
import type { Refusal } from '../../core/refusal.js';
import { formatLondon, formatLondonFromNow } from '../../core/time.js';
import { Button, ErrorSummary, Panel, ProblemBanner, type Errors } from '../../core/ui/components.js';
import { hasErrors, type FormValues } from '../../core/ui/forms.js';
import { Layout } from '../../core/ui/layout.js';
import { PostForm } from '../../core/ui/post-form.js';
import type { Booking, Session, Slot } from '../model.js';
import { requestLapsed } from '../requests.js';
import { BookingSummary, SessionFacts, SlotChoice } from './parts.js';

interface Props {
  token: string;
  request: Booking;
  /** For a request still waiting: the session, its free slots, and why it cannot be booked as asked. */
  state?: { session?: Session; free: Slot[]; problem?: Refusal; slotGone: boolean };
  now: Date;
  values?: FormValues;
  errors?: Errors;
  problem?: string;
}

export function ConfirmRequestPage({ token, request, state, now, values, errors = {}, problem }: Props) {
  if (request.status === 'confirmed') {
    return (
      <Layout title="The surgery is booked" current="/surgeries">
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-two-thirds">
            <Panel title="The surgery is booked">
              {request.councilName}
              <br />
              <strong>{formatLondon(request.slotStartsAt)}</strong>
            </Panel>
            <BookingSummary booking={request} withEmail />
            <p class="govuk-body">We have emailed the confirmation and a calendar invite to {request.email}, with a link to change or cancel the booking.</p>
          </div>
        </div>
      </Layout>
    );
  }
  const blocked = state?.problem;
  const title = `Confirm a surgery booking for ${request.councilName}`;
  return (
    <Layout title={title} current="/surgeries" hasErrors={hasErrors(errors)}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <ProblemBanner title="Not booked" problem={problem ?? blocked?.message} />
          <h1 class="govuk-heading-xl">{title}</h1>
          <p class="govuk-body">Someone asked on our website for this surgery slot for {request.councilName}. Nothing is booked until you confirm it.</p>
          <BookingSummary booking={request} withEmail />
          {state?.session ? (
            <>
              <h2 class="govuk-heading-m">The surgery</h2>
              <SessionFacts session={state.session} />
            </>
          ) : null}
          {blocked ? null : (
            <PostForm action={`/surgeries/confirm/${token}`} values={values}>
              {state?.slotGone ? (
                <SlotChoice slots={state.free} error={errors['slotId']} legend={`The slot asked for, ${formatLondon(request.slotStartsAt)}, has been booked by another council. Choose another time`} />
              ) : null}
              <p class="govuk-body">Confirm by {formatLondonFromNow(request.confirmBy!, now)}. After that this link stops working and nothing is booked.</p>
              <Button>Confirm the booking</Button>
            </PostForm>
          )}
          <p class="govuk-body">If your council did not ask for this, you do not need to do anything: nothing has been booked.</p>
        </div>
      </div>
    </Layout>
  );
}

export function RequestLapsedPage({ request }: { request: Booking }) {
  return (
    <Layout title="The time to confirm has passed" current="/surgeries">
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-l">The time to confirm has passed</h1>
          <p class="govuk-body">{requestLapsed().message}</p>
          <p class="govuk-body">
            <a class="govuk-link" href={`/surgeries/sessions/${request.sessionId}`}>
              Ask for a slot again
            </a>
          </p>
        </div>
      </div>
    </Layout>
  );
}
