/**
 * Spreadsheets for staff (core/ui/csv.ts guards every cell against formula injection):
 * - every response, one row each, one column per question (an "Other" answer's text in the column
 *   beside it), with its channel and duplicate flags;
 * - the results tables, as they may leave staff view: suppressed cells say so;
 * - a free-text question's answers with their themes.
 */
import { councilAreaName } from '../core/council-areas.js';
import { csvDateTime, type CsvCell } from '../core/ui/csv.js';
import { OUTSIDE_LLR } from './about-you.js';
import { answerLines } from './answers.js';
import { allQuestions } from './definition.js';
import { channelLabel, flagLabels, hasOptions, type Consultation, type StoredResponse } from './model.js';
import type { Figure, Results } from './results.js';
import type { TextAnswer } from './store/comments.js';
import { themeLabelIn, type ThemeChoice } from './tagging.js';

const areaLabel = (area: string) => (area === 'outside' ? OUTSIDE_LLR.label : area === 'unknown' ? 'Not known' : councilAreaName(area));

export function responseRows(consultation: Consultation, responses: readonly StoredResponse[]): CsvCell[][] {
  const questions = allQuestions(consultation);
  const hasOther = (q: (typeof questions)[number]) => hasOptions(q) && q.options.some((o) => o.other);
  const head: CsvCell[] = ['Reference', 'Sent (UK time)', 'Channel', 'Possible duplicate', 'Council area'];
  for (const q of questions) {
    head.push(q.text);
    if (hasOther(q)) head.push(`${q.text}: other (please say)`);
  }
  const rows = responses.map((r) => {
    const row: CsvCell[] = [r.reference, csvDateTime(r.submittedAt), channelLabel(r.channel), r.flags.map((f) => flagLabels[f]).join('; '), areaLabel(r.area)];
    for (const q of questions) {
      const answer = r.answers[q.id];
      // The option's label here; the typed "other" text in its own column.
      row.push(answer ? answerLines(q, { ...answer, other: undefined }, r.answers).join('; ') : '');
      if (hasOther(q)) row.push(answer?.other ?? '');
    }
    return row;
  });
  return [head, ...rows];
}

const percent = (share: number | undefined) => (share === undefined ? '' : (share * 100).toFixed(1));
const count = (f: Figure) => (f.count === null ? 'suppressed' : f.count);
const share = (f: Figure | undefined) => (!f ? '' : f.count === null ? 'suppressed' : percent(f.share));
const low = (f: Figure | undefined) => (!f || f.count === null ? '' : percent(f.interval?.low));
const high = (f: Figure | undefined) => (!f || f.count === null ? '' : percent(f.interval?.high));

/** The results tables (give them `forPublic(results)` for anything that leaves staff view). */
export function resultRows(consultation: Consultation, results: Results): CsvCell[][] {
  const rows: CsvCell[][] = [
    [`Results: ${consultation.title}`],
    [`Responses: ${count(results.responses)}. Flagged possible duplicates ${results.includeFlagged ? 'included' : 'left out'}. Counts from 1 to ${results.suppressionThreshold - 1} are suppressed, and so are other cells that would let them be worked out. 95% confidence intervals (Wilson).`],
    [],
    ['Question', 'Answer', 'Count', '% of those answering', '95% CI low', '95% CI high', '% excluding don’t know', '95% CI low', '95% CI high', 'Weighted %', 'Weighted 95% CI low', 'Weighted 95% CI high', 'Effective sample size'],
  ];
  for (const q of results.questions) {
    rows.push([q.text, 'Answered', count(q.answered)]);
    for (const o of [...q.options, ...(q.anyIncrease ? [q.anyIncrease] : [])]) {
      const w = o.weighted;
      rows.push([
        q.text,
        o.label,
        count(o.all),
        share(o.all),
        low(o.all),
        high(o.all),
        share(o.withoutDontKnow),
        low(o.withoutDontKnow),
        high(o.withoutDontKnow),
        w === null ? 'suppressed' : percent(w?.share),
        w ? percent(w.interval?.low) : '',
        w ? percent(w.interval?.high) : '',
        w && q.effectiveN !== undefined ? q.effectiveN.toFixed(1) : '',
      ]);
    }
    if (q.mean !== undefined) rows.push([q.text, 'Mean', q.mean === null ? 'suppressed' : q.mean.value.toFixed(2), '', q.mean?.interval ? q.mean.interval.low.toFixed(2) : '', q.mean?.interval ? q.mean.interval.high.toFixed(2) : '']);
  }
  rows.push([], ['Question', 'Breakdown', 'Group', 'Answer', 'Count', '% of the group answering']);
  for (const q of results.questions) {
    for (const b of q.breakdowns) {
      b.columns.forEach((column, i) => {
        rows.push([q.text, b.dimension, column.label, 'Answered', count(column.answered), '']);
        for (const row of b.rows) rows.push([q.text, b.dimension, column.label, row.label, count(row.cells[i]!), share(row.cells[i])]);
      });
    }
  }
  return rows;
}

export function commentRows(questionText: string, texts: readonly TextAnswer[], choices: readonly ThemeChoice[]): CsvCell[][] {
  return [
    ['Reference', 'Sent (UK time)', 'Question', 'Answer', 'Themes', 'Possible duplicate'],
    ...texts.map((t) => [t.reference, csvDateTime(t.submittedAt), questionText, t.text, t.themes.map((id) => themeLabelIn(choices, id)).join('; '), t.flagged ? 'Yes' : '']),
  ];
}
