/** The site's app: the pages every capability links to, and staff sign-in. */
import { ApiRoutes } from '../core/http/api.js';
import { createApp } from '../core/http/app.js';
import { requireRole } from '../core/http/auth.js';
import { staffConsoleEntries } from '../core/platform.js';
import { StaffPage } from '../core/ui/pages.js';
import { AccessibilityStatementPage } from './accessibility-statement.js';
import { HomePage } from './home-page.js';
import { PrivacyNoticePage } from './privacy-notice.js';
import { signInRoutes } from './sign-in.js';

export const app = createApp();
const routes = new ApiRoutes(app);

app.get('/', (c) => c.html(<HomePage />));
app.get('/privacy', (c) => c.html(<PrivacyNoticePage />));
app.get('/accessibility', (c) => c.html(<AccessibilityStatementPage />));

app.get('/staff', requireRole('staff'), (c) => {
  c.header('Cache-Control', 'no-store');
  return c.html(
    <StaffPage title="Staff console" current="/staff">
      <h1 class="govuk-heading-xl">Staff console</h1>
      <p class="govuk-body">Signed in as {c.get('user')?.email ?? c.get('user')?.id}.</p>
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
    </StaffPage>,
  );
});

signInRoutes(app);

export const api = routes.specs;
