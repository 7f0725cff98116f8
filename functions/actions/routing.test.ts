/**
 * Routing an action emails its owner's contact, as the email leaves through SES (raw MIME captured on
 * its way to the emulator, parsed with mailparser): raised with an owner, or passed on to one; once
 * for a double post; never when no contact is recorded. Own table, so "everything the stream had to
 * do is done" can be waited for and an email that should not exist can be shown not to.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SesProxy, useSesProxy } from '../../test/support/inbox.js';
import { useOwnTable } from '../../test/support/own-table.js';
import { redirectPath, requestsTo } from '../../test/support/requests.js';
import { bearer, staffToken } from '../../test/support/tokens.js';
import { newAction } from '../core/actions/actions.js';
import { actionWrites } from '../core/actions/store.js';
import { getOutboxEmail } from '../core/outbox/outbox.js';
import { transactWrite } from '../core/store/transactions.js';
import { app } from './app.js';
import { addContact } from './contacts.js';

let ses: SesProxy;
let caughtUp: () => Promise<void>;
let auth: Record<string, string>;
beforeAll(async () => {
  caughtUp = (await useOwnTable('routing')).caughtUp;
  ses = await useSesProxy();
  auth = bearer(await staffToken());
});
afterAll(() => ses?.stop());

const { get, post } = requestsTo(app);
const XSS = '<script>alert(1)</script>';
const address = () => `owner-${randomBytes(4).toString('hex')}@example.org`;
const json = (path: string, body: unknown) => app.request(path, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('routing an action to its owner', () => {
  it('emails the owner’s contact what the action is, where it came from and when it is due, escaped', async () => {
    const email = address();
    const body = `Melton CSP ${randomUUID().slice(0, 6)}`;
    await addContact({ ownerKind: 'community-safety-partnership', bodyName: body, contactName: `Pat ${XSS}`, email }, { by: 'Officer' });
    // Raised as a meeting raises one, through core's contract, with the owner's name typed differently.
    const action = newAction(
      { what: `Street lighting on Burton Street ${XSS}`, owner: { kind: 'community-safety-partnership', name: `  ${body.toUpperCase()} ` }, dueOn: '2031-04-01', areaCode: 'E07000133' },
      { by: 'Officer', source: { capability: 'meetings', kind: 'meeting', id: randomUUID(), label: 'Public meeting: Melton, 3 March 2031' } },
    );
    expect((await transactWrite(actionWrites([action]))).ok).toBe(true);

    const [mail] = await ses.waitFor(email, 1);
    expect(mail!.subject).toBe(`Action for ${body}: Street lighting on Burton Street ${XSS}`);
    expect(mail!.text).toContain(`Hello Pat ${XSS},`);
    expect(mail!.text).toContain(`Action: Street lighting on Burton Street ${XSS}`);
    expect(mail!.text).toContain('Came from: Public meeting: Melton, 3 March 2031');
    expect(mail!.text).toContain('Due: 1 April 2031');
    expect(mail!.text).toContain('Council area: Melton');
    const html = String(mail!.html);
    expect(html).toContain('Street lighting on Burton Street &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain(XSS);
  });

  it('passed on in the log: one email to the new owner’s contact for a double post, none for an owner with no contact', async () => {
    const email = address();
    const body = `Blaby ${randomUUID().slice(0, 6)}`;
    await addContact({ ownerKind: 'other-organisation', bodyName: body, contactName: 'Sam Clerk', email }, { by: 'Officer' });
    const created = await json('/api/actions', { what: 'Ask for a speed survey', owner: { kind: 'other-organisation', name: `Nobody ${randomUUID()}` } });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    await caughtUp();
    expect((await getOutboxEmail(`actions#routed-${id}-1`))?.status).toBe('skipped');

    const page = await (await get(`/staff/actions/${id}`, auth)).text();
    expect(page).toContain('No contact recorded for Another organisation: Nobody');

    const twice = await Promise.all([1, 2].map(() => json(`/api/actions/${id}/owner`, { version: 1, owner: { kind: 'other-organisation', name: body } })));
    expect(twice.map((r) => r.status).sort()).toEqual([200, 409]);
    const [mail] = await ses.waitFor(email, 1);
    expect(mail!.subject).toBe(`Action for ${body}: Ask for a speed survey`);
    expect(mail!.text).toContain('Came from: Raised by the office');
    expect(mail!.text).toContain('Due: No due date set');
    await caughtUp();
    expect(await ses.parsedFor(email)).toHaveLength(1);
    expect(await (await get(`/staff/actions/${id}`, auth)).text()).toContain(`Sam Clerk, ${body} (${email}): emailed when the action is passed to them`);

    // A new due date alone routes nothing.
    expect((await json(`/api/actions/${id}/owner`, { version: 2, owner: { kind: 'other-organisation', name: body }, dueOn: '2031-05-01' })).status).toBe(200);
    await caughtUp();
    expect(await ses.parsedFor(email)).toHaveLength(1);
  });

  it('a form posted twice (the same submission) raises the action and emails its owner once', async () => {
    const email = address();
    const body = `Hinckley ${randomUUID().slice(0, 6)}`;
    await addContact({ ownerKind: 'other-organisation', bodyName: body, contactName: 'Jo Lead', email }, { by: 'Officer' });
    const form = { submission: randomBytes(32).toString('base64url'), what: 'Fix the alley gate', ownerKind: 'other-organisation', ownerName: body, theme: '', areaCode: '' };
    const [first, second] = [await post('/staff/actions/new', form, auth), await post('/staff/actions/new', form, auth)];
    expect(first.status).toBe(303);
    expect(second.status).toBe(303);
    expect(redirectPath(second)).toBe(redirectPath(first));
    await ses.waitFor(email, 1);
    await caughtUp();
    expect(await ses.parsedFor(email)).toHaveLength(1);
  });
});
