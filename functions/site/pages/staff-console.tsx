/** The staff console's home: who is signed in, and a way into each capability (from its manifest). */
import { staffConsoleEntries } from '../../core/platform.js';
import { StaffPage } from '../../core/ui/pages.js';

export function StaffConsolePage({ signedInAs }: { signedInAs: string }) {
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
      </ul>
    </StaffPage>
  );
}
