/**
 * The one test that bundles for real: esbuild from node_modules (no Docker), then bundles are loaded
 * by plain Node, as Lambda would load them, and answer hand-built events. Each function carries only
 * what it runs: no request function builds email, and only the delivery function has every
 * capability's email kinds.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, test } from 'vitest';
import { capabilities } from '../../functions/capabilities.js';
import { synthesize } from './synthesize.js';

const run = promisify(execFile);

let template: Template;
let outdir: string;
beforeAll(() => {
  ({ template, outdir } = synthesize({ bundle: true }));
}, 120_000);

/** The bundled entry file of the function with this description. */
function bundleOf(description: string): string {
  const fn = Object.values(template.findResources('AWS::Lambda::Function')).find(
    (f) => f.Properties.Description === description,
  );
  const assetHash = String(fn!.Properties.Code.S3Key).replace(/\.zip$/, '');
  return join(outdir, `asset.${assetHash}`, 'index.mjs');
}

/** Loads the bundle in a fresh Node process and calls its handler with the given event. */
async function invoke(bundle: string, event?: object): Promise<any> {
  const script = `
    const { handler } = await import(${JSON.stringify(bundle)});
    if (typeof handler !== 'function') throw new Error('no handler export');
    const event = ${JSON.stringify(event ?? null)};
    console.log(JSON.stringify(event ? await handler(event, {}) : 'loaded'));`;
  const { stdout } = await run(process.execPath, ['--enable-source-maps', '--input-type=module', '-e', script], {
    env: { ...process.env, ORGANISATION_NAME: 'Test Commissioner', PUBLIC_BASE_URL: 'https://site.example' },
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!);
}

const DELIVERY = 'platform: email delivery from the outbox stream, retries and retention every 5 min';

/** Strings only email building brings into a bundle: MailComposer's MIME and ical-generator's calendar. */
const EMAIL_BUILDING = ['Content-Transfer-Encoding', 'BEGIN:VCALENDAR'];

const apiGatewayEvent = (path: string) => ({
  version: '2.0',
  routeKey: `ANY ${path}`,
  rawPath: path,
  rawQueryString: '',
  headers: { host: 'abc.execute-api.eu-west-2.amazonaws.com', accept: 'text/html' },
  requestContext: {
    accountId: '123456789012',
    apiId: 'abc',
    domainName: 'abc.execute-api.eu-west-2.amazonaws.com',
    domainPrefix: 'abc',
    http: { method: 'GET', path, protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'test' },
    requestId: 'test',
    routeKey: `ANY ${path}`,
    stage: '$default',
    time: '01/Jan/2026:00:00:00 +0000',
    timeEpoch: 0,
  },
  isBase64Encoded: false,
});

describe('bundled functions', () => {
  test('every function has a minified ES module bundle with a source map, of a sensible size', () => {
    const descriptions = [
      ...capabilities.map((c) => `${c.name}: pages and API`),
      ...capabilities.filter((c) => c.scheduled).map((c) => `${c.name}: scheduled work every ${c.scheduled!.everyMinutes} min`),
      DELIVERY,
    ];
    for (const description of descriptions) {
      const bundle = bundleOf(description);
      expect(existsSync(bundle), description).toBe(true);
      expect(existsSync(`${bundle}.map`), description).toBe(true);
      expect(statSync(bundle).size, description).toBeLessThan(3 * 1024 * 1024);
    }
  });

  test('the site bundle renders a page (JSX) behind API Gateway', async () => {
    const response = await invoke(bundleOf('site: pages and API'), apiGatewayEvent('/privacy'));
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/text\/html/);
    expect(response.body).toContain('Test Commissioner');
  });

  test("request functions build no email: only the delivery function does, with every capability's kinds", () => {
    for (const cap of capabilities) {
      const code = readFileSync(bundleOf(`${cap.name}: pages and API`), 'utf8');
      for (const marker of EMAIL_BUILDING) expect(code.includes(marker), `${cap.name} bundle contains ${marker}`).toBe(false);
    }
    const delivery = readFileSync(bundleOf(DELIVERY), 'utf8');
    for (const marker of EMAIL_BUILDING) expect(delivery, `delivery bundle contains ${marker}`).toContain(marker);
    for (const cap of capabilities.filter((c) => c.emails)) expect(delivery, `${cap.name}/emails.ts`).toContain(`${cap.name}/emails.ts`);
  });

  test("no request function carries another capability's pages", () => {
    const site = readFileSync(bundleOf('site: pages and API'), 'utf8');
    expect(site).not.toContain('Register for this meeting');
    const meetings = readFileSync(bundleOf('meetings: pages and API'), 'utf8');
    expect(meetings).toContain('Register for this meeting');
    expect(meetings).not.toContain('Our lawful basis for using your data');
  });

  test('the delivery bundle loads and answers a stream batch with nothing to send', async () => {
    expect(await invoke(bundleOf(DELIVERY), { Records: [] })).toEqual({ sent: 0, failed: 0, skipped: 0, fannedOut: 0 });
  });

  test.each(capabilities.filter((c) => c.scheduled).map((c) => c.name))('the %s scheduled bundle loads', async (name) => {
    const capability = capabilities.find((c) => c.name === name)!;
    const bundle = bundleOf(`${name}: scheduled work every ${capability.scheduled!.everyMinutes} min`);
    expect(await invoke(bundle)).toBe('loaded');
  });
});
