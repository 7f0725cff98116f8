/**
 * Someone with data on the platform, for tests of the site's person search (functions/site), which may
 * not import another capability: a registration for a new meeting, its place decided (by the meetings
 * decider invoked here, so it works on a table whose stream nobody reads, and harmlessly where one does).
 *
 *   const { email } = await aPersonWithARegistration();
 */
import { aMeeting, decided, decideWaiting, exampleResident, uniqueEmail } from '../../functions/meetings/fixtures.js';
import { registerForMeeting } from '../../functions/meetings/registering.js';

export async function aPersonWithARegistration(name = 'Jo Person'): Promise<{ email: string; meetingId: string; registrationId: string }> {
  const email = uniqueEmail('person');
  const meeting = await aMeeting({ capacity: 10 });
  const result = await registerForMeeting(meeting.id, exampleResident({ name, email }));
  if (result.outcome !== 'registered') throw new Error(`Expected a new registration, got ${result.outcome}`);
  await decideWaiting(meeting.id);
  await decided(meeting.id, result.registration.id);
  return { email, meetingId: meeting.id, registrationId: result.registration.id };
}
