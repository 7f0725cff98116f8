/**
 * "Who attended for the office?" on every form that records engagement (a meeting, a meeting recorded
 * afterwards, a community-day visit): the reports count the Commissioner's and the Deputy's apart
 * (core/period-figures.ts `officeAttendees`). The Commissioner unless said.
 *
 *   <OfficeAttendeeRadios value={values['attendedFor']} error={errors['attendedFor']} />
 */
import { officeAttendees } from '../period-figures.js';
import { Radios } from './components.js';

export function OfficeAttendeeRadios({ legend = 'Who attended for the office?', value, error }: { legend?: string; value?: string | undefined; error?: string | undefined }) {
  return <Radios name="attendedFor" legend={legend} value={value ?? 'commissioner'} error={error} options={officeAttendees.map((a) => ({ value: a.id, text: a.label }))} />;
}
