/** The figures consultations report (manifest data; core/period-figures.ts): counted in each response's transaction, in the quarter it came. */
import type { FigureDeclaration } from '../core/period-figures.js';

const counted = 'Each response received in the period (London time), whatever the consultation, once';
// Counted as each response comes, so a consultation open across two quarters gives each its own share; the year's adds them up.
const headline = 'Each response received in the period (London time) that answered a precept question, not flagged as a possible duplicate, once';

export const consultationFigures: readonly FigureDeclaration[] = [
  { id: 'consultation-responses', name: 'Consultation responses', definition: 'Responses to the office’s consultations, by any channel', unit: 'count', counted, from: { sum: ['responses'] } },
  { id: 'consultation-responses-online', name: 'Consultation responses online', definition: 'Responses people sent on the website', unit: 'count', counted, from: { sum: ['responses|online'] } },
  { id: 'consultation-responses-paper', name: 'Consultation responses on paper', definition: 'Paper forms staff entered', unit: 'count', counted, from: { sum: ['responses|paper'] } },
  { id: 'consultation-responses-event', name: 'Consultation responses at events', definition: 'Responses taken at events and entered by staff', unit: 'count', counted, from: { sum: ['responses|event'] } },
  { id: 'consultation-responses-telephone', name: 'Consultation responses by telephone', definition: 'Responses given on the telephone and entered or imported by staff', unit: 'count', counted, from: { sum: ['responses|telephone'] } },
  {
    id: 'precept-increase-support',
    name: 'Support for a precept increase',
    definition: 'Of the responses that chose a precept option other than Don’t know, the share that chose any increase (the headline result)',
    unit: 'percent',
    counted: `${headline}, less those choosing Don’t know`,
    from: { percent: { part: ['precept-increase'], whole: ['precept-decided'] } },
    decimals: 1,
  },
  {
    id: 'precept-increase-margin',
    name: 'Support for a precept increase: margin of error',
    definition: 'How far either way the true share could be, at 95% confidence, in percentage points (the wider side of the Wilson interval the consultation’s results show)',
    unit: 'percent',
    counted: `${headline}, less those choosing Don’t know`,
    from: { marginOfError: { part: ['precept-increase'], whole: ['precept-decided'] } },
    decimals: 1,
  },
  {
    id: 'precept-answers',
    name: 'Support for a precept increase: responses counted',
    definition: 'The number of responses the headline share is of (n)',
    unit: 'count',
    counted: `${headline}, less those choosing Don’t know`,
    from: { sum: ['precept-decided'] },
  },
  { id: 'consultation-responses-flagged', name: 'Consultation responses flagged as possible duplicates', definition: 'Responses kept but flagged as possibly sent twice', unit: 'count', counted, from: { sum: ['flagged'] } },
];
