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
      </ul>
    </StaffPage>
  );
}
