/**
 * The owners' contacts as staff keep them: added, listed, changed and removed by staff (the lowest role
 * that manages actions), each against the version seen (a stale save is 409, showing the contact as it
 * is now); each field named when wrong; text shown as text; found, corrected and erased by address as
 * declared personal data; and the pages valid HTML.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { htmlProblems } from '../../../test/support/html-checker.js';
import { redirectPath, requestsTo } from '../../../test/support/requests.js';
import { bearer, staffToken } from '../../../test/support/tokens.js';
import { correctPerson, erasePerson } from '../../core/people/changing.js';
import { findPerson } from '../../core/people/finding.js';
import { createPlatformApp } from '../../../local/server.js';
import { app } from '../app.js';
import { contactIdFor } from '../contacts.js';
import { getContact } from '../store/contacts.js';

const { get, post } = requestsTo(app);
const XSS = '<script>alert(1)</script>';
let staff: Record<string, string>;
beforeAll(async () => {
  staff = bearer(await staffToken());
});

const address = () => `contact-${randomBytes(4).toString('hex')}@example.org`;
const looker = { who: 'Test Officer', account: 'test', path: '/staff/people' };

async function added(bodyName: string, email = address()) {
  const response = await post('/staff/actions/contacts', { ownerKind: 'other-organisation', bodyName, contactName: `Alex ${XSS}`, email }, staff);
  expect(response.status).toBe(303);
  expect(redirectPath(response)).toBe('/staff/actions/contacts?done=added');
  return { id: contactIdFor({ kind: 'other-organisation', name: bodyName }), email };
}

describe('owners’ contacts', () => {
  it('staff add one, see it listed with what they typed as text, and cannot add a second for the same owner', async () => {
    const body = `Trust ${XSS} ${randomUUID().slice(0, 6)}`;
    const { id, email } = await added(body);
    const list = await (await get('/staff/actions/contacts?done=added', staff)).text();
    expect(list).toContain('Contact added');
    expect(list).toContain(`href="/staff/actions/contacts/${id}"`);
    expect(list).toContain('Alex &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(list).toContain(email);
    expect(list).not.toContain(XSS);

    const again = await post('/staff/actions/contacts', { ownerKind: 'other-organisation', bodyName: body.toUpperCase(), contactName: 'Another', email: address() }, staff);
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('There is already a contact for');
  });

  it('names each field that is wrong (400) and saves nothing', async () => {
    const response = await post('/staff/actions/contacts', { ownerKind: 'the-moon', bodyName: '', contactName: ' ', email: 'not an address' }, staff);
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('<a href="#ownerKind">Choose who owns the action</a>');
    expect(html).toContain('<a href="#bodyName">Enter the organisation’s name</a>');
    expect(html).toContain('<a href="#contactName">Enter the contact’s name</a>');
    expect(html).toContain('<a href="#email">Enter an email address in the correct format, like name@example.com</a>');
  });

  it('changes and removes one only at the version seen: a stale save is 409 and shows the contact as it is now', async () => {
    const body = `Housing ${randomUUID().slice(0, 6)}`;
    const { id } = await added(body);
    const newEmail = address();
    const changed = await post(`/staff/actions/contacts/${id}`, { version: '1', bodyName: ` ${body.toLowerCase()} `, contactName: 'Robin New', email: newEmail }, staff);
    expect(changed.status).toBe(303);
    expect(redirectPath(changed)).toBe(`/staff/actions/contacts/${id}?done=changed`);
    expect(await getContact(id, { consistent: true })).toMatchObject({ version: 2, contactName: 'Robin New', email: newEmail, bodyName: body.toLowerCase() });

    const stale = await post(`/staff/actions/contacts/${id}`, { version: '1', bodyName: body, contactName: 'Late Edit', email: address() }, staff);
    expect(stale.status).toBe(409);
    const html = await stale.text();
    expect(html).toContain('Someone else changed this contact meanwhile');
    expect(html).toContain('value="Robin New"');
    expect(html).toContain('name="version" value="2"');
    expect((await getContact(id, { consistent: true }))!.contactName).toBe('Robin New');

    const another = await post(`/staff/actions/contacts/${id}`, { version: '2', bodyName: 'Somebody else entirely', contactName: 'Robin New', email: newEmail }, staff);
    expect(another.status).toBe(400);
    expect(await another.text()).toContain('for another organisation, add a new contact');

    expect((await post(`/staff/actions/contacts/${id}/remove`, { version: '1' }, staff)).status).toBe(409);
    expect(await getContact(id, { consistent: true })).toBeDefined();
    const removed = await post(`/staff/actions/contacts/${id}/remove`, { version: '2' }, staff);
    expect(removed.status).toBe(303);
    expect(await getContact(id, { consistent: true })).toBeUndefined();
    expect((await get(`/staff/actions/contacts/${id}`, staff)).status).toBe(404);
  });

  it('is found, corrected and erased by the contact’s address, as declared personal data', async () => {
    const body = `Fire service ${randomUUID().slice(0, 6)}`;
    const { id, email } = await added(body);
    const found = await findPerson(email);
    expect(found.map((r) => [r.capability, r.declared.kind, r.staffPage])).toEqual([['actions', 'owner-contact', `/staff/actions/contacts/${id}`]]);
    const moved = address();
    await correctPerson(email, { address: moved, name: 'Corrected Name' }, looker);
    expect(await getContact(id, { consistent: true })).toMatchObject({ email: moved, contactName: 'Corrected Name' });
    expect(await findPerson(email)).toEqual([]);
    await erasePerson(moved, looker);
    expect(await getContact(id, { consistent: true })).toBeUndefined();
    expect(await findPerson(moved)).toEqual([]);
  });

  it('the privacy notice says what is kept about contacts, why, and for how long', async () => {
    const notice = await (await (await createPlatformApp()).request('/privacy')).text();
    expect(notice).toContain('The name and work email address of the contact at a body that owns actions');
    expect(notice).toContain('Contacts at the bodies that own actions (the police, community safety partnerships and others), to email them the actions passed to them');
    expect(notice).toContain('when staff remove the contact or replace it with another');
  });

  it('pages are valid HTML, with and without errors', async () => {
    const { id } = await added(`Valid ${randomUUID().slice(0, 6)}`);
    const page = async (name: string, response: Response | Promise<Response>) => ({ name, html: await (await response).text() });
    const pages = await Promise.all([
      page('contacts', get('/staff/actions/contacts', staff)),
      page('contacts with errors', post('/staff/actions/contacts', { ownerKind: '', bodyName: XSS, contactName: '', email: 'x' }, staff)),
      page('a contact', get(`/staff/actions/contacts/${id}`, staff)),
      page('a contact with errors', post(`/staff/actions/contacts/${id}`, { version: '1', bodyName: '', contactName: '', email: 'x' }, staff)),
    ]);
    expect(await htmlProblems(pages)).toEqual([]);
  }, 90_000);
});
