/**
 * Email updates end to end through the local platform: the form answers the same for any address,
 * nothing but the confirmation goes until its link is used (once), announcements reach each confirmed
 * subscriber whose area matches exactly once (the stream's announcer and this capability's delivery
 * running from the table's stream), every such email carries RFC 8058's headers (parsed with
 * mailparser as SES got it), the one-click POST unsubscribes at once with no cookies and no Origin,
 * a suppressed address is not sent to, and the person search finds and erases a subscription.
 * Own table: the stream's consumers run in this process.
 */
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useSesProxy, type SesProxy } from '../../test/support/inbox.js';
import { useOwnTable } from '../../test/support/own-table.js';
import { requestsTo } from '../../test/support/requests.js';
import { announcementPartition, announcementWrite, type Announcement } from '../core/announcements.js';
import { newId } from '../core/ids.js';
import { getOutboxEmail } from '../core/outbox/outbox.js';
import { addressHash, suppressionWrites } from '../core/outbox/suppression.js';
import { correctPerson, erasePerson } from '../core/people/changing.js';
import { findPerson } from '../core/people/finding.js';
import { transactWrite } from '../core/store/transactions.js';
import { announce } from './announcer.js';
import { app } from './app.js';
import { getSubscriber } from './store/subscribers.js';

let ses: SesProxy;
let caughtUp: () => Promise<void>;
beforeAll(async () => {
  caughtUp = (await useOwnTable('subscriptions')).caughtUp;
  ses = await useSesProxy();
});
afterAll(() => ses?.stop());

const { get, post } = requestsTo(app);
const BLABY = 'E07000129';
const MELTON = 'E07000133';
const DAY = 86_400_000;
const unique = (who: string) => `${who}-${newId()}@example.org`.toLowerCase();

const linkIn = (mail: ParsedMail, path: string) => mail.text?.match(new RegExp(`${path}/([A-Za-z0-9_-]{43})`))?.[1];
/** A header as SES got it, unfolded (RFC 5322 folds long lines). */
const headerLine = (mail: ParsedMail, name: string) => mail.headerLines.find((h) => h.key === name.toLowerCase())?.line.replace(/\r\n[ \t]+/g, ' ');

async function mailsTo(address: string, count: number): Promise<ParsedMail[]> {
  await caughtUp();
  return ses.waitFor(address, count);
}

/** Subscribes and confirms from the email, as a resident would; returns the address. */
async function aSubscriber(who: string, area: string, email = unique(who)): Promise<string> {
  expect((await post('/email-updates', { email, area })).status).toBe(200);
  const [confirmation] = await mailsTo(email, 1);
  const token = linkIn(confirmation!, '/email-updates/confirm')!;
  expect((await post(`/email-updates/confirm/${token}`, {})).status).toBe(303);
  return email;
}

function aMeetingAnnouncement(areaCode: string | undefined, title = 'Knife crime in Blaby'): Announcement {
  const id = newId();
  return {
    capability: 'meetings',
    id,
    what: 'public meeting',
    title,
    summary: 'At the village hall, Main Street.',
    path: `/meetings/${id}`,
    ...(areaCode ? { areaCode: areaCode as Announcement['areaCode'] } : {}),
    startsAt: new Date(Date.now() + 20 * DAY).toISOString(),
    publishedAt: new Date().toISOString(),
  };
}

async function publish(announcement: Announcement): Promise<void> {
  expect((await transactWrite([announcementWrite(announcement)])).ok).toBe(true);
  await caughtUp();
  // The announcer's notice reaches the stream in turn, and its fan-out's emails after it.
  await caughtUp();
  await caughtUp();
}

const quietFor = async (address: string, count: number) => {
  await caughtUp();
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect((await ses.parsedFor(address)).length).toBe(count);
};

describe('asking for email updates', () => {
  it('answers the same page whether the address is new, waiting or already subscribed, naming no other difference', async () => {
    const fresh = unique('fresh');
    const subscribed = await aSubscriber('known', BLABY);
    const pages = await Promise.all(
      [fresh, fresh, subscribed].map(async (email) => {
        const response = await post('/email-updates', { email, area: MELTON });
        expect(response.status).toBe(200);
        expect(response.headers.get('cache-control')).toBe('no-store');
        return (await response.text()).replaceAll(email, 'ADDRESS').replace(/name="submission" value="[^"]*"/g, '');
      }),
    );
    expect(pages[0]).toContain('Check your email');
    expect(pages[1]).toBe(pages[0]);
    expect(pages[2]).toBe(pages[0]);
  });

  it('names the field when the address or area is wrong, and writes nothing', async () => {
    const response = await post('/email-updates', { email: 'not an address', area: 'Narnia' });
    expect(response.status).toBe(400);
    const page = await response.text();
    expect(page).toContain('Enter an email address in the correct format');
    expect(page).toContain('Choose everywhere or one council area');
    expect(page).toContain('href="#email"');
    expect(page).toContain('href="#area"');
  });

  it('sends nothing but the confirmation until its link is used, and the link works once', async () => {
    const email = unique('pending');
    await post('/email-updates', { email, area: 'all' });
    const [confirmation] = await mailsTo(email, 1);
    expect(confirmation!.subject).toBe('Confirm you want email updates');
    // Not a one-click list email: it is not a subscription yet.
    expect(headerLine(confirmation!, 'List-Unsubscribe')).toBeUndefined();
    const pending = await getSubscriber(addressHash(email));
    expect(pending?.status).toBe('pending');
    expect(pending?.expiresAt, 'an unconfirmed request expires by TTL').toBeGreaterThan(Date.now() / 1000);

    await publish(aMeetingAnnouncement(undefined, 'Before confirming'));
    await quietFor(email, 1);

    const token = linkIn(confirmation!, '/email-updates/confirm')!;
    // Opening the link changes nothing (mail scanners follow links): the button does.
    expect((await get(`/email-updates/confirm/${token}`)).status).toBe(200);
    expect((await getSubscriber(addressHash(email)))?.status).toBe('pending');
    const confirmed = await post(`/email-updates/confirm/${token}`, {});
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.get('location')).toBe('/email-updates/confirmed');
    const subscriber = await getSubscriber(addressHash(email));
    expect(subscriber?.status).toBe('confirmed');
    expect(subscriber?.expiresAt).toBeUndefined();
    // Once: the link's page is gone, and a second post changes nothing.
    expect((await get(`/email-updates/confirm/${token}`)).status).toBe(404);
    expect((await post(`/email-updates/confirm/${token}`, {})).status).toBe(303);
    expect(await getSubscriber(addressHash(email))).toEqual(subscriber);
  });

  it('a link replaced by a newer request confirms nothing', async () => {
    const email = unique('twice');
    await post('/email-updates', { email, area: BLABY });
    await post('/email-updates', { email, area: MELTON });
    const [first, second] = await mailsTo(email, 2);
    const older = linkIn(first!, '/email-updates/confirm')!;
    expect((await get(`/email-updates/confirm/${older}`)).status).toBe(404);
    expect((await post(`/email-updates/confirm/${older}`, {})).status).toBe(410);
    expect((await getSubscriber(addressHash(email)))?.status).toBe('pending');
    expect((await post(`/email-updates/confirm/${linkIn(second!, '/email-updates/confirm')!}`, {})).status).toBe(303);
    const subscriber = await getSubscriber(addressHash(email));
    expect(subscriber?.status).toBe('confirmed');
    expect(subscriber?.areaCode).toBe(MELTON);
  });
});

describe('a publication announced', () => {
  it('emails each confirmed subscriber whose area matches, once, with one-click unsubscribe headers', async () => {
    const [everywhere, inBlaby, inMelton] = await Promise.all([aSubscriber('everywhere', 'all'), aSubscriber('blaby', BLABY), aSubscriber('melton', MELTON)]);
    const announcement = aMeetingAnnouncement(BLABY, 'Knife crime <script>alert(1)</script>');
    await publish(announcement);
    const [, mail] = await mailsTo(everywhere, 2);
    await mailsTo(inBlaby, 2);
    await quietFor(inMelton, 1);

    expect(mail!.subject).toBe('New public meeting: Knife crime <script>alert(1)</script>');
    expect(mail!.html).toContain('Knife crime &lt;script&gt;');
    expect(mail!.text).toContain(`/meetings/${announcement.id}`);
    const unsubscribe = headerLine(mail!, 'List-Unsubscribe');
    expect(unsubscribe).toMatch(/^List-Unsubscribe: <http:\/\/localhost:\d+\/unsubscribe\/[A-Za-z0-9_-]{43}>$/);
    expect(headerLine(mail!, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');

    // Published again (a retried transaction puts the same item), or the stream's batch tried again: no one hears twice.
    expect((await transactWrite([announcementWrite(announcement)])).ok).toBe(true);
    expect(await announce([announcementPartition('meetings', announcement.id)], new Date(), Date.now() + 10_000)).toEqual({ notices: 0, already: 1 });
    await caughtUp();
    await caughtUp();
    await quietFor(everywhere, 2);
    await quietFor(inBlaby, 2);
  });

  it('is not sent to an address email has stopped for (a bounce or a complaint)', async () => {
    const email = await aSubscriber('bounced', 'all');
    expect((await transactWrite(suppressionWrites(email, 'bounce', `test-${newId()}`, new Date()))).ok).toBe(true);
    const announcement = aMeetingAnnouncement(undefined, 'After the bounce');
    await publish(announcement);
    await quietFor(email, 1);
    const subscriber = await getSubscriber(addressHash(email));
    const sent = await getOutboxEmail(`subscriptions#meetings-${announcement.id}-${subscriber!.id}`);
    expect(sent?.status).toBe('suppressed');
  });
});

describe('unsubscribing', () => {
  it('one-click: a POST with only List-Unsubscribe=One-Click, no cookies and no Origin, unsubscribes at once', async () => {
    const email = await aSubscriber('oneclick', 'all');
    await publish(aMeetingAnnouncement(undefined, 'First'));
    const [, mail] = await mailsTo(email, 2);
    const url = new URL(headerLine(mail!, 'List-Unsubscribe')!.match(/<([^>]+)>/)![1]!);

    const response = await app.request(url.pathname, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('You have unsubscribed');
    // Only that path is let through without an Origin of ours: the subscribe form is not.
    expect((await app.request('/email-updates', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `email=${email}&area=all` })).status).toBe(403);
    expect(await getSubscriber(addressHash(email))).toBeUndefined();

    await publish(aMeetingAnnouncement(undefined, 'Second'));
    await quietFor(email, 2);
    // Again (a client retrying): the same answer, nothing to do.
    expect((await app.request(url.pathname, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' })).status).toBe(200);
  });

  it('has a page for people, which changes nothing until its button is pressed; a wrong link is 404', async () => {
    const email = await aSubscriber('human', 'all');
    await publish(aMeetingAnnouncement(undefined, 'For people'));
    const [, mail] = await mailsTo(email, 2);
    const token = linkIn(mail!, '/unsubscribe')!;
    const page = await get(`/unsubscribe/${token}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(await getSubscriber(addressHash(email))).toBeDefined();
    expect((await post(`/unsubscribe/${token}`, { 'List-Unsubscribe': 'One-Click' })).status).toBe(200);
    expect(await getSubscriber(addressHash(email))).toBeUndefined();
    expect((await get(`/unsubscribe/${'x'.repeat(43)}`)).status).toBe(404);
    expect((await app.request(`/unsubscribe/${'x'.repeat(43)}`, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).status).toBe(404);
  });
});

describe('a person’s data', () => {
  it('a subscriber whose address staff corrected, who then subscribes from the new address, gets one email a publication', async () => {
    const before = await aSubscriber('corrected-from', 'all');
    const after = unique('corrected-to');
    expect(await correctPerson(before, { address: after }, { who: 'Test Staff', account: 'test', path: '/staff/people' })).toBe(1);
    await aSubscriber('corrected-to', BLABY, after);
    expect(await ses.parsedFor(after)).toHaveLength(1); // the second subscription's confirmation

    await publish(aMeetingAnnouncement(BLABY, 'Heard twice?'));
    const [, announcement] = await mailsTo(after, 2);
    expect(announcement?.subject).toContain('Heard twice?');
    await quietFor(after, 2);
    await quietFor(before, 1); // the first confirmation only
  });


  it('finds a subscription when staff find the person, and erasing deletes it', async () => {
    const email = await aSubscriber('erased', BLABY);
    const found = await findPerson(email);
    const subscription = found.find((r) => r.capability === 'subscriptions');
    expect(subscription?.declared.kind).toBe('subscription');
    expect(subscription?.data['email']).toBe(email);
    const outcome = await erasePerson(email, { who: 'Test Staff', account: 'test', path: '/staff/people' });
    expect(outcome.records).toBeGreaterThanOrEqual(1);
    expect(await getSubscriber(addressHash(email))).toBeUndefined();
    expect((await findPerson(email)).filter((r) => r.capability === 'subscriptions')).toEqual([]);
  });
});
