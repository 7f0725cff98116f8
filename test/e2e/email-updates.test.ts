/**
 * Email updates across capabilities, end to end: meetings and consultations announce what they publish
 * through core's announcement contract (neither imports subscriptions), the subscriptions announcer
 * is woken by the table's stream, and each confirmed subscriber whose area matches gets one email,
 * read back from the SES emulator. Own table, so the stream's consumers run in this process.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { anOpenConsultation } from '../../functions/consultations/fixtures.js';
import { publishConsultation } from '../../functions/consultations/consultations.js';
import { aMeeting, aPastMeeting, unique } from '../../functions/meetings/fixtures.js';
import { aSubscriber, uniqueEmail } from '../../functions/subscriptions/fixtures.js';
import { inbox, waitForEmail } from '../support/inbox.js';
import { useOwnTable } from '../support/own-table.js';

let caughtUp: () => Promise<void>;
beforeAll(async () => {
  caughtUp = (await useOwnTable('email-updates')).caughtUp;
});

const BLABY = 'E07000129';
const MELTON = 'E07000133';

/** The stream's work in turn: the announcement, the announcer's notice, its fan-out's emails. */
async function settled(): Promise<void> {
  for (let i = 0; i < 4; i++) await caughtUp();
}
const subjects = async (address: string) => (await inbox(address)).map((e) => e.subject).filter((s) => s.startsWith('New '));

describe('publishing tells the residents who asked', () => {
  it('a new meeting reaches subscribers for its area and for everywhere, once; a consultation reaches them all', async () => {
    const [everywhere, inBlaby, inMelton] = [uniqueEmail('everywhere'), uniqueEmail('blaby'), uniqueEmail('melton')];
    await Promise.all([aSubscriber('all', everywhere), aSubscriber(BLABY, inBlaby), aSubscriber(MELTON, inMelton)]);

    const meeting = await aMeeting({ areaCode: BLABY, title: unique('Speeding in Blaby') });
    await waitForEmail(everywhere, `New public meeting: ${meeting.title}`);
    await waitForEmail(inBlaby, `New public meeting: ${meeting.title}`);

    const consultation = await anOpenConsultation();
    for (const address of [everywhere, inBlaby, inMelton]) await waitForEmail(address, `New consultation: ${consultation.title}`);
    // Publishing again is refused by consultations, and changes nothing here.
    await expect(publishConsultation(consultation.id)).rejects.toThrow('already been published');
    await settled();

    expect(await subjects(everywhere)).toEqual([`New public meeting: ${meeting.title}`, `New consultation: ${consultation.title}`]);
    expect(await subjects(inBlaby)).toEqual([`New public meeting: ${meeting.title}`, `New consultation: ${consultation.title}`]);
    expect(await subjects(inMelton)).toEqual([`New consultation: ${consultation.title}`]);
  });

  it('a meeting that has started by the time its email would go is not sent', async () => {
    const address = uniqueEmail('past');
    await aSubscriber('all', address);
    const past = await aPastMeeting({ title: unique('Already held') }).meeting;
    await settled();
    expect((await subjects(address)).filter((s) => s.includes(past.title))).toEqual([]);
  });
});
