/**
 * The LLR figures consultations use, as TypeScript so they are bundled into the Lambda (the CSV files
 * beside this one are the copies of the shared data they come from; llr-data.test.ts keeps them equal).
 * Attribution: see README.md, and `DATA_SOURCES` below, which the pages show.
 */
import type { CouncilAreaCode } from '../../core/council-areas.js';

export const DATA_SOURCES =
  'Council areas from postcode districts and population: Office for National Statistics (Census 2021 TS001; Output Area to Postcode Sector 2011), licensed under the Open Government Licence v.3.0.';

/** Percentage of an outward code's 2011 residential output areas in each council area, and outside LLR. */
export type DistrictShares = Partial<Record<CouncilAreaCode | 'outside', number>>;

export const postcodeDistricts: ReadonlyArray<{ outwardCode: string; shares: DistrictShares }> = [
  { outwardCode: 'CV9', shares: { E07000132: 11, outside: 89 } },
  { outwardCode: 'CV13', shares: { E07000132: 100 } },
  { outwardCode: 'DE11', shares: { E07000134: 5, outside: 95 } },
  { outwardCode: 'DE12', shares: { E07000134: 61, outside: 39 } },
  { outwardCode: 'DE73', shares: { E07000134: 5, outside: 95 } },
  { outwardCode: 'DE74', shares: { E07000134: 100 } },
  { outwardCode: 'LE1', shares: { E06000016: 100 } },
  { outwardCode: 'LE2', shares: { E06000016: 74, E07000135: 20, E07000129: 5, E07000131: 1 } },
  { outwardCode: 'LE3', shares: { E06000016: 67, E07000129: 33 } },
  { outwardCode: 'LE4', shares: { E06000016: 76, E07000130: 24 } },
  { outwardCode: 'LE5', shares: { E06000016: 100 } },
  { outwardCode: 'LE6', shares: { E07000132: 92, E07000130: 8 } },
  { outwardCode: 'LE7', shares: { E07000130: 75, E07000131: 23, E07000133: 1 } },
  { outwardCode: 'LE8', shares: { E07000129: 54, E07000131: 46 } },
  { outwardCode: 'LE9', shares: { E07000132: 50, E07000129: 35, E07000131: 15 } },
  { outwardCode: 'LE10', shares: { E07000132: 95, E07000129: 2, outside: 2 } },
  { outwardCode: 'LE11', shares: { E07000130: 100 } },
  { outwardCode: 'LE12', shares: { E07000130: 80, E07000134: 4, outside: 17 } },
  { outwardCode: 'LE13', shares: { E07000133: 100 } },
  { outwardCode: 'LE14', shares: { E07000133: 95, outside: 5 } },
  { outwardCode: 'LE15', shares: { E06000017: 98, E07000131: 1, E07000133: 1 } },
  { outwardCode: 'LE16', shares: { E07000131: 81, E06000017: 1, outside: 18 } },
  { outwardCode: 'LE17', shares: { E07000131: 100 } },
  { outwardCode: 'LE18', shares: { E07000135: 98, E07000129: 2 } },
  { outwardCode: 'LE19', shares: { E07000129: 100 } },
  { outwardCode: 'LE65', shares: { E07000134: 98, outside: 2 } },
  { outwardCode: 'LE67', shares: { E07000134: 84, E07000132: 16, E07000130: 1 } },
  { outwardCode: 'NG13', shares: { E07000133: 21, outside: 79 } },
  { outwardCode: 'NG32', shares: { E07000133: 7, outside: 93 } },
  { outwardCode: 'NG33', shares: { E07000133: 3, outside: 97 } },
  { outwardCode: 'PE9', shares: { E06000017: 16, outside: 84 } },
];

/** Usual residents at Census 2021, rounded to the nearest 100 as ONS first published them. */
export const population2021: Readonly<Record<CouncilAreaCode, number>> = {
  E06000016: 368600,
  E06000017: 41000,
  E07000129: 102900,
  E07000130: 183900,
  E07000131: 97600,
  E07000132: 113600,
  E07000133: 51800,
  E07000134: 104700,
  E07000135: 57700,
};
