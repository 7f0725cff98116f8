/**
 * What a resident sees after sending the registration form, whether the address was new or already
 * registered: the same page either way, so nobody can use the form to find out who has registered.
 * The reference and whether they have a place or are on the waiting list go only to the address.
 */
import { Panel, SummaryList } from '../../core/ui/components.js';
import { Layout } from '../../core/ui/layout.js';
import type { Meeting } from '../model.js';
import { meetingRows } from './meeting-details.js';

export function CheckYourEmailPage({ meeting, email }: { meeting: Meeting; email: string }) {
  return (
    <Layout title="Check your email" current="/meetings">
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <Panel title="Check your email">
            We have sent the details of your registration to
            <br />
            <strong>{email}</strong>
          </Panel>
          <h2 class="govuk-heading-m">What happens next</h2>
          <p class="govuk-body">
            The email tells you whether you have a place or are on the waiting list, and gives your reference. If you have a place, it
            has a calendar invite.
          </p>
          <p class="govuk-body">It also has a link to change or cancel your registration. If you can no longer come, please cancel so someone else can have your place.</p>
          <p class="govuk-body">If the email has not arrived within a few minutes, check your spam or junk folder.</p>
          <h2 class="govuk-heading-m">The meeting</h2>
          <SummaryList
            rows={[
              { key: 'Meeting', value: <a class="govuk-link" href={`/meetings/${meeting.id}`}>{meeting.title}</a> },
              ...meetingRows(meeting).filter((r) => r.key === 'When' || r.key === 'Where'),
            ]}
          />
          <p class="govuk-body">
            <a class="govuk-link" href="/meetings">Find other public meetings</a>
          </p>
        </div>
      </div>
    </Layout>
  );
}
