/**
 * Where surgeries keep their items (the whole table is described in functions/core/store/table-design.md,
 * section "Surgeries"). Only this folder knows keys and expressions.
 *
 *   SURG#COUNCIL#<id> / COUNCIL                   a council (gsi1 SURG#COUNCILS#<district> / <name>#<id>)
 *   SURG#SESSION#<id> / SESSION                   a session (gsi1 SURG#PROGRAMME#<district>, gsi2 SURG#SESSIONS: <startsAt>#<id>)
 *   SURG#SESSION#<id> / SLOT#<slotId>             its slots (which booking has each)
 *   SURG#SESSION#<id> / COUNCIL#<councilId>       one booking per council per session (the guard)
 *   SURG#SESSION#<id> / INVITE#<councilId>        who was invited, when
 *   SURG#BOOKING#<id> / BOOKING                   a booking, or a request waiting for its clerk (gsi2 SURG#COUNCILBOOKINGS#<councilId> once booked)
 *   SURG#DISTRICT#<district> / COUNT#<n>          booking counters, sharded
 *   SURG#THEMES / <day>#<district>                themes raised, per surgery day and district
 */
import type { Key } from '../../core/store/items.js';
import { HIGH, keyPrefixes } from '../../core/store/keys.js';

export { HIGH };

/** The capability's name, as its keys and index entries are filed under. */
export const CAPABILITY = 'surgeries';

export const surgeryKeys = keyPrefixes(CAPABILITY, {
  council: 'SURG#COUNCIL#',
  councilsByDistrict: 'SURG#COUNCILS#',
  session: 'SURG#SESSION#',
  programme: 'SURG#PROGRAMME#',
  allSessions: 'SURG#SESSIONS',
  booking: 'SURG#BOOKING#',
  councilBookings: 'SURG#COUNCILBOOKINGS#',
  district: 'SURG#DISTRICT#',
  themes: 'SURG#THEMES',
});

export const councilKey = (id: string): Key => ({ pk: `${surgeryKeys.council}${id}`, sk: 'COUNCIL' });
export const sessionPartition = (sessionId: string) => `${surgeryKeys.session}${sessionId}`;
export const sessionKey = (id: string): Key => ({ pk: sessionPartition(id), sk: 'SESSION' });
export const slotKey = (sessionId: string, slotId: string): Key => ({ pk: sessionPartition(sessionId), sk: `SLOT#${slotId}` });
export const guardKey = (sessionId: string, councilId: string): Key => ({ pk: sessionPartition(sessionId), sk: `COUNCIL#${councilId}` });
export const inviteKey = (sessionId: string, councilId: string): Key => ({ pk: sessionPartition(sessionId), sk: `INVITE#${councilId}` });
export const bookingKey = (id: string): Key => ({ pk: `${surgeryKeys.booking}${id}`, sk: 'BOOKING' });
export const counterKey = (district: string, shard: number): Key => ({ pk: `${surgeryKeys.district}${district}`, sk: `COUNT#${shard}` });
export const themeDayKey = (day: string, district: string): Key => ({ pk: surgeryKeys.themes, sk: `${day}#${district}` });

/** Names sort case-blind, so the list reads alphabetically. */
export const councilIndex = (c: { id: string; name: string; districtCode: string }) => ({
  gsi1pk: `${surgeryKeys.councilsByDistrict}${c.districtCode}`,
  gsi1sk: `${c.name.toLowerCase()}#${c.id}`,
});

export const sessionIndexes = (s: { id: string; districtCode: string; startsAt: string }) => ({
  gsi1pk: `${surgeryKeys.programme}${s.districtCode}`,
  gsi1sk: `${s.startsAt}#${s.id}`,
  gsi2pk: surgeryKeys.allSessions,
  gsi2sk: `${s.startsAt}#${s.id}`,
});

export const councilBookingsIndex = (b: { id: string; councilId: string; slotStartsAt: string }) => ({
  gsi2pk: `${surgeryKeys.councilBookings}${b.councilId}`,
  gsi2sk: `${b.slotStartsAt}#${b.id}`,
});

/** Counter shards per district: a burst of bookings in one district spreads over these instead of one hot item. */
export const COUNTER_SHARDS = 10;
export const randomShard = () => Math.floor(Math.random() * COUNTER_SHARDS);
