/**
 * A valid post for each of meetings' forms, for the walk that posts every form the platform has twice
 * (test/forms/double-post.test.ts) and proves the second changes nothing: one for each POST page route,
 * the route exactly as registered.
 */
import { mintManageLink, saveManageLink } from '../core/manage-links.js';
import { aMeeting, aPastMeeting, decideWaiting, exampleMeeting, exampleResident, registrationAnswers, unique } from './fixtures.js';
import type { Meeting } from './model.js';
import { meetingFormValues } from './pages/meeting-form.js';
import { dateTimeValues } from '../core/ui/date-input.js';
import { utcIsoToLondonFields } from '../core/ui/typed-dates.js';
import { registerForMeeting } from './registering.js';
import { CAPABILITY } from './store/keys.js';

/** The shape the walk reads (test/support/form-examples.ts; a capability does not import test support). */
interface FormExample {
  route: string;
  as: 'staff' | 'admin' | 'public';
  prepare: () => Promise<{ path: string; fields: Record<string, string | readonly string[]> }>;
  status?: number;
}

/** A meeting with one confirmed registration (with a question), and the link its emails would carry. */
async function aRegistration(): Promise<{ meeting: Meeting; registrationId: string; token: string }> {
  const meeting = await aMeeting();
  const registered = await registerForMeeting(meeting.id, exampleResident({ question: 'What about the A6?' }));
  if (registered.outcome !== 'registered') throw new Error('expected a new registration');
  const { registration } = registered;
  // The walk's table has no stream consumers (it watches every item): the decider is woken here, as the stream would.
  await decideWaiting(meeting.id);
  const { token, link } = mintManageLink({ capability: CAPABILITY, purpose: 'manage', about: { meetingId: meeting.id, registrationId: registration.id }, validUntil: meeting.endsAt });
  await saveManageLink(link);
  return { meeting, registrationId: registration.id, token };
}

const action = { what: 'Ask for a speed survey on the A6', ownerKind: 'road-safety-team', ownerName: '', theme: '', areaCode: '', 'dueOn-day': '', 'dueOn-month': '', 'dueOn-year': '' };

export const formExamples: FormExample[] = [
  {
    route: '/meetings/:id/register',
    as: 'public',
    // "Check your email", answered in place.
    status: 200,
    prepare: async () => ({ path: `/meetings/${(await aMeeting()).id}/register`, fields: registrationAnswers() }),
  },
  {
    route: '/manage/:token/cancel',
    as: 'public',
    prepare: async () => ({ path: `/manage/${(await aRegistration()).token}/cancel`, fields: {} }),
  },
  {
    route: '/manage/:token/places',
    as: 'public',
    prepare: async () => ({ path: `/manage/${(await aRegistration()).token}/places`, fields: { places: '3' } }),
  },
  {
    route: '/staff/meetings/new',
    as: 'staff',
    prepare: async () => ({ path: '/staff/meetings/new', fields: meetingFormValues(exampleMeeting({ title: unique('Posted twice') })) as Record<string, string> }),
  },
  {
    route: '/staff/meetings/:id/edit',
    as: 'staff',
    prepare: async () => {
      const meeting = await aMeeting();
      return { path: `/staff/meetings/${meeting.id}/edit`, fields: { ...(meetingFormValues(meeting) as Record<string, string>), title: `${meeting.title} (edited)`, capacity: '30' } };
    },
  },
  {
    route: '/staff/meetings/:id/cancel',
    as: 'staff',
    prepare: async () => ({ path: `/staff/meetings/${(await aRegistration()).meeting.id}/cancel`, fields: { reason: 'The hall has flooded' } }),
  },
  {
    route: '/staff/meetings/:id/registrations/:registrationId/cancel',
    as: 'staff',
    prepare: async () => {
      const { meeting, registrationId } = await aRegistration();
      return { path: `/staff/meetings/${meeting.id}/registrations/${registrationId}/cancel`, fields: {} };
    },
  },
  {
    route: '/staff/meetings/:id/check-in/:registrationId',
    as: 'staff',
    prepare: async () => {
      const { meeting, registrationId } = await aRegistration();
      return { path: `/staff/meetings/${meeting.id}/check-in/${registrationId}`, fields: { search: 'Alex', attended: 'yes' } };
    },
  },
  {
    route: '/staff/meetings/:id/questions/:registrationId/actions/new',
    as: 'staff',
    prepare: async () => {
      const { meeting, registrationId } = await aRegistration();
      return { path: `/staff/meetings/${meeting.id}/questions/${registrationId}/actions/new`, fields: action };
    },
  },
  {
    route: '/staff/meetings/:id/actions/new',
    as: 'staff',
    prepare: async () => ({ path: `/staff/meetings/${(await aMeeting()).id}/actions/new`, fields: action }),
  },
  {
    route: '/staff/meetings/:id/walk-ins',
    as: 'staff',
    prepare: async () => ({ path: `/staff/meetings/${(await aPastMeeting().meeting).id}/walk-ins`, fields: { name: 'Sam Walk-in', email: '', areaCode: 'E07000134' } }),
  },
  {
    route: '/staff/meetings/:id/you-said-we-did',
    as: 'staff',
    prepare: async () => ({ path: `/staff/meetings/${(await aPastMeeting().meeting).id}/you-said-we-did`, fields: { text: 'You said: speeding. We did: a speed survey.', version: '0' } }),
  },
  {
    route: '/staff/meetings/:id/join-link',
    as: 'staff',
    prepare: async () => ({ path: `/staff/meetings/${(await aMeeting({ mode: 'hybrid', onlineCapacity: 50 })).id}/join-link`, fields: { url: 'https://zoom.us/j/123456789', version: '0' } }),
  },
  {
    route: '/staff/meetings/held/new',
    as: 'staff',
    prepare: async () => {
      const startsAt = new Date(Date.now() - 7 * 86_400_000);
      const endsAt = new Date(startsAt.getTime() + 2 * 3_600_000);
      const { title, areaCode, venue, address, latitude, longitude } = exampleMeeting({ title: unique('Held and recorded') });
      return {
        path: '/staff/meetings/held/new',
        fields: {
          title, areaCode, venue, address, latitude: String(latitude), longitude: String(longitude), attendance: '25',
          ...dateTimeValues('startsAt', utcIsoToLondonFields(startsAt.toISOString())),
          ...dateTimeValues('endsAt', utcIsoToLondonFields(endsAt.toISOString())),
        } as Record<string, string>,
      };
    },
  },
];
