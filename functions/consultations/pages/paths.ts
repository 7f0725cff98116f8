/** Where the staff console's pages are: the navigation's current section, and one consultation's pages. */
import type { Consultation } from '../model.js';

export const STAFF = '/staff/consultations';
export const base = (c: Pick<Consultation, 'id'>) => `${STAFF}/${c.id}`;
