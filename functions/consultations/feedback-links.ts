/** The feedback survey's single-use link: a core manage link of consultations' naming one ask. */
import type { FeedbackAsk } from '../core/feedback.js';

export const FEEDBACK_PURPOSE = 'feedback';
export const FEEDBACK_PATH = '/consultations/feedback';

export const feedbackLinkAbout = (ask: Pick<FeedbackAsk, 'source' | 'attendeeId'>) => ({
  capability: ask.source.capability,
  sourceId: ask.source.id,
  attendeeId: ask.attendeeId,
});
