import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { councilAreaCodes } from '../../core/council-areas.js';
import { population2021, postcodeDistricts } from './llr-data.js';

const rows = (file: string) =>
  readFileSync(new URL(file, import.meta.url), 'utf8')
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((line) => line.split(','));

describe('the bundled LLR figures', () => {
  it('are the postcode districts CSV, row for row', () => {
    const fromCsv = rows('./llr-postcode-districts.csv').map((r) => ({
      outwardCode: r[0],
      shares: Object.fromEntries(r[6]!.split(';').map((part) => part.split(':')).map(([k, v]) => [k === 'outside_LLR' ? 'outside' : k, Number(v)])),
    }));
    expect(postcodeDistricts).toEqual(fromCsv);
  });

  it('are the population CSV, for every council area', () => {
    const fromCsv = Object.fromEntries(rows('./llr-population-2021.csv').map((r) => [r[0], Number(r[2])]));
    expect(population2021).toEqual(fromCsv);
    expect(Object.keys(population2021).sort()).toEqual([...councilAreaCodes].sort());
  });
});
