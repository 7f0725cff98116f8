/** The staff console's home: who is signed in, and a way into each capability (from its manifest). */
import { staffConsoleEntries } from '../../core/platform.js';
import { StaffPage } from '../../core/ui/pages.js';

export function StaffConsolePage({ signedInAs, admin }: { signedInAs: string; admin: boolean }) {
  return (
    <StaffPage title="Staff console" current="/staff">
      <h1 class="govuk-heading-xl">Staff console</h1>
      <p class="govuk-body">Signed in as {signedInAs}.</p>
      <ul class="govuk-list govuk-list--spaced">
        {staffConsoleEntries().map((entry) => (
          <li>
            <a class="govuk-link govuk-!-font-weight-bold" href={entry.href}>
              {entry.text}
            </a>
            <br />
            {entry.description}
          </li>
        ))}
        <li>
          <a class="govuk-link govuk-!-font-weight-bold" href="/staff/email">
            Email bounces and complaints
          </a>
          <br />
          Email sent each week, and how much bounced or was reported as spam.
        </li>
        <li>
          <a class="govuk-link govuk-!-font-weight-bold" href="/staff/calendar-feeds">
            Diary feeds
          </a>
          <br />
          The Commissioner’s and the Deputy’s meetings, surgeries and community days as a calendar subscription.
        </li>
        <li>
          <a class="govuk-link govuk-!-font-weight-bold" href="/staff/people">
            Find a person’s data
          </a>
          <br />
          Every record that holds someone’s email address, in every service, for a subject access request{admin ? ', a correction or an erasure' : ''}.
        </li>
        {admin ? (
          <li>
            <a class="govuk-link govuk-!-font-weight-bold" href="/staff/access-record">
              Access record
            </a>
            <br />
            Who looked at, exported or erased personal data, and when.
          </li>
        ) : null}
      </ul>
    </StaffPage>
  );
}
