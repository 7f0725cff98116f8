/**
 * Every form the platform has, posted twice with the same submission key, changes the table once: the
 * walk takes each capability's POST page routes from its app, posts the capability's example for it
 * (functions/<name>/form-examples.ts), notes every item of its own table, posts the very same form
 * again, and finds the table as it was, but for the platform's bookkeeping (the submission's own item,
 * rate-limit counters; no email is delivered meanwhile, so the outbox stands still). Both posts get the same answer. A form without an
 * example fails the walk, naming it. After each form the items it made are deleted, so each snapshot
 * reads one form's items, not every form's before it (which took this walk six minutes).
 */
import { BatchWriteItemCommand, ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { capabilities } from '../../functions/capabilities.js';
import { dynamo } from '../../functions/core/store/dynamo.js';
import { submissionFor } from '../../functions/core/ui/post-form.js';
import { loadCapabilities } from '../../functions/platform.js';
import type { FormExample } from '../support/form-examples.js';
import { useOwnTable } from '../support/own-table.js';
import { ORIGIN } from '../support/requests.js';
import { adminToken, bearer, staffToken } from '../support/tokens.js';

let tableName: string;
/** The keys the table had before any form was posted: kept between forms. */
let startingKeys: Set<string>;
beforeAll(async () => {
  ({ tableName } = await useOwnTable('double-post', { delivery: 'manual' }));
  startingKeys = new Set(await everyKey());
}, 60_000);

const keyOf = (item: Record<string, AttributeValue>) => JSON.stringify([item['pk']!.S!, item['sk']!.S!]);

async function everyKey(): Promise<string[]> {
  const keys: string[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await dynamo().send(new ScanCommand({ TableName: tableName, ConsistentRead: true, ProjectionExpression: 'pk, sk', ...(start ? { ExclusiveStartKey: start } : {}) }));
    keys.push(...(page.Items ?? []).map(keyOf));
    start = page.LastEvaluatedKey;
  } while (start);
  return keys;
}

afterEach(async () => {
  const made = (await everyKey()).filter((key) => !startingKeys.has(key));
  for (let i = 0; i < made.length; i += 25) {
    const requests = made.slice(i, i + 25).map((key) => {
      const [pk, sk] = JSON.parse(key) as [string, string];
      return { DeleteRequest: { Key: { pk: { S: pk }, sk: { S: sk } } } };
    });
    let pending: typeof requests | undefined = requests;
    while (pending?.length) pending = (await dynamo().send(new BatchWriteItemCommand({ RequestItems: { [tableName]: pending } }))).UnprocessedItems?.[tableName] as typeof requests | undefined;
  }
}, 60_000);

/** Items the platform writes for itself whatever a form does: not the form's change. */
/** (ACCESS#: the access record, where every look at personal data is written, a repeated one too.) */
const BOOKKEEPING = /^(IDEMPOTENCY#|RATE#|SIGNEDOUT#|ACCESS#)/;

async function snapshot(): Promise<Map<string, string>> {
  const items = new Map<string, string>();
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await dynamo().send(new ScanCommand({ TableName: tableName, ConsistentRead: true, ...(start ? { ExclusiveStartKey: start } : {}) }));
    for (const item of page.Items ?? []) {
      const pk = item['pk']!.S!;
      if (BOOKKEEPING.test(pk)) continue;
      items.set(`${pk} ${item['sk']!.S!}`, JSON.stringify(Object.entries(item).sort(([a], [b]) => a.localeCompare(b))));
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

function difference(before: Map<string, string>, after: Map<string, string>): string[] {
  const changed: string[] = [];
  for (const [key, value] of after) if (before.get(key) !== value) changed.push(before.has(key) ? `changed ${key}` : `added ${key}`);
  for (const key of before.keys()) if (!after.has(key)) changed.push(`removed ${key}`);
  return changed;
}

const apps = await loadCapabilities();
const forms = apps.flatMap((cap) =>
  [...new Set(cap.app.routes.filter((r) => r.method === 'POST' && !r.path.startsWith('/api/')).map((r) => r.path))].map((route) => ({ capability: cap.name, app: cap.app, route })),
);
const examples = new Map<string, FormExample>();
for (const cap of capabilities) {
  let module: { formExamples?: FormExample[] } = {};
  try {
    module = (await import(`../../functions/${cap.name}/form-examples.ts`)) as { formExamples?: FormExample[] };
  } catch {
    // no forms, or no examples yet: the walk names each form without one
  }
  for (const example of module.formExamples ?? []) examples.set(`${cap.name} ${example.route}`, example);
}

describe('every form, posted twice', () => {
  it('has an example to post', () => {
    expect(forms.filter((f) => !examples.has(`${f.capability} ${f.route}`)).map((f) => `${f.capability} POST ${f.route}`)).toEqual([]);
  });

  it.each(forms.map((f) => [`${f.capability} POST ${f.route}`, f] as const))('%s changes the table once', async (_name, form) => {
    const example = examples.get(`${form.capability} ${form.route}`);
    if (!example) return; // reported above
    const { path, fields, headers = {} } = await example.prepare();
    const token = example.as === 'admin' ? await adminToken() : example.as === 'staff' ? await staffToken() : undefined;
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries({ ...fields, submission: submissionFor() })) {
      for (const v of typeof value === 'string' ? [value] : value) body.append(name, v);
    }
    const post = () =>
      form.app.request(path, {
        method: 'POST',
        headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded', ...(token ? bearer(token) : {}), ...headers },
        body: body.toString(),
      });
    const first = await post();
    expect(first.status, `${path} answered ${first.status}: ${(await first.clone().text()).slice(0, 400)}`).toBe(example.status ?? 303);
    const before = await snapshot();
    const second = await post();
    expect(second.status).toBe(first.status);
    expect(second.headers.get('location')).toBe(first.headers.get('location'));
    expect(difference(before, await snapshot())).toEqual([]);
  });
});
