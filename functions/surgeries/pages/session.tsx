/** /surgeries/sessions/{id}: a session's facts and its free slots, as a form that goes on to the request form. */
import { councilAreaName } from '../../core/council-areas.js';
import { BackLink, Button, ErrorSummary, NotificationBanner, type Errors } from '../../core/ui/components.js';
import { hasErrors, type FormValues } from '../../core/ui/forms.js';
import { Layout } from '../../core/ui/layout.js';
import { bookableSlots as freeNow, type Session, type Slot } from '../model.js';
import { SessionFacts, sessionWhen, SlotChoice } from './parts.js';

export function SessionPage({ session, slots, now, values = {}, errors = {} }: { session: Session; slots: Slot[]; now: Date; values?: FormValues; errors?: Errors }) {
  const free = freeNow(slots, now);
  return (
    <Layout title={`Surgery on ${sessionWhen(session)}`} current="/surgeries" hasErrors={hasErrors(errors)} beforeContent={<BackLink href={`/surgeries?district=${session.districtCode}`} />}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <span class="govuk-caption-l">Surgery for councils in {councilAreaName(session.districtCode)}</span>
          <h1 class="govuk-heading-xl">{sessionWhen(session)}</h1>
          <SessionFacts session={session} />
          {session.status === 'cancelled' ? (
            <NotificationBanner title="Cancelled">
              <p class="govuk-notification-banner__heading">This surgery has been cancelled.</p>
            </NotificationBanner>
          ) : free.length === 0 ? (
            <p class="govuk-body">All slots at this surgery are booked. <a class="govuk-link" href={`/surgeries?district=${session.districtCode}`}>See other surgeries in {councilAreaName(session.districtCode)}</a>.</p>
          ) : (
            <form method="get" action={`/surgeries/sessions/${session.id}/book`} novalidate>
              <SlotChoice slots={free} value={values['slotId']} error={errors['slotId']} legend="Choose a time for your council" />
              <Button>Continue</Button>
            </form>
          )}
        </div>
      </div>
    </Layout>
  );
}
