/**
 * No suppressed count can be worked out from what is published. Every count the public results give
 * (the public API's results, which the public page and the CSV render too: checked below) is written
 * as an equation over the data's cells, beside what the questionnaire itself tells anyone, and each
 * suppressed count is checked: not in the equations' row space (exact arithmetic), and with a range
 * of more than one value over non-negative cells, reaching outside 1 to threshold − 1 (a linear
 * program each way). On the demo consultation as `npm start` seeds it, and on made-up data with
 * many small cells.
 */
import { describe, expect, it } from 'vitest';
import { app } from './app.js';
import { getConsultation } from './consultations.js';
import { audit } from './disclosure-audit.js';
import { resultRows } from './exports.js';
import { generatedDefinition, generatedTallies } from './generated-responses.js';
import type { Consultation } from './model.js';
import { publicResultsOf } from './reading-results.js';
import { buildResults, forPublic, type Figure, type Results } from './results.js';
import { DEMO_CLOSED_ID, seedDemoData } from './seed.js';

const shownAs = (f: Figure) => (f.count === null ? 'suppressed' : f.count);

/** Each count and share the CSV shows is the published structure's, found by its labels. */
function csvAgrees(consultation: Consultation, results: Results): string[] {
  const wrong: string[] = [];
  const overall = new Map<string, Figure>();
  const groups = new Map<string, Figure>();
  for (const q of results.questions) {
    overall.set(`${q.text}|Answered`, q.answered);
    for (const o of [...q.options, ...(q.anyIncrease ? [q.anyIncrease] : [])]) overall.set(`${q.text}|${o.label}`, o.all);
    for (const b of q.breakdowns) {
      b.columns.forEach((c, i) => {
        groups.set(`${q.text}|${b.dimension}|${c.label}|Answered`, c.answered);
        for (const r of b.rows) groups.set(`${q.text}|${b.dimension}|${c.label}|${r.label}`, r.cells[i]!);
      });
    }
  }
  let breakdowns = false;
  let seen = 0;
  for (const row of resultRows(consultation, results)) {
    if (row[0] === 'Question' && row[1] === 'Breakdown') breakdowns = true;
    if (row.length < 3 || row[0] === 'Question') continue;
    const key = breakdowns ? row.slice(0, 4).join('|') : `${row[0]}|${row[1]}`;
    const figure = breakdowns ? groups.get(key) : overall.get(key);
    if (!figure) {
      if (row[1] !== 'Mean') wrong.push(`${key}: not a published figure`);
      continue;
    }
    seen++;
    const count = breakdowns ? row[4] : row[2];
    const share = breakdowns ? row[5] : row[3];
    if (count !== shownAs(figure)) wrong.push(`${key}: CSV says ${count}, the results ${shownAs(figure)}`);
    if (share !== undefined && share !== '' && share !== 'suppressed' && figure.share === undefined) wrong.push(`${key}: a share in the CSV the results do not give`);
  }
  if (seen !== overall.size + groups.size) wrong.push(`the CSV shows ${seen} of ${overall.size + groups.size} figures`);
  return wrong;
}

/** Each count and share the public page's tables show is the published structure's. */
function pageAgrees(html: string, results: Results): string[] {
  const wrong: string[] = [];
  const text = (s: string) => s.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
  for (const q of results.questions.filter((x) => !x.aboutYou && x.type !== 'text')) {
    const section = html.split(`aria-labelledby="result-${q.id}"`)[1]?.split('</section>')[0];
    if (!section) {
      wrong.push(`${q.id}: not on the page`);
      continue;
    }
    const answered = text(section.split('</p>')[0]!).match(/Answered: (\S+)/)?.[1];
    if (answered !== String(q.answered.count ?? 'Suppressed').replace(/\B(?=(\d{3})+(?!\d))/g, ',')) wrong.push(`${q.id}: the page says answered ${answered}`);
    const rows = section.split('<tbody')[1]?.split('<tr').slice(1) ?? [];
    const figures = [...(q.anyIncrease ? [q.anyIncrease] : []), ...q.options];
    if (rows.length !== figures.length) wrong.push(`${q.id}: ${rows.length} rows on the page for ${figures.length} answers`);
    rows.forEach((row, i) => {
      const o = figures[i]!;
      const cells = row.split('<td').slice(1).map(text);
      if (cells[0]?.replace(/^[^>]*>\s*/, '') !== String(o.all.count ?? 'Suppressed')) wrong.push(`${q.id} ${o.id}: the page shows ${cells[0]}`);
      if (/%/.test(cells[1] ?? '') !== (o.all.share !== undefined)) wrong.push(`${q.id} ${o.id}: the page's share does not match`);
    });
  }
  return wrong;
}

describe('the demo consultation’s published results', () => {
  it('give away no suppressed count: not by rank, not by bounds; the API, the page and the CSV show only those figures', async () => {
    await seedDemoData();
    const consultation = (await getConsultation(DEMO_CLOSED_ID))!;
    const api = await app.request(`/api/consultations/${DEMO_CLOSED_ID}/results`);
    expect(api.status).toBe(200);
    const results = ((await api.json()) as { results: Results }).results;
    expect(results).toEqual(JSON.parse(JSON.stringify(await publicResultsOf(consultation))));

    const found = await audit(consultation, results, { bounds: true });
    expect(found.problems).toEqual([]);
    expect(found.determined).toEqual([]);
    expect(found.pinned).toEqual([]);
    expect(found.small).toEqual([]);
    expect(found.hidden).toBeGreaterThan(0);
    expect(found.ranges).toHaveLength(found.hidden);

    const page = await app.request(`/consultations/${DEMO_CLOSED_ID}/results`);
    expect(page.status).toBe(200);
    expect(pageAgrees(await page.text(), results)).toEqual([]);
    expect(csvAgrees(consultation, results)).toEqual([]);
  }, 180_000);
});

describe('made-up results with many small cells', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])('give away no suppressed count (data set %i)', async (seed) => {
    const definition = generatedDefinition(seed % 3 === 0 ? { aboutYou: ['sex', 'age'] } : seed % 4 === 0 ? { threshold: 5 } : {});
    const published = forPublic(buildResults(definition, generatedTallies(definition, 20 + seed * 25, seed), { includeFlagged: true }));
    const found = await audit(definition, published, { bounds: seed === 2 });
    expect(found.problems).toEqual([]);
    expect(found.determined).toEqual([]);
    expect(found.pinned).toEqual([]);
    expect(found.small).toEqual([]);
    expect(found.hidden).toBeGreaterThan(0);
    expect(csvAgrees({ ...definition, title: 'Made up' } as Consultation, published)).toEqual([]);
  }, 120_000);
});
