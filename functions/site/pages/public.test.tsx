/**
 * The site's pages as HTML, without a browser: the organisation's name is always shown as text (Hono's
 * JSX escapes it), and one organisation's contact details never appear under another's name.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { app } from '../app.js';

const HOSTILE_NAME = '<script>alert("owned")</script> & Co';

function useOrganisationName(name: string) {
  vi.stubEnv('ORGANISATION_NAME', name);
}

afterEach(() => {
  vi.unstubAllEnvs();
});

async function html(path: string) {
  const res = await app.request(path);
  return { status: res.status, body: await res.text(), cookie: res.headers.get('set-cookie') };
}

describe('site pages', () => {
  it.each(['/', '/privacy', '/accessibility', '/no-such-page'])('%s escapes the organisation name', async (path) => {
    useOrganisationName(HOSTILE_NAME);
    const { body } = await html(path);
    expect(body).not.toContain('<script>alert');
    expect(body).toContain('&lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt; &amp; Co');
    expect(body).toContain(`<title>`);
  });

  it.each(['/', '/privacy', '/accessibility'])('%s answers 200 with no cookie, as a standards-mode HTML document', async (path) => {
    const { status, cookie, body } = await html(path);
    expect(status).toBe(200);
    expect(body.startsWith('<!DOCTYPE html><html lang="en" class="govuk-template">')).toBe(true);
    expect(cookie).toBeNull();
  });

  it('shows the first customer’s contact details only under its own name', async () => {
    expect((await html('/privacy')).body).toContain('LE19 2BX');
    useOrganisationName('Rutland County Council');
    const { body } = await html('/privacy');
    expect(body).toContain('Rutland County Council (“we”, “us”) is the data controller');
    expect(body).not.toContain('LE19 2BX');
    expect(body).not.toContain('leics.pcc.police.uk');
  });

  it('states the retention period and the ICO complaint route in the privacy notice', async () => {
    const { body } = await html('/privacy');
    expect(body).toContain('12 months after the meeting');
    expect(body).toContain('https://ico.org.uk/make-a-complaint/');
    expect(body).toContain('Article 6(1)(e)');
  });

  it('says what every service collects, why, on what lawful basis and who receives it, with the access record and the suppression list and their retention', async () => {
    const { body } = await html('/privacy');
    for (const service of ['Public meetings', 'Parish surgeries', 'Consultations', 'Community days', 'The whole website']) expect(body).toContain(`<h3 class="govuk-heading-m">${service}</h3>`);
    expect(body).toContain('The name and email address of each parish and town council’s clerk');
    expect(body).toContain('Your answers to a consultation');
    expect(body).toContain('The access record: which member of staff looked at');
    expect(body).toContain('<strong>The access record: each time staff looked at, exported or erased personal data</strong>');
    expect(body).toContain('24 months after the look');
    expect(body).toContain('<strong>Email addresses we no longer send email to');
    expect(body).toContain('Amazon SES');
    expect(body).not.toContain('before we add consultations');
  });

  it('names every service in the accessibility statement', async () => {
    const { body } = await html('/accessibility');
    expect(body).toContain('where you can take part in public meetings, parish surgeries, consultations, community days and email updates');
  });

  it('gives the WCAG 2.2 AA status and the enforcement procedure in the accessibility statement', async () => {
    const { body } = await html('/accessibility');
    expect(body).toContain('Web Content Accessibility Guidelines version 2.2');
    expect(body).toContain('Equality and Human Rights Commission');
  });
});
