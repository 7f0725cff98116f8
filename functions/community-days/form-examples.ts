/** A valid post of each of community days' forms, for the walk that posts every form twice (test/forms). */
import type { FormExample } from '../../test/support/form-examples.js';
import { aVisit, places, recentDay, visitFormFields, whereIs } from './fixtures.js';

/** The form's fields with the themes as a browser sends checkboxes: one value each. */
const asPosted = (fields: Record<string, string>, themes: string[]) => ({ ...fields, themes });

export const formExamples: FormExample[] = [
  {
    route: '/staff/community-days/visits/new',
    as: 'staff',
    prepare: async () => ({ path: '/staff/community-days/visits/new', fields: asPosted(visitFormFields(), ['speeding-road-safety', 'rural-crime']) }),
  },
  {
    route: '/staff/community-days/visits/:id/edit',
    as: 'staff',
    prepare: async () => {
      const day = recentDay(5);
      const visit = await aVisit({ place: places.oakham, day });
      const fields = visitFormFields({ ...whereIs(places.oakham), latitude: '52.67', longitude: '-0.727', placeName: 'Oakham market', version: String(visit.version) }, day);
      return { path: `/staff/community-days/visits/${visit.id}/edit`, fields: asPosted(fields, ['rural-crime']) };
    },
  },
  {
    // Admins only.
    route: '/staff/community-days/visits/:id/delete',
    as: 'admin',
    prepare: async () => {
      const visit = await aVisit({ place: places.ketton, day: recentDay(4) });
      return { path: `/staff/community-days/visits/${visit.id}/delete?version=${visit.version}`, fields: {} };
    },
  },
  {
    route: '/staff/community-days/visits/:id/actions/new',
    as: 'staff',
    prepare: async () => {
      const visit = await aVisit({ place: places.melton, day: recentDay(6) });
      return { path: `/staff/community-days/visits/${visit.id}/actions/new`, fields: { what: 'Ask the road safety team about a speed watch', ownerKind: 'road-safety-team', ownerName: '', theme: 'speeding-road-safety' } };
    },
  },
];
