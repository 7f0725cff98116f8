/**
 * A valid post for each of surgeries' forms, for the walk that posts every form the platform has twice
 * (test/forms/double-post.test.ts) and proves the second changes nothing: one for each POST page route,
 * the route exactly as registered, posted by the lowest role that may.
 */
import type { FormExample } from '../../test/support/form-examples.js';
import { mintManageLink, saveManageLink } from '../core/manage-links.js';
import { utcIsoToLondonFields } from '../core/time.js';
import { setCouncilStatus } from './councils.js';
import { aBooking, aCouncil, aSession, exampleDetails, slotIds, unique, uniqueEmail } from './fixtures.js';
import type { Booking } from './model.js';
import { CAPABILITY } from './notify.js';
import { councilFormValues } from './pages/council-form.js';
import { sessionFormValues } from './pages/session-form.js';
import { requestSlot } from './requests.js';
import { setSlotBlocked } from './sessions.js';

const DAY = 86_400_000;

/** A personal link as its email would carry it. */
async function aLink(purpose: 'book' | 'confirm' | 'manage', about: Record<string, string>, validUntil: string): Promise<string> {
  const { token, link } = mintManageLink({ capability: CAPABILITY, purpose, about, validUntil });
  await saveManageLink(link);
  return token;
}

/** A confirmed booking (with its session's slots), and its manage link. */
async function aManagedBooking(): Promise<{ booking: Booking; ids: string[]; token: string }> {
  const [session, council] = await Promise.all([aSession(), aCouncil()]);
  const booking = await aBooking(session, council);
  return { booking, ids: await slotIds(session.id), token: await aLink('manage', { bookingId: booking.id }, booking.slotStartsAt) };
}

/** Who is coming, as the form posts it. */
const details = () => ({ attendeeName: 'Pat Chair', attendeeRole: 'chair', email: uniqueEmail('posted-twice'), themes: 'burglary', otherTopics: '', accessNeeds: '' });

const newSessionForm = () => {
  const d = utcIsoToLondonFields(new Date(Date.now() + 20 * DAY).toISOString());
  return { districtCode: 'E07000132', venueName: unique('Posted twice hall'), venueAddress: 'Park Street, Market Bosworth CV13 0LL', venueKind: 'hall', stepFree: 'yes', latitude: '52.6247', longitude: '-1.4009', accessInformation: '', 'date-day': d.day, 'date-month': d.month, 'date-year': d.year, startTime: '10am', endTime: '12pm', slotMinutes: '30', bufferMinutes: '10', host: 'Deputy Commissioner', status: 'published' };
};

const councilForm = () => ({ name: unique('Posted Twice Parish Council'), districtCode: 'E07000130', governance: 'parish-council', parishes: 'Sileby', clerkName: 'Lou', clerkEmail: uniqueEmail('posted-twice-clerk') });

const importCsv = () => `name,district,governance\n${unique('Posted Twice Town Council')},Rutland,town council\n`;

export const formExamples: FormExample[] = [
  {
    route: '/surgeries/sessions/:id/book',
    as: 'public',
    // "We have asked your council's clerk", answered in place.
    status: 200,
    prepare: async () => {
      const [session, council] = await Promise.all([aSession(), aCouncil()]);
      return { path: `/surgeries/sessions/${session.id}/book`, fields: { slotId: (await slotIds(session.id))[2]!, councilId: council.id, ...details() } };
    },
  },
  {
    route: '/surgeries/confirm/:token',
    as: 'public',
    prepare: async () => {
      const [session, council] = await Promise.all([aSession(), aCouncil()]);
      const request = await requestSlot({ sessionId: session.id, slotId: (await slotIds(session.id))[3]!, councilId: council.id, details: exampleDetails() });
      return { path: `/surgeries/confirm/${await aLink('confirm', { bookingId: request.id }, request.confirmBy!)}`, fields: {} };
    },
  },
  {
    route: '/surgeries/invitation/:token',
    as: 'public',
    prepare: async () => {
      const [session, council] = await Promise.all([aSession(), aCouncil()]);
      const token = await aLink('book', { sessionId: session.id, councilId: council.id }, session.endsAt);
      return { path: `/surgeries/invitation/${token}`, fields: { slotId: (await slotIds(session.id))[1]!, ...details() } };
    },
  },
  {
    route: '/surgeries/manage/:token/reschedule',
    as: 'public',
    prepare: async () => {
      const { booking, ids, token } = await aManagedBooking();
      return { path: `/surgeries/manage/${token}/reschedule`, fields: { place: `${booking.sessionId}|${ids[4]}`, fromSlotId: booking.slotId } };
    },
  },
  {
    route: '/surgeries/manage/:token/cancel',
    as: 'public',
    prepare: async () => ({ path: `/surgeries/manage/${(await aManagedBooking()).token}/cancel`, fields: {} }),
  },
  {
    route: '/staff/surgeries/sessions/new',
    as: 'staff',
    prepare: async () => ({ path: '/staff/surgeries/sessions/new', fields: newSessionForm() }),
  },
  {
    route: '/staff/surgeries/sessions/:id/edit',
    as: 'staff',
    prepare: async () => {
      const session = await aSession();
      return { path: `/staff/surgeries/sessions/${session.id}/edit`, fields: { ...(sessionFormValues(session) as Record<string, string>), venueName: 'The Old School' } };
    },
  },
  {
    route: '/staff/surgeries/sessions/:id/publish',
    as: 'staff',
    prepare: async () => ({ path: `/staff/surgeries/sessions/${(await aSession({ status: 'draft' })).id}/publish`, fields: {} }),
  },
  {
    route: '/staff/surgeries/sessions/:id/cancel',
    as: 'staff',
    prepare: async () => ({ path: `/staff/surgeries/sessions/${(await aManagedBooking()).booking.sessionId}/cancel`, fields: { reason: 'The hall has flooded' } }),
  },
  {
    route: '/staff/surgeries/sessions/:id/invite',
    as: 'staff',
    prepare: async () => {
      const [session] = await Promise.all([aSession(), aCouncil()]);
      return { path: `/staff/surgeries/sessions/${session.id}/invite`, fields: { scope: 'district' } };
    },
  },
  {
    route: '/staff/surgeries/sessions/:id/book',
    as: 'staff',
    prepare: async () => {
      const [session, council] = await Promise.all([aSession(), aCouncil()]);
      return { path: `/staff/surgeries/sessions/${session.id}/book`, fields: { councilId: council.id, slotId: (await slotIds(session.id))[2]!, ...details() } };
    },
  },
  {
    route: '/staff/surgeries/sessions/:id/slots/:slotId/block',
    as: 'staff',
    prepare: async () => {
      const session = await aSession();
      return { path: `/staff/surgeries/sessions/${session.id}/slots/${(await slotIds(session.id))[5]}/block`, fields: {} };
    },
  },
  {
    route: '/staff/surgeries/sessions/:id/slots/:slotId/unblock',
    as: 'staff',
    prepare: async () => {
      const session = await aSession();
      const slotId = (await slotIds(session.id))[5]!;
      await setSlotBlocked(session.id, slotId, true);
      return { path: `/staff/surgeries/sessions/${session.id}/slots/${slotId}/unblock`, fields: {} };
    },
  },
  {
    route: '/staff/surgeries/bookings/:id/outcome',
    as: 'staff',
    prepare: async () => {
      const then = new Date(Date.now() - 21 * DAY);
      const [session, council] = await Promise.all([aSession({}, then, 14), aCouncil()]);
      const booking = await aBooking(session, council, { now: then });
      return {
        path: `/staff/surgeries/bookings/${booking.id}/outcome`,
        fields: { version: '0', attendance: 'attended', themes: ['speeding-road-safety', 'parking'], notes: 'Speeding at school times', signposted: '', 'action0-what': 'Ask for a speed watch', 'action0-owner': 'road-safety-team' },
      };
    },
  },
  {
    route: '/staff/surgeries/bookings/:id/reschedule',
    as: 'staff',
    prepare: async () => {
      const { booking, ids } = await aManagedBooking();
      return { path: `/staff/surgeries/bookings/${booking.id}/reschedule`, fields: { place: `${booking.sessionId}|${ids[6]}`, fromSlotId: booking.slotId } };
    },
  },
  {
    route: '/staff/surgeries/bookings/:id/cancel',
    as: 'staff',
    prepare: async () => ({ path: `/staff/surgeries/bookings/${(await aManagedBooking()).booking.id}/cancel`, fields: { reason: 'The council asked by phone' } }),
  },
  {
    route: '/staff/surgeries/councils/new',
    as: 'staff',
    prepare: async () => ({ path: '/staff/surgeries/councils/new', fields: councilForm() }),
  },
  {
    route: '/staff/surgeries/councils/import',
    as: 'admin',
    // Checking the file changes nothing: the preview, answered in place each time.
    status: 200,
    prepare: async () => ({ path: '/staff/surgeries/councils/import', fields: { csv: importCsv() } }),
  },
  {
    route: '/staff/surgeries/councils/import/confirm',
    as: 'admin',
    prepare: async () => ({ path: '/staff/surgeries/councils/import/confirm', fields: { csv: importCsv() } }),
  },
  {
    route: '/staff/surgeries/councils/:id',
    as: 'staff',
    prepare: async () => {
      const council = await aCouncil();
      return { path: `/staff/surgeries/councils/${council.id}`, fields: { ...(councilFormValues(council) as Record<string, string>), governance: 'town-council' } };
    },
  },
  {
    route: '/staff/surgeries/councils/:id/retire',
    as: 'staff',
    prepare: async () => ({ path: `/staff/surgeries/councils/${(await aCouncil()).id}/retire`, fields: {} }),
  },
  {
    route: '/staff/surgeries/councils/:id/reinstate',
    as: 'staff',
    prepare: async () => {
      const council = await aCouncil();
      await setCouncilStatus(council.id, 'retired');
      return { path: `/staff/surgeries/councils/${council.id}/reinstate`, fields: {} };
    },
  },
];
