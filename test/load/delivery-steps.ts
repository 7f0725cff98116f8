/**
 * What delivering one email costs, step by step, for the meetings section of the bench: each step of
 * core/outbox/delivery.ts `deliverClaimed`, alone, in the bench process, on real outbox items.
 */
import { SendRawEmailCommand } from '@aws-sdk/client-ses';
import type { EmailContent, EmailKind as OutboxEmailKind } from '../../functions/core/outbox/kinds.js';
import type { OutboxEmail } from '../../functions/core/outbox/outbox.js';
import type { StreamRecord } from '../../functions/core/outbox/stream.js';
import { alone, type CallTimes, type Pids, type StepCost } from './measure.js';
import type { DeliveryBreakdown, DeliveryStep } from './meetings-report.js';
import type { Platform } from './stack.js';

/**
 * Each step of delivering one email (core/outbox/delivery.ts `deliverClaimed`), alone, in the bench
 * process, on the pending outbox items of the registrations just made one at a time in `meetingId`.
 * Items are dealt out in arrival order (the first tenth were confirmed): 1 in 5 warms the delivery
 * code up in this process, 2 in 5 go through the steps one by one, and 2 in 5 are delivered whole.
 */
export async function deliverySteps(platform: Platform, pids: Pids, meetingId: string, calls: CallTimes, wholeRuns: number): Promise<DeliveryBreakdown> {
  const meetingsDelivery = (await platform.platformLoader.loadEmailDeliveries()).find((d) => d.capability === 'meetings');
  if (!meetingsDelivery) throw new Error('Meetings has no delivery function');
  const { deliverStreamBatch, emails } = meetingsDelivery;
  const { claimEmail, outboxKey, recordEmailAttempt, siteUrl } = platform.outbox;
  const { composeEmail, sendEmail } = platform.email;
  const { mintManageLink, saveManageLink } = platform.manageLinks;
  const ids = (await platform.registrationStore.listRegistrations(meetingId)).map((r) => r.lastEmailRef?.id);
  if (ids.length !== wholeRuns || ids.some((id) => !id)) throw new Error(`Expected ${wholeRuns} outbox items for ${meetingId}`);
  const dealt = (keep: (i: number) => boolean) => ids.filter((_, i) => keep(i % 5)) as string[];
  const warmIds = dealt((k) => k === 0);
  const stepIds = dealt((k) => k === 1 || k === 2);
  const wholeIds = dealt((k) => k >= 3);
  const streamRecord = (id: string): StreamRecord => ({ eventName: 'INSERT', dynamodb: { Keys: { pk: { S: outboxKey(id).pk }, sk: { S: 'OUTBOX' } } } });

  // Warm up rendering, MIME, SES and the SDK clients in this process, which has only served the API so far.
  const warm = await deliverStreamBatch(warmIds.map(streamRecord));
  if (warm.sent !== warmIds.length) throw new Error(`Warm-up delivery sent ${warm.sent} of ${warmIds.length}: ${JSON.stringify(warm)}`);
  await sendEmail({ to: 'ses-warm-up@example.org', subject: 'Warm-up', text: 'Warm-up', html: '<p>Warm-up</p>' });

  const n = stepIds.length;
  const now = new Date();
  const leaseToken = 'bench-delivery-steps';
  const leaseUntil = new Date(now.getTime() + 10 * 60_000).toISOString();
  const claimed: OutboxEmail[] = [];
  const contexts: unknown[] = [];
  const manageUrls: Array<string | undefined> = [];
  const contents: EmailContent[] = [];
  const messages: Buffer[] = [];
  const kindOf = (email: OutboxEmail): OutboxEmailKind<unknown> => {
    const kind = email.capability === emails.capability ? emails.kinds[email.kind] : undefined;
    if (!kind) throw new Error(`No email kind ${email.capability}/${email.kind}`);
    return kind;
  };
  const sesClient = calls.ses;
  const steps = {} as Record<DeliveryStep, StepCost>;
  steps.claim = await alone(pids, n, async (i) => {
    const email = await claimEmail(stepIds[i]!, now.toISOString(), leaseUntil, leaseToken);
    if (!email) throw new Error(`Outbox item ${stepIds[i]} could not be claimed`);
    claimed[i] = email;
  });
  steps.load = await alone(pids, n, async (i) => {
    const email = claimed[i]!;
    const kind = kindOf(email);
    const ctx = await kind.load(email, now);
    if (ctx === undefined || !kind.stillRelevant(ctx, email, now)) throw new Error(`Outbox item ${email.id} is no longer worth sending`);
    contexts[i] = ctx;
  });
  steps.manageLink = await alone(pids, n, async (i) => {
    const email = claimed[i]!;
    const link = kindOf(email).manageLink?.(contexts[i]);
    if (!link) return;
    const minted = mintManageLink({ capability: email.capability, purpose: link.purpose, about: link.about, validUntil: link.validUntil });
    await saveManageLink(minted.link);
    manageUrls[i] = siteUrl(`${link.path}/${minted.token}`);
  });
  steps.render = await alone(pids, n, (i) => {
    const manageUrl = manageUrls[i];
    contents[i] = kindOf(claimed[i]!).render(contexts[i], claimed[i]!, { now, ...(manageUrl ? { manageUrl } : {}) });
  });
  steps.compose = await alone(pids, n, async (i) => {
    messages[i] = await composeEmail({ to: kindOf(claimed[i]!).to(contexts[i]), ...contents[i]! });
  });
  if (!sesClient) throw new Error("The platform's SES client was not seen in this process");
  steps.send = await alone(pids, n, (i) =>
    sesClient.send(new SendRawEmailCommand({ Source: platform.config.config().senderAddress, Destinations: [kindOf(claimed[i]!).to(contexts[i])], RawMessage: { Data: messages[i]! } })),
  );
  steps.record = await alone(pids, n, async (i) => {
    if (!(await recordEmailAttempt(claimed[i]!, leaseToken, new Date().toISOString(), { status: 'sent' }))) throw new Error(`Outbox item ${claimed[i]!.id} not recorded`);
  });
  const wholeDelivery = await alone(pids, wholeIds.length, async (i) => {
    const counts = await deliverStreamBatch([streamRecord(wholeIds[i]!)]);
    if (counts.sent !== 1) throw new Error(`Delivering ${wholeIds[i]} gave ${JSON.stringify(counts)}`);
  });
  return { rush: {}, alone: steps, steps: n, wholeDelivery, wholeRuns: wholeIds.length };
}

