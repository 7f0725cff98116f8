/**
 * Asking for a slot from the public page: the form (your council, who is coming, what you want to
 * raise) and the answer once it is sent, which is the same whatever the council's bookings: it shows
 * only what the person sent, and says nothing is booked until the clerk confirms.
 */
import type { Child } from 'hono/jsx';
import { councilAreaName } from '../../core/council-areas.js';
import { formatLondon, formatLondonTime } from '../../core/time.js';
import { BackLink, Button, ErrorSummary, ProblemBanner, Select, SummaryList, type Errors } from '../../core/ui/components.js';
import { hasErrors, type FormValues } from '../../core/ui/forms.js';
import { Layout } from '../../core/ui/layout.js';
import { PostForm } from '../../core/ui/post-form.js';
import type { Booking, Council, Session, Slot } from '../model.js';
import { Attribution, BookingDetailsFields, sessionWhen, slotWhen } from './parts.js';

export function BookPage(props: { session: Session; slot: Slot; councils: Council[]; values: FormValues; themes: readonly string[]; errors?: Errors; problem?: Child }) {
  const { session, slot, councils, values, errors = {}, problem } = props;
  return (
    <Layout title={`Ask for the slot at ${formatLondonTime(slot.startsAt)}`} current="/surgeries" hasErrors={hasErrors(errors)} beforeContent={<BackLink href={`/surgeries/sessions/${session.id}`} />}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <ProblemBanner title="Not sent" problem={problem} />
          <span class="govuk-caption-l">{sessionWhen(session)}</span>
          <h1 class="govuk-heading-xl">Ask for the slot at {formatLondonTime(slot.startsAt)}</h1>
          <SummaryList
            rows={[
              { key: 'Time', value: <>{slotWhen(slot)} <a class="govuk-link" href={`/surgeries/sessions/${session.id}`}>Change<span class="govuk-visually-hidden"> time</span></a></> },
              { key: 'Where', value: `${session.venueName}, ${session.venueAddress}` },
            ]}
          />
          <PostForm action={`/surgeries/sessions/${session.id}/book`} values={values}>
            <input type="hidden" name="slotId" value={slot.id} />
            <Select
              name="councilId"
              label="Your council"
              hint={`Councils in ${councilAreaName(session.districtCode)}. If yours is not listed, contact us.`}
              value={values['councilId'] ?? ''}
              error={errors['councilId']}
              options={[{ value: '', text: 'Choose your council' }, ...councils.map((c) => ({ value: c.id, text: c.name }))]}
            />
            <BookingDetailsFields values={values} themesChosen={props.themes} errors={errors} />
            <h2 class="govuk-heading-m">Your council’s clerk confirms the booking</h2>
            <p class="govuk-body">We’ll email your council’s clerk a link to confirm the booking, at the address we have for the council (not the address above). Nothing is booked until the clerk confirms it.</p>
            <Button>Ask for this slot</Button>
          </PostForm>
          <Attribution />
        </div>
      </div>
    </Layout>
  );
}

/** The answer to every request sent on: the same whatever the council's bookings (it shows only what the person typed). */
export function RequestSentPage({ request }: { request: Pick<Booking, 'councilName' | 'slotStartsAt' | 'email'> }) {
  return (
    <Layout title="We have asked your council’s clerk to confirm" current="/surgeries">
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-xl">We have asked your council’s clerk to confirm</h1>
          <p class="govuk-body-l">
            We have emailed the clerk of {request.councilName}, at the address we have for the council, a link to confirm a booking on {formatLondon(request.slotStartsAt)}.
          </p>
          <p class="govuk-body">Nothing is booked until the clerk confirms it. The slot is not kept meanwhile: if another council books it first, the clerk can choose another time.</p>
          <p class="govuk-body">Once the clerk confirms, we will email the confirmation and a calendar invite to {request.email}.</p>
          <p class="govuk-body">If you are not the clerk, let them know the email is on its way. If it does not arrive, they should check their spam folder, or contact us: we may have an old address for the council.</p>
        </div>
      </div>
    </Layout>
  );
}
