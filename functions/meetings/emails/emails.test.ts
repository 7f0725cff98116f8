/** Every email kind renders from data alone: escaped HTML, the same facts in text and HTML, a MIME shape. */
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { composeEmail } from '../../core/outbox/email.js';
import type { EmailKind, Meeting, Registration } from '../model.js';
import { carriesManageLink, renderEmail } from './index.js';

const meeting: Meeting = {
  id: 'm1',
  title: 'Parking & <b>safety</b>',
  description: 'Line one\n\nLine <two>',
  areaCode: 'E06000016',
  venue: 'Hall "A"',
  address: '1 High St, Leicester',
  latitude: 52.6,
  longitude: -1.1,
  startsAt: '2030-12-05T19:00:00.000Z',
  endsAt: '2030-12-05T20:30:00.000Z',
  registrationOpensAt: '2030-11-01T00:00:00.000Z',
  registrationClosesAt: '2030-12-05T17:00:00.000Z',
  capacity: 10,
  maxPlacesPerRegistration: 2,
  waitingList: true,
  accessInformation: 'Ramp <left>',
  status: 'scheduled',
  placesLeft: 5,
  confirmedCount: 5,
  waitlistedCount: 0,
  cancelledCount: 0,
  attendedCount: 0,
  sequence: 1,
  createdAt: '2030-10-01T00:00:00.000Z',
  updatedAt: '2030-10-01T00:00:00.000Z',
};
const registration: Registration = {
  id: 'ABC234',
  meetingId: 'm1',
  reference: 'ABC-234',
  name: '<img src=x onerror=alert(1)>',
  email: 'ann@example.org',
  places: 1,
  status: 'confirmed',
  createdAt: '2030-11-02T00:00:00.000Z',
};
const kinds: EmailKind[] = ['confirmation', 'waitlisted', 'promoted', 'cancelled', 'meeting-changed', 'meeting-cancelled', 'reminder-48h', 'reminder-2h'];

describe.each(kinds)('the %s email', (kind) => {
  const ctx = {
    meeting,
    registration: kind === 'cancelled' ? { ...registration, status: 'cancelled' as const, cancelledFrom: 'confirmed' as const } : registration,
    now: new Date('2030-11-20T00:00:00.000Z'),
    ...(carriesManageLink(kind) ? { manageUrl: 'https://example.org/manage/TOKEN?a=1&b=2' } : {}),
    ...(kind === 'meeting-changed' ? { changes: ['venue'] } : {}),
  };
  const email = renderEmail(kind, ctx);

  it('escapes everything people typed in the HTML part, and keeps it as written in the text part', () => {
    expect(email.html).not.toMatch(/<img|<b>|<two>|<left>/);
    expect(email.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(email.text).toContain('Hello <img src=x onerror=alert(1)>,');
    expect(email.to).toBe('ann@example.org');
  });

  it('names the meeting, its London time and the venue in both parts', () => {
    for (const part of [email.text, email.html]) {
      expect(part).toContain('Thursday 5 December 2030, 7pm to 8:30pm');
      expect(part).toContain('ABC-234');
    }
    expect(email.text).toContain('Where: Hall "A", 1 High St, Leicester');
    expect(email.html).toContain('Hall &quot;A&quot;, 1 High St, Leicester');
  });

  it(carriesManageLink(kind) ? 'carries the manage link' : 'carries no manage link', () => {
    expect(email.text.includes('https://example.org/manage/TOKEN?a=1&b=2')).toBe(carriesManageLink(kind));
    if (carriesManageLink(kind)) expect(email.html).toContain('href="https://example.org/manage/TOKEN?a=1&amp;b=2"');
  });

  it('composes into text and HTML alternatives, with the invite where there is one', async () => {
    const parsed = await simpleParser(await composeEmail(email));
    expect(parsed.text).toBe(email.text);
    expect(parsed.html).toBe(email.html);
    const hasInvite = ['confirmation', 'promoted', 'cancelled', 'meeting-changed', 'meeting-cancelled'].includes(kind);
    expect(Boolean(email.calendar)).toBe(hasInvite);
    expect(parsed.attachments.filter((a) => a.filename === 'meeting.ics')).toHaveLength(hasInvite ? 1 : 0);
  });
});

describe('a venue address typed on several lines', () => {
  it('keeps its lines in the text part, indented under "Where", and in the HTML part', async () => {
    const withLines = { ...meeting, address: '1 High Street\r\nLeicester\r\nLE1 1AA' };
    const email = renderEmail('confirmation', { meeting: withLines, registration, now: new Date('2030-11-20T00:00:00.000Z'), manageUrl: 'https://example.org/manage/T' });
    const parsed = await simpleParser(await composeEmail(email));
    expect(parsed.text).toContain('Where: Hall "A", 1 High Street\n       Leicester\n       LE1 1AA\nReference: ABC-234');
    expect(email.html).toContain('Hall &quot;A&quot;, 1 High Street<br>Leicester<br>LE1 1AA');
  });
});

describe('a place online at a hybrid meeting', () => {
  const hybrid: Meeting = { ...meeting, mode: 'hybrid', onlineCapacity: 10, onlinePlacesLeft: 9, onlineConfirmedCount: 1, onlineWaitlistedCount: 0 };
  const online: Registration = { ...registration, attendMode: 'online' };
  const joinUrl = 'https://zoom.us/j/123?pwd=a&b=c';
  const ctx = { meeting: hybrid, now: new Date('2030-11-20T00:00:00.000Z'), manageUrl: 'https://example.org/manage/T', joinUrl };

  it.each(['confirmation', 'promoted', 'registration-details', 'reminder-48h', 'reminder-2h', 'meeting-changed', 'join-link-changed'] as const)(
    'gives the link to join, not the venue, in the %s email',
    (kind) => {
      const email = renderEmail(kind, { ...ctx, registration: online });
      expect(email.text).toContain(`Join online: ${joinUrl}`);
      expect(email.text).toContain('Where: Online');
      expect(email.text).not.toContain('1 High St');
      expect(email.html).toContain('https://zoom.us/j/123?pwd=a&amp;b=c');
    },
  );

  it('says the link will come while there is none yet, and never gives it to someone waiting for a place online', () => {
    expect(renderEmail('confirmation', { ...ctx, joinUrl: undefined, registration: online }).text).toContain('We will email you the link to join before the meeting');
    const waiting = renderEmail('waitlisted', { ...ctx, joinUrl: undefined, registration: { ...online, status: 'waitlisted' } });
    expect(waiting.text).not.toContain('zoom.us');
    expect(waiting.text).not.toContain('Join online');
  });

  it('gives the venue, and no link, to someone coming in person', () => {
    const email = renderEmail('confirmation', { ...ctx, joinUrl: undefined, registration: { ...registration, attendMode: 'in-person' } });
    expect(email.text).toContain('Where: Hall "A", 1 High St, Leicester');
    expect(email.text).not.toContain('Join online');
  });
});
