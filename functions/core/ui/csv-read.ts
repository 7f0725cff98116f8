/**
 * Reading CSV that staff upload (RFC 4180: quoted cells, doubled quotes, line breaks inside quotes,
 * CRLF or LF, an optional byte-order mark). A cell the platform's own export protected from spreadsheet
 * formulas (csv.ts puts a `'` before = + - @, tab, CR) is read back as it was, so an export imports again.
 *
 *   const { header, rows } = readCsv(text);   // rows: { line, cells: Record<column, string> }
 */

export interface CsvRow {
  /** The line the row starts on in the file (the header is line 1). */
  line: number;
  cells: Record<string, string>;
}

/** Every record of the text as arrays of cells, each with the line it starts on. */
export function parseCsv(text: string): Array<{ line: number; cells: string[] }> {
  const source = text.replace(/^\uFEFF/, '');
  const records: Array<{ line: number; cells: string[] }> = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let startLine = 1;
  let atCellStart = true;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (quoted) {
      if (ch === '"' && source[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && atCellStart) {
      quoted = true;
      atCellStart = false;
    } else if (ch === ',') {
      cells.push(cell);
      cell = '';
      atCellStart = true;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && source[i + 1] === '\n') i++;
      cells.push(cell);
      records.push({ line: startLine, cells });
      cells = [];
      cell = '';
      atCellStart = true;
      line++;
      startLine = line;
    } else {
      cell += ch;
      atCellStart = false;
    }
  }
  if (cell !== '' || cells.length) {
    cells.push(cell);
    records.push({ line: startLine, cells });
  }
  return records.filter((r) => r.cells.some((c) => c.trim() !== ''));
}

/** Undoes the export's formula guard: `'=SUM(A1)` → `=SUM(A1)`. */
export const unguard = (cell: string) => (/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell);

/** The header (trimmed, lower-cased) and each row as cells by column name. */
export function readCsv(text: string): { header: string[]; rows: CsvRow[] } {
  const [head, ...body] = parseCsv(text);
  const header = (head?.cells ?? []).map((h) => h.trim().toLowerCase());
  const rows = body.map((record) => ({
    line: record.line,
    cells: Object.fromEntries(header.map((name, i) => [name, unguard(record.cells[i] ?? '')])),
  }));
  return { header, rows };
}
