/** The demo data `npm start` seeds: a closed consultation where 58% support an increase, an open one, and nothing twice. */
import { describe, expect, it } from 'vitest';
import { getConsultation, responseCount } from './consultations.js';
import { resultsOf, publicResultsOf } from './reading-results.js';
import { DEMO_CLOSED_ID, DEMO_OPEN_ID, seedDemoData } from './seed.js';

describe('demo data', () => {
  it('seeds a published closed consultation (58% for an increase) and an open one, labelled as demo data, once', async () => {
    await seedDemoData();
    const closed = (await getConsultation(DEMO_CLOSED_ID))!;
    expect(closed).toMatchObject({ demo: true, resultsPublishedAt: expect.any(String), decision: expect.stringContaining('demo data') });
    expect(await responseCount(DEMO_CLOSED_ID)).toBe(100);
    const results = await resultsOf(closed);
    const q1 = results.questions.find((q) => q.id === 'q1')!;
    expect(q1.anyIncrease!.all.share).toBe(0.58);
    expect(results.byChannel.find((c) => c.id === 'paper')!.count.count).toBeGreaterThan(0);
    expect(results.flaggedResponses).toBeGreaterThan(0);
    const published = await publicResultsOf(closed);
    expect(published.questions.find((q) => q.id === 'q1')!.anyIncrease!.all.count).toBe(58);
    expect(await responseCount(DEMO_OPEN_ID)).toBe(20);
    expect((await getConsultation(DEMO_OPEN_ID))!.demo).toBe(true);

    await seedDemoData();
    expect(await responseCount(DEMO_CLOSED_ID)).toBe(100);
    expect(await responseCount(DEMO_OPEN_ID)).toBe(20);
    expect((await resultsOf(closed)).responses.count).toBe(100);
  }, 120_000);
});
