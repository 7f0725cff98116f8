import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.js';
import { parseCsv, readCsv } from './csv-read.js';

describe('readCsv', () => {
  it('reads quoted cells, doubled quotes, line breaks in quotes, CRLF and a byte-order mark', () => {
    const text = '\uFEFFName,Notes\r\n"Glenfield, Parish","He said ""hi""\nthen left"\r\nBlaby,plain\n';
    expect(readCsv(text)).toEqual({
      header: ['name', 'notes'],
      rows: [
        { line: 2, cells: { name: 'Glenfield, Parish', notes: 'He said "hi"\nthen left' } },
        { line: 4, cells: { name: 'Blaby', notes: 'plain' } },
      ],
    });
  });

  it('reads back what the export wrote, formula guard included, and skips blank lines', () => {
    const rows = [['name', 'note'], ['=SUM(A1)', ' padded '], ['-2', '<script>']];
    const parsed = readCsv(toCsv(rows) + '\r\n,\r\n');
    expect(parsed.rows.map((r) => [r.cells['name'], r.cells['note']])).toEqual([['=SUM(A1)', ' padded '], ['-2', '<script>']]);
  });

  it('gives missing cells as empty', () => {
    expect(parseCsv('a,b\n1')).toEqual([{ line: 1, cells: ['a', 'b'] }, { line: 2, cells: ['1'] }]);
    expect(readCsv('a,b\n1').rows[0]!.cells).toEqual({ a: '1', b: '' });
  });
});
