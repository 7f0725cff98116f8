/**
 * An online or hybrid meeting's join link: set and changed by staff, kept in its own item
 * (store/join-links.ts) so no public page or API can show it, and sent only to people with a confirmed
 * place online (their confirmation, reminders and calendar invite). A change is emailed to them, with
 * an updated invite (the same UID, a higher SEQUENCE), in the transaction that saves it.
 */
import * as z from 'zod/mini';
import { invalidField, Refusal } from '../core/refusal.js';
import { settle, TRY_AGAIN } from '../core/store/transactions.js';
import { wholeNumber } from '../core/validation.js';
import { meetingCancelled, noSuchMeeting } from './meetings.js';
import { modeOf } from './modes.js';
import { meetingEmail } from './notify.js';
import * as store from './store/join-links.js';
import { getMeeting } from './store/meetings.js';

export type { JoinLink } from './store/join-links.js';
export { getJoinLink } from './store/join-links.js';

const JOIN_LINK_MAX = 500;

/** An https address on a named host: a link people click from an email, so nothing else (no http, no javascript:). */
function isHttpsLink(text: string): boolean {
  if (!URL.canParse(text)) return false;
  const url = new URL(text);
  return url.protocol === 'https:' && /^([a-z0-9-]+\.)+[a-z]{2,}$/i.test(url.hostname) && !url.username && !url.password;
}

/** One message per problem, so the field is named once. */
export const joinLinkUrl = z.string({ error: 'Enter the join link' }).check(
  z.trim(),
  z.superRefine((url, ctx) => {
    const problem = !url
      ? 'Enter the join link'
      : url.length > JOIN_LINK_MAX
        ? `The join link can be up to ${JOIN_LINK_MAX} characters`
        : !isHttpsLink(url)
          ? 'Enter the join link as a web address starting https://, like https://zoom.us/j/123456789'
          : undefined;
    if (problem) ctx.addIssue({ code: 'custom', message: problem, input: url });
  }),
);

/** What staff send: the link, and the version of it they saw (0 when there was none). */
function joinLinkSchema(fromForm: boolean) {
  return z.object({ url: joinLinkUrl, version: wholeNumber({ label: 'the version', min: 0, max: 1_000_000, fromForm }) });
}
export const joinLinkInput = joinLinkSchema(false);
export const joinLinkForm = joinLinkSchema(true);
export type JoinLinkInput = z.infer<typeof joinLinkInput>;

export const joinLinkChangedMeanwhile = () =>
  new Refusal('edited_meanwhile', 'Someone else changed the join link while you were editing it', {
    fields: [{ field: 'url', message: 'Someone else changed the join link meanwhile: check the link shown now and save again if it should change' }],
  });

/** Sets or changes the link; the people with a confirmed place online are emailed it (none when nobody has one yet). */
export async function changeJoinLink(meetingId: string, input: JoinLinkInput, by: string, now: Date = new Date()): Promise<store.JoinLink> {
  return settle(async () => {
    const [meeting, current] = await Promise.all([getMeeting(meetingId, { consistent: true }), store.getJoinLink(meetingId)]);
    if (!meeting) throw noSuchMeeting();
    if (meeting.status === 'cancelled') throw meetingCancelled();
    if (modeOf(meeting) === 'in-person') throw invalidField('url', 'This meeting is held in person only: make it online or hybrid first');
    if ((current?.version ?? 0) !== input.version) throw joinLinkChangedMeanwhile();
    if (current?.url === input.url) return current;
    // Later than the meeting's last change, as every edit of it is.
    const at = now.toISOString() > meeting.updatedAt ? now.toISOString() : new Date(Date.parse(meeting.updatedAt) + 1).toISOString();
    const link: store.JoinLink = { url: input.url, version: input.version + 1, updatedAt: at, updatedBy: by };
    const notice = (meeting.onlineConfirmedCount ?? 0) > 0 ? meetingEmail('join-link-changed', meeting, undefined, now) : undefined;
    const outcome = await store.saveJoinLink(meeting, link, at, notice);
    // The meeting was edited meanwhile, or the link changed: read both again (the version check above refuses the latter).
    return outcome.ok ? link : TRY_AGAIN;
  });
}
