/**
 * How a meeting is described wherever it appears (the list, its page, a registration, the staff
 * console): when in London time, where with a map link, and how many places are left, in residents' words.
 */
import type { Child } from 'hono/jsx';
import { councilAreaName } from '../../core/council-areas.js';
import { formatLondon } from '../../core/time.js';
import type { AttendMode, Meeting, RegistrationStatus } from '../model.js';
import { attendModesOf, attendWords, modeOf, placesIn } from '../modes.js';
import { registrationWindow } from '../rules.js';
import { whenText } from '../words.js';
import { Lines } from '../../core/ui/choices.js';
import { SummaryList, Tag } from '../../core/ui/components.js';

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Why registration is closed, in a sentence; "not open yet" says when it opens. */
export function closedReason(meeting: Meeting, now = new Date()): string | undefined {
  const opening = registrationWindow(meeting, now);
  if (opening.open) return undefined;
  return opening.code === 'registration_not_open' ? `Registration opens on ${formatLondon(meeting.registrationOpensAt)}` : opening.message;
}

/** What a resident most needs to know about getting a place: per way of attending at a hybrid meeting. */
export function placesText(meeting: Meeting, now = new Date()): string {
  const closed = closedReason(meeting, now);
  if (closed) return closed;
  const modes = attendModesOf(meeting);
  const left = (mode: AttendMode) => {
    const n = Math.max(0, placesIn(meeting, mode).placesLeft);
    return n > 0 ? `${plural(n, 'place')} left` : meeting.waitingList ? 'full – join the waiting list' : 'full';
  };
  if (modes.length > 1) return modes.map((mode) => `${attendWords[mode]}: ${left(mode)}`).join('. ');
  const text = left(modes[0]!);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Whether every way of attending is full. */
export const allFull = (meeting: Meeting) => attendModesOf(meeting).every((mode) => placesIn(meeting, mode).placesLeft <= 0);

/** OpenStreetMap centred on the venue: a plain link, so nothing is loaded from another site. */
export function mapUrl(meeting: Pick<Meeting, 'latitude' | 'longitude'>): string {
  const { latitude: lat, longitude: lon } = meeting;
  return `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=17/${lat}/${lon}`;
}

/** A borderless list of facts: label on the left, value on the right (stacked on phones). */
export const Facts = ({ rows }: { rows: { key: string; value: Child }[] }) => <SummaryList rows={rows} borderless />;

export function WhereText({ meeting }: { meeting: Meeting }) {
  return (
    <>
      {meeting.venue}
      <br />
      <Lines text={meeting.address} />
      <br />
      <a class="govuk-link" href={mapUrl(meeting)}>
        Show {meeting.venue} on OpenStreetMap
      </a>
    </>
  );
}

/** When, where (never the join link: that goes only to people with a place online), council area and access information. */
export function meetingRows(meeting: Meeting): { key: string; value: Child }[] {
  const mode = modeOf(meeting);
  return [
    { key: 'When', value: whenText(meeting) },
    ...(mode === 'in-person' ? [] : [{ key: 'How it is held', value: mode === 'online' ? 'Online: the link to join is emailed to people with a place' : 'In person and online: the link to join is emailed to people with a place online' }]),
    ...(mode === 'online' ? [] : [{ key: 'Where', value: <WhereText meeting={meeting} /> }]),
    { key: 'Council area', value: councilAreaName(meeting.areaCode) },
    ...(meeting.accessInformation ? [{ key: 'Access', value: <Lines text={meeting.accessInformation} /> }] : []),
  ];
}

export function RegistrationStatusTag({ status }: { status: RegistrationStatus }) {
  if (status === 'confirmed') return <Tag colour="green">Confirmed</Tag>;
  if (status === 'waitlisted') return <Tag colour="yellow">Waiting list</Tag>;
  if (status === 'requested') return <Tag colour="blue">Being processed</Tag>;
  if (status === 'refused') return <Tag colour="red">No place</Tag>;
  return <Tag colour="grey">Cancelled</Tag>;
}
