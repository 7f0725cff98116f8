/**
 * Responses gathered by others (an independent body, or paper forms typed into a spreadsheet), imported
 * from CSV: a column per question, headed by the question's id (`q1`, `about-age`; `q1-other` for an
 * "Other, please say" box), a row per response. Every row is checked as a typed-in response is (its
 * answers against the consultation's own questions) and shown with its problems by row and column;
 * nothing is imported while any row has one. Imported rows are stored and counted as staff-entered
 * responses are, with the channel chosen for the file.
 *
 * An import retried or sent twice adds nothing twice: each row's response id is derived from the
 * consultation, the file's content and the row, so a row already stored is a taken id, answered as
 * `repeated`, and never stored or counted again.
 *
 *   const preview = previewResponseImport(consultation, csvText);     // rows with errors by column
 *   const { imported, repeated } = await importResponses(consultation, 'paper', csvText, { by: user.id });
 */
import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import type { FieldError } from '../core/refusal.js';
import { Refusal } from '../core/refusal.js';
import { inPool } from '../core/pool.js';
import { transactWrite } from '../core/store/transactions.js';
import { pendingClaim } from '../core/submissions.js';
import { readCsv } from '../core/ui/csv-read.js';
import { PREFER_NOT } from './about-you.js';
import { checkAnswers } from './answers.js';
import { allQuestions, optionsOf } from './definition.js';
import { LIMITS, type Answer, type Channel, type Consultation, type Question } from './model.js';
import { submitResponse } from './responding.js';
import { SHARDS } from './store/keys.js';

/** A file at most this big and this long: it travels back in the confirming form, under the platform's 64 KB body limit, and is imported within one request. */
export const IMPORT_LIMITS = { bytes: 50 * 1024, rows: 500 } as const;

export interface ImportedRow {
  /** The spreadsheet's row number (the header is row 1). */
  row: number;
  answers: Record<string, Answer>;
  errors: FieldError[];
}

export interface ImportPreview {
  /** Problems with the file as a whole (empty, too big, unknown columns). */
  fileErrors: string[];
  rows: ImportedRow[];
  /** Every row is right: the file can be imported. */
  ok: boolean;
}

/** The columns a file may have: each question's id, and `<id>-other` where it has an "Other" box. */
export function importColumns(consultation: Pick<Consultation, 'pages' | 'aboutYou'>): Array<{ column: string; question: Question; other?: boolean }> {
  return allQuestions(consultation).flatMap((question) => [
    { column: question.id.toLowerCase(), question },
    ...(optionsOf(question).some((o) => o.other) ? [{ column: `${question.id.toLowerCase()}-other`, question, other: true }] : []),
  ]);
}

/** One cell as the spreadsheet has it: text within the longest answer a question takes. */
const cell = z.string().check(z.maxLength(LIMITS.textMaxLength, { error: `Keep the cell to ${LIMITS.textMaxLength.toLocaleString('en-GB')} characters or fewer` }));

const squash = (s: string) => s.trim().toLowerCase().replace(/[’']/g, "'").replace(/\s+/g, ' ');

/** An option by its id or its label, as a spreadsheet may give either. */
function optionId(question: Question, typed: string, answersSoFar: Record<string, Answer>): string {
  const wanted = squash(typed);
  const option = optionsOf(question, answersSoFar).find((o) => o.id === wanted || squash(o.label) === wanted);
  return option?.id ?? typed.trim();
}

/** A row's cells as answers (not yet checked): choices by id or label, several separated by semicolons. */
function rowAnswers(consultation: Pick<Consultation, 'pages' | 'aboutYou'>, cells: Record<string, string>): Record<string, Answer> {
  const answers: Record<string, Answer> = {};
  for (const question of allQuestions(consultation)) {
    const typed = cells[question.id.toLowerCase()]?.trim() ?? '';
    const other = cells[`${question.id.toLowerCase()}-other`]?.trim() ?? '';
    if (!typed && !other) continue;
    switch (question.type) {
      case 'single':
      case 'scale':
      case 'precept':
      case 'area':
        answers[question.id] = { ...(typed ? { choice: optionId(question, typed, answers) } : {}), ...(other ? { other } : {}) };
        break;
      case 'multiple': {
        const choices = typed.split(';').map((t) => t.trim()).filter(Boolean).map((t) => optionId(question, t, answers));
        answers[question.id] = { ...(choices.length ? { choices } : {}), ...(other ? { other } : {}) };
        break;
      }
      case 'text':
        answers[question.id] = { text: typed };
        break;
      case 'number': {
        const digits = typed.replace(/,/g, '');
        answers[question.id] = { number: /^-?\d{1,9}$/.test(digits) ? Number(digits) : Number.NaN };
        break;
      }
      case 'outward-code':
        answers[question.id] = squash(typed) === PREFER_NOT.id || squash(typed) === squash(PREFER_NOT.label) ? { choice: PREFER_NOT.id } : { outwardCode: typed };
        break;
    }
  }
  return answers;
}

/** Checks every row of the file against the consultation's questions; writes nothing. */
export function previewResponseImport(consultation: Pick<Consultation, 'pages' | 'aboutYou'>, text: string): ImportPreview {
  const fileErrors: string[] = [];
  const bytes = Buffer.byteLength(text);
  if (bytes > IMPORT_LIMITS.bytes) fileErrors.push(`The file is ${Math.ceil(bytes / 1024)} KB: import up to ${IMPORT_LIMITS.bytes / 1024} KB at a time (split it into several files)`);
  const { header, rows } = readCsv(text);
  const known = new Set(importColumns(consultation).map((c) => c.column));
  if (!header.length) fileErrors.push('The file is empty: it needs a header row of question ids and a row for each response');
  const unknown = header.filter((h) => h && !known.has(h));
  if (unknown.length) fileErrors.push(`The header row has ${unknown.length === 1 ? 'a column' : 'columns'} that ${unknown.length === 1 ? 'is' : 'are'} not a question of this consultation: ${unknown.join(', ')}`);
  const repeated = header.filter((h, i) => h && header.indexOf(h) !== i);
  if (repeated.length) fileErrors.push(`The header row has the column ${repeated[0]} more than once`);
  if (header.length && !rows.length) fileErrors.push('The file has a header row but no responses');
  if (rows.length > IMPORT_LIMITS.rows) fileErrors.push(`The file has ${rows.length} responses: import up to ${IMPORT_LIMITS.rows} at a time (split it into several files)`);
  if (fileErrors.length) return { fileErrors, rows: [], ok: false };

  const checked = rows.map(({ line, cells }): ImportedRow => {
    const tooLong = Object.entries(cells).flatMap(([column, value]) => {
      const parsed = z.safeParse(cell, value);
      return parsed.success ? [] : [{ field: column, message: parsed.error.issues[0]!.message }];
    });
    if (tooLong.length) return { row: line, answers: {}, errors: tooLong };
    // Strict, as the API is: an answer to a question the row's other answers hide is named, not dropped.
    const { answers, errors } = checkAnswers(consultation, rowAnswers(consultation, cells), { strict: true });
    return { row: line, answers, errors };
  });
  return { fileErrors: [], rows: checked, ok: checked.every((r) => r.errors.length === 0) };
}

/** "Row 3, column q1: Select one of the options given". */
export const rowErrorText = (row: number, error: FieldError) => `Row ${row}, column ${error.field}: ${error.message}`;

const READABLE = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** The same file's row gets the same response id every time (the shard from the id's first character). */
function rowResponseId(fileKey: string, row: number): string {
  const digest = createHash('sha256').update(`${fileKey}#${row}`).digest();
  let id = READABLE[digest[0]! % SHARDS]!;
  for (let i = 1; i < 8; i++) id += READABLE[digest[i]! % READABLE.length];
  return id;
}

/** The file's key: its content as read (so line ends and a byte-order mark do not make it another file). */
function fileKey(consultationId: string, text: string): string {
  const { header, rows } = readCsv(text);
  return createHash('sha256').update(JSON.stringify([consultationId, header, rows.map((r) => [r.line, header.map((h) => r.cells[h]?.trim() ?? '')])])).digest('base64url');
}

/** Imports every row when every row is right; otherwise refuses, naming each row's problems, and writes nothing. */
export async function importResponses(
  consultation: Consultation,
  channel: Exclude<Channel, 'online'>,
  text: string,
  context: { by?: string; now?: Date } = {},
): Promise<{ imported: number; repeated: number }> {
  const preview = previewResponseImport(consultation, text);
  if (!preview.ok) {
    const fields = [
      ...preview.fileErrors.map((message) => ({ field: 'csv', message })),
      ...preview.rows.flatMap((r) => r.errors.map((e) => ({ field: `csv.row${r.row}.${e.field}`, message: rowErrorText(r.row, e) }))),
    ];
    throw new Refusal('import_invalid', 'Nothing was imported: correct the rows with problems and try again', { kind: 'invalid', fields });
  }
  if (consultation.resultsPublishedAt) throw new Refusal('results_published', 'The results have been published, so no more responses can be entered. To import some, take the results page down first.', { kind: 'conflict' });
  // The form's submission (a repeat is answered as the first was) is claimed once, before the rows:
  // rows stored eight at a time would otherwise race each other for the claim.
  if (pendingClaim()) await transactWrite([]);
  const key = fileKey(consultation.id, text);
  let imported = 0;
  let repeated = 0;
  await inPool(preview.rows, 8, async (row) => {
    const outcome = await submitResponse(consultation.id, { answers: row.answers, channel, responseId: rowResponseId(key, row.row), ...(context.by ? { enteredBy: context.by } : {}) }, context.now);
    if (outcome.outcome === 'repeated') repeated++;
    else imported++;
  });
  return { imported, repeated };
}

/** A template: the header row of every column the consultation's file may have. */
export const importTemplate = (consultation: Pick<Consultation, 'pages' | 'aboutYou'>) => [importColumns(consultation).map((c) => c.column)];
