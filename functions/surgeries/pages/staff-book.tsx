/**
 * /staff/surgeries/sessions/{id}/book: staff book a slot for a council that phones. The same questions
 * as the council's own form (its council, the time, who is coming, topics, access needs), booked at once
 * under the same rules, and the person named is emailed the confirmation as if they had booked.
 */
import { councilAreaName } from '../../core/council-areas.js';
import { Button, ErrorSummary, ProblemBanner, Select, type Errors } from '../../core/ui/components.js';
import { hasErrors, type FormValues } from '../../core/ui/forms.js';
import { StaffPage } from '../../core/ui/pages.js';
import { PostForm } from '../../core/ui/post-form.js';
import type { Council, Session, Slot } from '../model.js';
import { BookingDetailsFields, sessionWhen, SlotChoice } from './parts.js';
import { CURRENT } from './staff-parts.js';

export function StaffBookPage(props: { session: Session; councils: Council[]; free: Slot[]; values?: FormValues; themes?: readonly string[]; errors?: Errors; problem?: string }) {
  const { session, councils, free, values = {}, themes = [], errors = {}, problem } = props;
  return (
    <StaffPage title="Book a slot for a council" current={CURRENT} back={`/staff/surgeries/sessions/${session.id}`} hasErrors={hasErrors(errors) || Boolean(problem)}>
      <ErrorSummary errors={errors} />
      <ProblemBanner title="Not booked" problem={problem} />
      <span class="govuk-caption-l">{session.venueName}, {sessionWhen(session)}</span>
      <h1 class="govuk-heading-l">Book a slot for a council</h1>
      <p class="govuk-body">
        For a council that phones or writes. It is booked at once, under the same rules as a council’s own booking, and the person coming is emailed the confirmation with a calendar invite and a link to change or cancel it.
      </p>
      {free.length === 0 ? (
        <p class="govuk-body">No slot at this surgery is free.</p>
      ) : (
        <PostForm action={`/staff/surgeries/sessions/${session.id}/book`} values={values}>
          <Select
            name="councilId"
            label="Council"
            hint={`Councils in ${councilAreaName(session.districtCode)}`}
            value={values['councilId'] ?? ''}
            error={errors['councilId']}
            options={[{ value: '', text: 'Choose the council' }, ...councils.map((c) => ({ value: c.id, text: c.name }))]}
          />
          <SlotChoice slots={free} value={values['slotId']} error={errors['slotId']} legend="Time" />
          <BookingDetailsFields values={values} themesChosen={themes} errors={errors} />
          <Button>Book and email the confirmation</Button>
        </PostForm>
      )}
    </StaffPage>
  );
}
