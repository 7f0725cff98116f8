/**
 * The one test that bundles for real: esbuild from node_modules (no Docker), then bundles are loaded
 * by plain Node, as Lambda would load them, and answer hand-built events. Each function carries only
 * what it runs: no request function (nor the platform timer) builds email, and each capability's
 * delivery function has its own email kinds and no other capability's.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
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

const PLATFORM_TIMER = 'platform: retention work and the outbox backlog every 5 min';
const emailing = capabilities.filter((c) => c.emails);
const deliveryOf = (name: string) => `${name}: email from the outbox stream, retries every 5 min`;

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
      ...emailing.map((c) => deliveryOf(c.name)),
      PLATFORM_TIMER,
    ];
    for (const description of descriptions) {
      const bundle = bundleOf(description);
      expect(existsSync(bundle), description).toBe(true);
      expect(existsSync(`${bundle}.map`), description).toBe(true);
      expect(statSync(bundle).size, description).toBeLessThan(3 * 1024 * 1024);
    }
  });

  test('the reports bundle has the WebAssembly rasteriser and fonts beside it, where png.ts looks in a Lambda', () => {
    const dir = dirname(bundleOf('reports: pages and API'));
    for (const file of ['index_bg.wasm', 'Arimo_400Regular.ttf', 'Arimo_700Bold.ttf']) expect(existsSync(join(dir, file)), file).toBe(true);
  });

  test('the site bundle renders a page (JSX) behind API Gateway', async () => {
    const response = await invoke(bundleOf('site: pages and API'), apiGatewayEvent('/privacy'));
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/text\/html/);
    expect(response.body).toContain('Test Commissioner');
  });

  test("request functions build no email: each capability's delivery function does, with its own kinds only", () => {
    for (const description of [...capabilities.map((cap) => `${cap.name}: pages and API`), PLATFORM_TIMER]) {
      const code = readFileSync(bundleOf(description), 'utf8');
      // The site's diary feeds write iCalendar text themselves (core/ics.ts), so its bundle holds a calendar but builds no email.
      const markers = description === 'site: pages and API' ? EMAIL_BUILDING.slice(0, 1) : EMAIL_BUILDING;
      for (const marker of markers) expect(code.includes(marker), `${description} bundle contains ${marker}`).toBe(false);
    }
    expect(emailing.length).toBeGreaterThan(1);
    const calendars = [];
    for (const cap of emailing) {
      const delivery = readFileSync(bundleOf(deliveryOf(cap.name)), 'utf8');
      if (delivery.includes(EMAIL_BUILDING[1]!)) calendars.push(cap.name);
      // MailComposer's MIME in every one; the calendar where the capability's kinds carry an invite.
      expect(delivery, `${cap.name} delivery bundle builds MIME`).toContain(EMAIL_BUILDING[0]);
      // The source map names every module in the bundle: its own email kinds, no one else's.
      const sources = (JSON.parse(readFileSync(`${bundleOf(deliveryOf(cap.name))}.map`, 'utf8')) as { sources: string[] }).sources;
      expect(sources.some((source) => source.includes(`functions/${cap.name}/emails`)), `${cap.name}'s email kinds`).toBe(true);
      for (const other of capabilities.filter((c) => c.name !== cap.name)) {
        expect(sources.filter((source) => source.includes(`functions/${other.name}/`)), `${other.name} modules in ${cap.name}'s delivery`).toEqual([]);
      }
    }
    // Meetings' invitations carry a calendar: ical-generator is in its delivery, not in a request function.
    expect(calendars).toContain('meetings');
  });

  test("no request function carries another capability's pages", () => {
    const site = readFileSync(bundleOf('site: pages and API'), 'utf8');
    expect(site).not.toContain('Register for this meeting');
    const meetings = readFileSync(bundleOf('meetings: pages and API'), 'utf8');
    expect(meetings).toContain('Register for this meeting');
    expect(meetings).not.toContain('Our lawful basis for using your data');
  });

  test.each(emailing.map((c) => c.name))("the %s delivery bundle loads and answers a stream batch with nothing of its own to send", async (name) => {
    const otherCapabilitysEmail = { eventName: 'INSERT', dynamodb: { Keys: { pk: { S: 'OUTBOX#someone-else#0001' }, sk: { S: 'OUTBOX' } } } };
    expect(await invoke(bundleOf(deliveryOf(name)), { Records: [otherCapabilitysEmail] })).toEqual({ sent: 0, failed: 0, skipped: 0, fannedOut: 0 });
  });

  test('the platform timer bundle loads', async () => {
    expect(await invoke(bundleOf(PLATFORM_TIMER))).toBe('loaded');
  });

  test.each(capabilities.filter((c) => c.scheduled).map((c) => c.name))('the %s scheduled bundle loads', async (name) => {
    const capability = capabilities.find((c) => c.name === name)!;
    const bundle = bundleOf(`${name}: scheduled work every ${capability.scheduled!.everyMinutes} min`);
    expect(await invoke(bundle)).toBe('loaded');
  });
});
