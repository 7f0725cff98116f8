/**
 * The site itself: home page, privacy notice, accessibility statement, staff sign-in and the
 * OpenAPI document. Unknown paths in AWS land here (API Gateway's $default route) and get the 404 page.
 */
import { createApp } from '../core/app.js';
import { ApiRoutes } from '../core/api.js';
import type { Capability } from '../core/capability.js';
import { Layout } from '../core/layout.js';
import { requireRole } from '../core/auth.js';
import { signInRoutes } from './sign-in.js';
import { HomePage } from './home-page.js';
import { PrivacyNoticePage } from './privacy-notice.js';
import { AccessibilityStatementPage } from './accessibility-statement.js';

const app = createApp();
const api = new ApiRoutes(app);

app.get('/', (c) => c.html(<HomePage />));
app.get('/privacy', (c) => c.html(<PrivacyNoticePage />));
app.get('/accessibility', (c) => c.html(<AccessibilityStatementPage />));

app.get('/staff', requireRole('staff'), (c) =>
  c.html(
    <Layout title="Staff console" staff current="/staff">
      <h1 class="govuk-heading-xl">Staff console</h1>
      <p class="govuk-body">Signed in as {c.get('user')?.email ?? c.get('user')?.id}.</p>
      <ul class="govuk-list">
        <li>
          <a class="govuk-link" href="/staff/meetings">Public meetings</a>
        </li>
      </ul>
    </Layout>,
  ),
);

signInRoutes(app);

api.add(
  {
    method: 'get',
    path: '/api/openapi.json',
    summary: 'This OpenAPI document',
    tags: ['platform'],
    responses: { 200: { description: 'OpenAPI 3.1 document' } },
  },
  async (c) => {
    // Imported on first use: the document describes every capability, including this one.
    const [{ capabilities }, { openApiDocument }] = await Promise.all([
      import('../capabilities.js'),
      import('../core/openapi.js'),
    ]);
    return c.json(openApiDocument(capabilities.flatMap((cap) => cap.api)));
  },
);

export const site: Capability = {
  name: 'site',
  app,
  api: api.specs,
  pagePrefixes: ['/staff', '/sign-in'],
  pagePaths: ['/', '/privacy', '/accessibility', '/sign-out'],
};
