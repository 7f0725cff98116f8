/**
 * What was decided after a consultation, raised as actions through core's action contract, against
 * DynamoDB Local: staff (the lowest role that may) raise one from a closed consultation's page and see
 * it listed there, the action log finds it under Consultations, and nothing is raised from a
 * consultation that is still open, or that opened again after staff last looked.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { redirectPath, requestsTo } from '../../test/support/requests.js';
import { bearer, staffToken } from '../../test/support/tokens.js';
import { actionsFrom } from '../core/actions/store.js';
import { Refusal } from '../core/refusal.js';
import { app } from './app.js';
import { closeConsultation, updateDetails } from './consultations.js';
import { anOpenConsultation, exampleConsultation } from './fixtures.js';
import { raiseAction } from './raising-actions.js';

const { get, post } = requestsTo(app);
let auth: Record<string, string>;
beforeAll(async () => {
  auth = bearer(await staffToken());
});
const text = async (r: Response) => (await r.text()).replace(/\s+/g, ' ');
const DAY = 86_400_000;

describe('raising an action from a closed consultation', () => {
  it('is offered on its page, explains mistakes, and lists the action there with the consultation as its source', async () => {
    const consultation = await closeConsultation((await anOpenConsultation()).id);
    const base = `/staff/consultations/${consultation.id}`;
    const page = await text(await get(base, auth));
    expect(page).toContain('Actions from this consultation');
    expect(page).toContain('No actions yet.');
    expect(page).toContain(`href="${base}/actions/new"`);
    expect((await get(`${base}/actions/new`, auth)).status).toBe(200);

    const bad = await post(`${base}/actions/new`, { what: '', ownerKind: 'other-organisation', ownerName: '' }, auth);
    expect(bad.status).toBe(400);
    const errors = await text(bad);
    expect(errors).toContain('<a href="#what">');
    expect(errors).toContain('<a href="#ownerName">Enter the name of the owner</a>');
    expect(await actionsFrom('consultations', consultation.id)).toEqual([]);

    const raised = await post(`${base}/actions/new`, { what: 'Ask the Chief Constable for <b>more</b> foot patrols', ownerKind: 'chief-constable', ownerName: '', theme: 'police-visibility' }, auth);
    expect(raised.status).toBe(303);
    expect(redirectPath(raised)).toBe(`${base}?done=action-raised`);
    const [action, ...others] = await actionsFrom('consultations', consultation.id);
    expect(others).toEqual([]);
    expect(action).toMatchObject({
      what: 'Ask the Chief Constable for <b>more</b> foot patrols',
      owner: { kind: 'chief-constable' },
      status: 'open',
      source: { capability: 'consultations', kind: 'consultation', id: consultation.id, label: `Consultation: ${consultation.title}`, href: base },
    });
    const after = await text(await get(`${base}?done=action-raised`, auth));
    expect(after).toContain('Action raised: it is on the action log');
    expect(after).toContain(`href="/staff/actions/${action!.id}"`);
    expect(after).toContain('Ask the Chief Constable for &lt;b&gt;more&lt;/b&gt; foot patrols');
    expect(after).not.toContain('No actions yet.');
  });

  it('reaches the action log, under Consultations', async () => {
    const consultation = await closeConsultation((await anOpenConsultation()).id);
    const what = `Publish the precept decision in the parish newsletters ${consultation.id}`;
    await raiseAction(consultation, { what, owner: { kind: 'deputy-commissioner' } }, { by: 'A. Officer' });
    const { createPlatformApp } = await import('../../local/server.js');
    const log = await text(await (await createPlatformApp()).request('/staff/actions?source=consultations', { headers: auth }));
    expect(log).toContain(what);
    expect(log).toContain(`Consultation: ${consultation.title}`);
  });
});

describe('no action is raised from a consultation that is not closed', () => {
  it('is not offered while it is open, and a post is refused with nothing written', async () => {
    const consultation = await anOpenConsultation();
    const base = `/staff/consultations/${consultation.id}`;
    expect(await text(await get(base, auth))).not.toContain('Raise an action');
    expect(redirectPath(await get(`${base}/actions/new`, auth))).toBe(base);
    const refused = await post(`${base}/actions/new`, { what: 'Too early', ownerKind: 'chief-constable' }, auth);
    expect(refused.status).toBe(409);
    expect(await text(refused)).toContain('Actions are raised once the consultation has closed');
    expect(await actionsFrom('consultations', consultation.id)).toEqual([]);
  });

  it('refuses, in the same transaction as the action, one that opened again after staff last looked', async () => {
    // Closed by its closing time passing; then staff moved the closing time on, so it is open again.
    const opened = new Date(Date.now() - 10 * DAY);
    const seen = await anOpenConsultation({ details: { opensAt: opened.toISOString(), closesAt: new Date(Date.now() - DAY).toISOString() } }, opened);
    await updateDetails(seen.id, { ...exampleConsultation().details, title: seen.title, opensAt: seen.opensAt, closesAt: new Date(Date.now() + 5 * DAY).toISOString() });
    const refusal = await raiseAction(seen, { what: 'Too early after all', owner: { kind: 'chief-constable' } }, { by: 'A. Officer' }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(Refusal);
    expect((refusal as Refusal).code).toBe('not_closed');
    expect(await actionsFrom('consultations', seen.id)).toEqual([]);
  });
});
