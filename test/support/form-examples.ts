/**
 * A valid post for each of a capability's forms, so the walk in test/forms/double-post.test.ts can post
 * every form the platform has twice and prove the second acts not at all. A capability lists one for
 * each POST page route it registers (the route exactly as registered, `:params` and all); the walk
 * fails naming any form without one.
 *
 *   export const formExamples: FormExample[] = [
 *     { route: '/staff/meetings/:id/edit', as: 'staff', prepare: async () => {
 *         const meeting = await aMeeting();
 *         return { path: `/staff/meetings/${meeting.id}/edit`, fields: { ...meetingForm(meeting), title: 'New title' } };
 *     } },
 *   ];
 */
export interface FormExample {
  /** The POST route as the app registers it, e.g. `/staff/meetings/:id/edit`. */
  route: string;
  /** Who posts it: a member of staff (the lowest role that may), an admin, or anyone. */
  as: 'staff' | 'admin' | 'public';
  /** Makes what the form acts on, then gives the concrete path and a body the form accepts (no submission key). */
  prepare: () => Promise<{ path: string; fields: Record<string, string | readonly string[]>; headers?: Record<string, string> }>;
  /** The status a successful post answers with, when it is not the usual 303. */
  status?: number;
}
