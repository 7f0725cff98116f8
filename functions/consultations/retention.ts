/** How long consultations keep what respondents tell them: the privacy notice lists these rules, the stores stamp them. */
import { expiryAfter, retentionRule } from '../core/retention.js';
import { epochSeconds } from '../core/store/items.js';
import { addLondonMonths } from '../core/time.js';

export const responseRetention = retentionRule({
  what: 'Consultation responses (anonymous: no name, email address or full postcode is kept with them)',
  data: 'your answers, including any comments, and the optional answers about you (age band, sex, ethnic group, disability, the first part of your postcode and your council area)',
  months: 24,
  after: 'you respond (the counted results are kept after that, without the answers)',
});

export const draftRetention = retentionRule({
  what: 'Consultation answers you have not sent yet, kept between the questionnaire’s pages',
  data: 'the answers so far, under a random code in a cookie on your browser (not your name or address)',
  months: 0,
  after: 'you send your response (a note of which response it became, without the answers, is kept for a day so that sending again shows the same confirmation), or a week after your last change if you do not send it',
});

export const receiptRetention = retentionRule({
  what: 'The email address you give for a copy of your answers',
  data: 'the email address, kept apart from your answers',
  months: 0,
  after: 'the email has been sent (within 3 days at most)',
});

export const responseExpiry = (submittedAt: string) => expiryAfter(responseRetention, submittedAt);

const DAY_SECONDS = 24 * 3600;
export const draftExpiry = (now: Date) => epochSeconds(now) + 7 * DAY_SECONDS;
export const receiptExpiry = (now: Date) => epochSeconds(now) + 3 * DAY_SECONDS;

/** Responses sent before this have had their answers deleted (24 months on). */
export const answersDeletedBefore = (now: Date) => addLondonMonths(now.toISOString(), -responseRetention.months);
/** Where reads of responses start: a few days before that, so month ends never hide one still kept (reads drop expired ones too). */
export const answersHeldFrom = (now: Date) => new Date(Date.parse(answersDeletedBefore(now)) - 3 * DAY_SECONDS * 1000).toISOString();
