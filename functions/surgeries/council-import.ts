/**
 * Importing and exporting the council list as CSV. An import is previewed first: every row is checked
 * (the fields, the district, duplicates in the file and on the list, ids that do not exist) and shown
 * with its problems; nothing is written unless every row is right. A row with an `id` updates that
 * council; a row without one adds a new council. The export has the same columns, so it imports again.
 */
import * as z from 'zod/mini';
import { councilAreaCodes, councilAreaName, councilAreas, type CouncilAreaCode } from '../core/council-areas.js';
import { Refusal } from '../core/refusal.js';
import type { CsvCell } from '../core/ui/csv.js';
import { readCsv } from '../core/ui/csv-read.js';
import { addCouncil, editCouncil } from './councils.js';
import { activeUpcoming, councilInput, governanceKinds, labelOf, type Council, type CouncilInput } from './model.js';
import { allCouncils } from './store/councils.js';

export const IMPORT_COLUMNS = ['id', 'name', 'district', 'parishes', 'clerk_name', 'clerk_email', 'governance'] as const;
export const MAX_IMPORT_ROWS = 500;

export interface ImportRow {
  line: number;
  /** What the row would do. */
  action: 'add' | 'update' | 'none';
  name: string;
  district: string;
  id?: string;
  input?: CouncilInput;
  /** The council's version when previewed: the update is made against it. */
  version?: number;
  errors: string[];
}

export interface ImportPreview {
  rows: ImportRow[];
  /** Problems with the file as a whole (no header, missing columns, too many rows). */
  fileErrors: string[];
  ok: boolean;
}

const squash = (s: string) => s.trim().toLowerCase().replace(/&/g, 'and').replace(/\s+/g, ' ');

function districtFrom(text: string): CouncilAreaCode | undefined {
  const wanted = squash(text);
  return councilAreas.find((a) => a.code.toLowerCase() === wanted || squash(a.name) === wanted)?.code;
}

const governanceFrom = (text: string) => governanceKinds.find((g) => g.id === squash(text).replace(/ /g, '-') || squash(g.label) === squash(text))?.id;

export async function previewImport(text: string, now: Date = new Date()): Promise<ImportPreview> {
  const { header, rows } = readCsv(text);
  const fileErrors: string[] = [];
  if (!header.length) fileErrors.push('The file is empty: it needs a header row and a row for each council');
  const missing = ['name', 'district', 'governance'].filter((c) => header.length && !header.includes(c) && !(c === 'district' && header.includes('district_code')));
  if (missing.length) fileErrors.push(`The header row is missing the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (expected: ${IMPORT_COLUMNS.join(', ')})`);
  if (rows.length > MAX_IMPORT_ROWS) fileErrors.push(`The file has ${rows.length} rows: import up to ${MAX_IMPORT_ROWS} at a time`);
  if (!rows.length && header.length) fileErrors.push('The file has a header row but no councils');
  if (fileErrors.length) return { rows: [], fileErrors, ok: false };

  const existing = await allCouncils();
  const byId = new Map(existing.map((c) => [c.id, c]));
  const byName = new Map(existing.map((c) => [`${c.districtCode}|${squash(c.name)}`, c]));
  const seenInFile = new Map<string, number>();
  const out = rows.map(({ line, cells }): ImportRow => {
    const errors: string[] = [];
    const id = cells['id']?.trim() || undefined;
    const districtText = (cells['district'] || cells['district_code'] || '').trim();
    const districtCode = districtFrom(districtText);
    if (!districtText) errors.push('Enter the district');
    else if (!districtCode) errors.push(`“${districtText}” is not a district of Leicestershire or Rutland, or Leicester`);
    const governanceText = (cells['governance'] ?? '').trim();
    const governance = governanceFrom(governanceText);
    if (!governanceText) errors.push('Enter the governance: parish council, town council or parish meeting');
    else if (!governance) errors.push(`“${governanceText}” is not a parish council, town council or parish meeting`);
    const parsed = z.safeParse(councilInput, {
      name: cells['name'] ?? '',
      districtCode: districtCode ?? councilAreaCodes[0],
      parishes: (cells['parishes'] ?? '').split(';').map((p) => p.trim()).filter(Boolean),
      clerkName: cells['clerk_name'] ?? '',
      clerkEmail: cells['clerk_email'] ?? '',
      governance: governance ?? 'parish-council',
    });
    if (!parsed.success) errors.push(...parsed.error.issues.map((i) => i.message));
    const name = (cells['name'] ?? '').trim();
    const base = { line, name, district: districtCode ? councilAreaName(districtCode) : districtText, ...(id ? { id } : {}) };
    if (errors.length || !parsed.success) return { ...base, action: 'none', errors };
    const input = parsed.data;
    const key = `${input.districtCode}|${squash(input.name)}`;
    const earlier = seenInFile.get(key);
    if (earlier !== undefined) errors.push(`The same council is on line ${earlier}`);
    else seenInFile.set(key, line);
    let current: Council | undefined;
    if (id) {
      current = byId.get(id);
      if (!current) errors.push(`There is no council with the id ${id}: leave the id empty to add a new council`);
      else if (current.districtCode !== input.districtCode && activeUpcoming(current, now).length) errors.push('This council has upcoming bookings, so it cannot move to another district');
      const other = byName.get(key);
      if (other && other.id !== id) errors.push(`${other.name} in ${councilAreaName(other.districtCode)} is already on the list with the id ${other.id}`);
    } else {
      const other = byName.get(key);
      if (other) errors.push(`${other.name} is already on the list (id ${other.id}): put its id in the row to update it`);
    }
    return { ...base, action: errors.length ? 'none' : id ? 'update' : 'add', input, ...(current ? { version: current.version } : {}), errors };
  });
  return { rows: out, fileErrors: [], ok: out.every((r) => r.errors.length === 0) };
}

/** Imports the file when every row is right; otherwise refuses, naming each row's problems, and writes nothing. */
export async function importCouncils(text: string, now: Date = new Date()): Promise<{ added: number; updated: number; preview: ImportPreview }> {
  const preview = await previewImport(text, now);
  if (!preview.ok) {
    const fields = [
      ...preview.fileErrors.map((message) => ({ field: 'csv', message })),
      ...preview.rows.flatMap((r) => r.errors.map((message) => ({ field: `csv.line${r.line}`, message: `Line ${r.line}: ${message}` }))),
    ];
    throw new Refusal('import_invalid', 'Nothing was imported: correct the rows with problems and try again', { kind: 'invalid', fields });
  }
  let added = 0;
  let updated = 0;
  for (const row of preview.rows) {
    if (row.action === 'add') {
      await addCouncil(row.input!, now);
      added++;
    } else if (row.action === 'update') {
      await editCouncil(row.id!, row.input!, now, row.version);
      updated++;
    }
  }
  return { added, updated, preview };
}

export function councilRows(councils: readonly Council[]): CsvCell[][] {
  return [
    [...IMPORT_COLUMNS, 'district_code', 'status'],
    ...[...councils]
      .sort((a, b) => councilAreaName(a.districtCode).localeCompare(councilAreaName(b.districtCode)) || a.name.localeCompare(b.name))
      .map((c) => [c.id, c.name, councilAreaName(c.districtCode), c.parishes.join('; '), c.clerkName, c.clerkEmail, labelOf(governanceKinds, c.governance), c.districtCode, c.status]),
  ];
}
