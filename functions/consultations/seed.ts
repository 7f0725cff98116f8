/**
 * Demo consultations for `npm start`, labelled as demo data wherever they show:
 *
 * - a closed one resembling the 2024/25 precept consultation (Band D options, priorities, comments),
 *   with 100 made-up responses of which 58% support an increase, some on paper and at events, some
 *   comments tagged, the results published with what was decided;
 * - an open one, with a few dozen responses so the live results have something to show.
 *
 * Idempotent: fixed ids, responses with fixed ids (a second run stores nothing twice and counts
 * nothing twice), and each step skipped once done.
 */
import { councilAreaCodes } from '../core/council-areas.js';
import { logger } from '../core/log.js';
import { inPool } from '../core/pool.js';
import { ageBands, disabilityAnswers, ethnicGroups, sexes } from './about-you.js';
import { createConsultationWithId, getConsultation, publishConsultation, publishResults, recordDecision, responseCount } from './consultations.js';
import { examplePages, exampleConsultation } from './fixtures.js';
import type { Answers, Channel, Consultation, ConsultationInput } from './model.js';
import { submitResponse } from './responding.js';
import { SHARDS } from './store/keys.js';
import { textsPage } from './store/comments.js';
import { tagAnswer } from './tagging.js';

const DAY = 86_400_000;
const READABLE = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** A fixed response id for the i-th demo response (its shard from the first character, as references.ts reads it). */
function demoResponseId(prefix: string, i: number): string {
  let rest = '';
  let n = i;
  for (let k = 0; k < 6; k++) {
    rest = READABLE[n % 32]! + rest;
    n = Math.floor(n / 32);
  }
  return `${READABLE[i % SHARDS]}${prefix}${rest}`;
}

/** A small deterministic random sequence, so every run makes the same demo responses. */
function random(seed: number) {
  let s = seed;
  return () => ((s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
}

function pick<T>(r: () => number, items: ReadonlyArray<readonly [T, number]>): T {
  const total = items.reduce((sum, [, w]) => sum + w, 0);
  let x = r() * total;
  for (const [item, w] of items) if ((x -= w) < 0) return item;
  return items.at(-1)![0];
}

/** Outward codes by rough share of responses (Leicester and the districts around it). */
const POSTCODES: ReadonlyArray<readonly [string, number]> = [
  ['LE1', 3], ['LE2', 8], ['LE3', 7], ['LE4', 7], ['LE5', 6], ['LE11', 8], ['LE12', 4], ['LE13', 3], ['LE10', 5], ['LE9', 4],
  ['LE65', 3], ['LE67', 4], ['LE15', 3], ['LE16', 3], ['LE17', 3], ['LE18', 3], ['LE19', 3], ['LE7', 4], ['LE8', 3], ['NG1', 1],
];

const COMMENTS = [
  'We never see police officers in our village any more.',
  'Speeding on the main road through the village is dangerous, especially near the school.',
  'I cannot afford any more on my council tax this year.',
  'More needs to be done about drug dealing in the town centre.',
  'Anti-social behaviour in the park every evening: please do something.',
  'The 101 number takes far too long to answer.',
  'Happy to pay more if it means more neighbourhood officers.',
  'Fraud against older people is rising and nobody seems to investigate.',
  'Shoplifting is out of control in the high street.',
  'Please focus on violence against women and girls.',
];

function demoAnswers(i: number, r: () => number, preceptIncreases: readonly string[]): { answers: Answers; channel: Channel } {
  // Exactly 29 in every 50 choose an increase: 58%, as the 2024/25 report said ("58% of people asked
  // indicated that they felt police funding should be increased").
  const support = i % 50 < 29;
  const q1 = support ? pick(r, preceptIncreases.map((id, i) => [id, [5, 3, 2][i] ?? 1] as const)) : r() < 0.86 ? 'increase-0' : 'dont-know';
  const victim = r() < 0.18;
  const postcode = pick(r, POSTCODES);
  const answers: Answers = {
    q1: { choice: q1 },
    q2: { choice: pick(r, [['strongly-agree', support ? 4 : 1], ['agree', support ? 5 : 2], ['neither', 2], ['disagree', support ? 1 : 4], ['strongly-disagree', support ? 1 : 3], ['dont-know', 1]]) },
    q3: { choices: [...new Set([pick(r, [['o1', 5], ['o2', 3], ['o3', 4]]), pick(r, [['o4', 3], ['o5', 3], ['o6', 4], ['o7', 1], ['o8', 2]])])] },
    q4: { choice: victim ? 'o1' : pick(r, [['o2', 9], ['o3', 1]]) },
    ...(victim ? { q5: { choice: r() < 0.6 ? 'o1' : 'o2' } } : {}),
    ...(r() < 0.3 ? { q6: { text: COMMENTS[Math.floor(r() * COMMENTS.length)]! } } : {}),
    'about-age': { choice: pick(r, ageBands.map((b, i) => [b.id, [1, 4, 8, 10, 12, 13, 12, 7, 3][i] ?? 1] as const)) },
    'about-sex': { choice: pick(r, sexes.map((s, i) => [s.id, [10, 9, 1][i] ?? 1] as const)) },
    'about-ethnicity': { choice: pick(r, ethnicGroups.map((g) => [g.id, g.id === 'white-british' ? 60 : g.id === 'asian-indian' ? 14 : 1] as const)) },
    'about-disability': { choice: pick(r, disabilityAnswers.map((d, i) => [d.id, [2, 3, 12, 1][i] ?? 1] as const)) },
    'about-postcode': { outwardCode: postcode },
  };
  // Where a district spans councils, the respondent said which (mostly the largest).
  if (['LE2', 'LE3', 'LE4', 'LE7', 'LE8', 'LE9', 'LE10', 'LE12', 'LE15', 'LE16', 'LE18', 'LE65', 'LE67'].includes(postcode)) {
    const spans: Record<string, string[]> = {
      LE2: ['E06000016', 'E07000135'], LE3: ['E06000016', 'E07000129'], LE4: ['E06000016', 'E07000130'], LE7: ['E07000130', 'E07000131'],
      LE8: ['E07000129', 'E07000131'], LE9: ['E07000132', 'E07000129'], LE10: ['E07000132'], LE12: ['E07000130'], LE15: ['E06000017'],
      LE16: ['E07000131'], LE18: ['E07000135'], LE65: ['E07000134'], LE67: ['E07000134', 'E07000132'],
    };
    const options = spans[postcode]!.filter((code) => (councilAreaCodes as readonly string[]).includes(code));
    answers['about-area'] = { choice: r() < 0.9 ? options[0]! : (options[1] ?? 'not-sure') };
  }
  const channel = pick<Channel>(r, [['online', 90], ['paper', 8], ['event', 2]]);
  return { answers, channel };
}

/** The demo's made-up responses, the same on every run (the suppression audit reads them too). */
export function demoResponses(count: number, seed: number, preceptIncreases: readonly string[]): Array<{ i: number; answers: Answers; channel: Channel }> {
  const r = random(seed);
  return Array.from({ length: count }, (_, i) => ({ i, ...demoAnswers(i, r, preceptIncreases) }));
}

async function seedResponses(c: Consultation, count: number, prefix: string, at: Date, seed: number): Promise<void> {
  if ((await responseCount(c.id)) >= count) return;
  const increases = c.pages[0]!.questions[0]!.type === 'precept' ? c.pages[0]!.questions[0]!.options.filter((o) => (o.increasePence ?? 0) > 0).map((o) => o.id) : [];
  const all = demoResponses(count, seed, increases);
  await inPool(all, 8, async ({ i, answers, channel }) => {
    const when = new Date(at.getTime() + i * 60_000);
    // Now and then a second response from the same network address that day: flagged, as it would be.
    await submitResponse(c.id, { answers, channel, responseId: demoResponseId(prefix, i), clientAddress: `demo-${i % 97 === 96 ? i - 1 : i}` }, when);
  });
}

/** Tags the first page of comments, as staff might have. */
async function tagSomeComments(c: Consultation): Promise<void> {
  const { texts } = await textsPage(c.id, 'q6', { limit: 20 });
  const themeFor = (text: string) =>
    /speed/i.test(text) ? 'speeding-road-safety' : /drug/i.test(text) ? 'drugs' : /anti-social/i.test(text) ? 'anti-social-behaviour' : /fraud/i.test(text) ? 'fraud-scams' : /101/.test(text) ? 'contacting-police' : /officers/i.test(text) ? 'police-visibility' : undefined;
  for (const t of texts) {
    const theme = themeFor(t.text);
    if (theme && t.themes.length === 0) await tagAnswer(c, 'q6', t.responseId, [theme], t.tagVersion).catch(() => undefined);
  }
}

export const DEMO_CLOSED_ID = 'demo-precept-2024-25';
export const DEMO_OPEN_ID = 'demo-precept-open';

/** The closed one: as the 2024/25 consultation ran (December to January), with its own Band D options. */
export function demoClosedInput(): ConsultationInput {
  const opensAt = new Date('2023-12-04T09:00:00Z');
  const closesAt = new Date('2024-01-14T23:59:00Z');
  const pages = examplePages();
  const precept = pages[0]!.questions[0]!;
  if (precept.type === 'precept') Object.assign(precept, { bandDPence: 28_737, increasesPence: [0, 1000, 1300, 1500] });
  return exampleConsultation({ details: { title: 'Demo: Police precept consultation 2024/25', opensAt: opensAt.toISOString(), closesAt: closesAt.toISOString() }, pages }, opensAt);
}
export const DEMO_CLOSED_RESPONSES = { count: 100, seed: 2024 };

export async function seedDemoData(now: Date = new Date()): Promise<void> {
  const closedInput = demoClosedInput();
  const opensAt = new Date(closedInput.details.opensAt);
  let closed = (await createConsultationWithId(DEMO_CLOSED_ID, closedInput, opensAt, { demo: true })).consultation;
  if (closed.status === 'draft') closed = await publishConsultation(closed.id, opensAt);
  await seedResponses(closed, DEMO_CLOSED_RESPONSES.count, 'C', new Date(opensAt.getTime() + DAY), DEMO_CLOSED_RESPONSES.seed);
  await tagSomeComments(closed);
  if (!closed.decision) {
    closed = await recordDecision(
      closed.id,
      'The Commissioner proposed a £13 a year increase for a Band D home (about £1.08 a month), to keep neighbourhood policing at its current strength. The Police and Crime Panel supported the proposal on 1 February 2024.\n\nThis is demo data: the figures and the decision are made up to show how the service works.',
      now,
    );
  }
  if (!closed.resultsPublishedAt) await publishResults(closed.id, { includeFlagged: true }, now);

  // The open one: opened three days ago, closes in about six weeks.
  const openInput = exampleConsultation(
    { details: { title: 'Demo: Police precept consultation (open now)', opensAt: new Date(now.getTime() - 3 * DAY).toISOString(), closesAt: new Date(now.getTime() + 40 * DAY).toISOString() } },
    now,
  );
  let open = (await getConsultation(DEMO_OPEN_ID)) ?? (await createConsultationWithId(DEMO_OPEN_ID, openInput, now, { demo: true })).consultation;
  if (open.status === 'draft') open = await publishConsultation(open.id, now);
  if (open.closesAt > now.toISOString()) await seedResponses(open, 20, 'N', new Date(Math.max(Date.parse(open.opensAt), now.getTime() - 2 * DAY)), 2026);
  logger.info('consultations demo data ready', { closed: closed.id, open: open.id });
}
