/**
 * The site itself: home page, privacy notice, accessibility statement, staff sign-in and the
 * OpenAPI document. Unknown paths in AWS land here (API Gateway's $default route) and get the 404 page.
 */
import { createApp } from '../core/app.js';
import { ApiRoutes } from '../core/api.js';
import type { Capability } from '../core/capability.js';
import { Layout } from '../core/layout.js';
import { config } from '../core/config.js';
import { requireRole } from '../core/auth.js';
import { signInRoutes } from './sign-in.js';

const app = createApp();
const api = new ApiRoutes(app);

app.get('/', (c) =>
  c.html(
    <Layout title="Home">
      <h1 class="govuk-heading-xl">Have your say</h1>
      <p class="govuk-body-l">Come to a public meeting with {config().organisationName}.</p>
      <p class="govuk-body">
        <a class="govuk-link" href="/meetings">Find a public meeting near you</a>
      </p>
    </Layout>,
  ),
);

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
