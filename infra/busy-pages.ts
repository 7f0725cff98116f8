/**
 * The pages residents see when the site is too busy to answer, rendered at synth from the platform's own
 * error pages (functions/core/ui/error-pages.tsx) so they look like every other page:
 *
 * - `serviceBusy` (the "Sorry, the service is busy" page): CloudFront's answer when the API answers 429
 *   (the stage throttle) or 503; uploaded beside the assets and served from S3, which is not throttled.
 * - `tooManyRequests`: AWS WAF's answer when one address sends more than its share; a WAF custom
 *   response body, which may be at most 4 KB. The full page fits today; if more navigation makes it
 *   too big, the page keeps its head, header and main content and drops the navigation and footer.
 */
import { TooManyRequestsPage, UnavailablePage } from '../functions/core/ui/error-pages.js';

/** Where the busy page lives, under the assets bucket's `assets/` (so at `/assets/errors/service-busy.html`). */
export const SERVICE_BUSY_FILE = 'errors/service-busy.html';
export const SERVICE_BUSY_PATH = `/assets/${SERVICE_BUSY_FILE}`;
/** AWS WAF's limit on one custom response body, in bytes. */
export const WAF_BODY_LIMIT_BYTES = 4096;

export interface BusyPages {
  serviceBusy: string;
  tooManyRequests: string;
}

/** The pages read the organisation name from the environment, as in Lambda; it is set while they render. */
function renderWith(organisationName: string, page: () => unknown): string {
  const before = process.env['ORGANISATION_NAME'];
  process.env['ORGANISATION_NAME'] = organisationName;
  try {
    const html = (page() as { toString(): unknown }).toString();
    if (typeof html !== 'string') throw new Error('A busy page must render synchronously');
    return html;
  } finally {
    if (before === undefined) delete process.env['ORGANISATION_NAME'];
    else process.env['ORGANISATION_NAME'] = before;
  }
}

const bytes = (html: string) => Buffer.byteLength(html, 'utf8');

/** The same page without the service navigation and footer: head, skip link, header with the organisation, main. */
export function compactPage(html: string): string {
  const cut = (from: string, to: string, inclusive = true) => {
    const start = html.indexOf(from);
    const end = html.indexOf(to, start);
    if (start < 0 || end < 0) throw new Error(`The page layout changed: cannot find ${from} … ${to} to make the compact busy page`);
    return html.slice(start, inclusive ? end + to.length : end);
  };
  const head = cut('<!DOCTYPE html>', '</head>');
  const skipLink = cut('<a href="#main-content"', '</a>');
  const header = `${cut('<header', '<div class="govuk-service-navigation"', false)}</header>`;
  const main = cut('<div class="govuk-width-container"><main', '</main></div>');
  return `${head}<body class="govuk-template__body">${skipLink}${header}${main}</body></html>`;
}

/** The page as it is if it fits in a WAF response body, otherwise its compact form; too big even then is an error. */
export function fitForWaf(html: string): string {
  if (bytes(html) <= WAF_BODY_LIMIT_BYTES) return html;
  const compact = compactPage(html);
  if (bytes(compact) > WAF_BODY_LIMIT_BYTES) {
    throw new Error(`The busy page for AWS WAF is ${bytes(compact)} bytes even without navigation; WAF allows ${WAF_BODY_LIMIT_BYTES}`);
  }
  return compact;
}

export function renderBusyPages(organisationName: string): BusyPages {
  return {
    serviceBusy: renderWith(organisationName, UnavailablePage),
    tooManyRequests: fitForWaf(renderWith(organisationName, TooManyRequestsPage)),
  };
}
