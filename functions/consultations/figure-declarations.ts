/** The figures consultations report (manifest data; core/period-figures.ts): counted in each response's transaction, in the quarter it came. */
import type { FigureDeclaration } from '../core/period-figures.js';

const counted = 'Each response received in the period (London time), whatever the consultation, once';

export const consultationFigures: readonly FigureDeclaration[] = [
  { id: 'consultation-responses', name: 'Consultation responses', definition: 'Responses to the office’s consultations, by any channel', unit: 'count', counted, from: { sum: ['responses'] } },
  { id: 'consultation-responses-online', name: 'Consultation responses online', definition: 'Responses people sent on the website', unit: 'count', counted, from: { sum: ['responses|online'] } },
  { id: 'consultation-responses-paper', name: 'Consultation responses on paper', definition: 'Paper forms staff entered', unit: 'count', counted, from: { sum: ['responses|paper'] } },
  { id: 'consultation-responses-event', name: 'Consultation responses at events', definition: 'Responses taken at events and entered by staff', unit: 'count', counted, from: { sum: ['responses|event'] } },
  { id: 'consultation-responses-telephone', name: 'Consultation responses by telephone', definition: 'Responses given on the telephone and entered or imported by staff', unit: 'count', counted, from: { sum: ['responses|telephone'] } },
  { id: 'consultation-responses-flagged', name: 'Consultation responses flagged as possible duplicates', definition: 'Responses kept but flagged as possibly sent twice', unit: 'count', counted, from: { sum: ['flagged'] } },
];
