/**
 * Every 5 minutes: sends the feedback surveys events' owners have asked for (./feedback.ts). (Email
 * retries are its delivery's timer work, ./delivery.ts.)
 */
import { jobHandler } from '../core/http/lambda.js';
import { logger } from '../core/log.js';
import { sendFeedbackSurveys } from './feedback.js';

export async function runScheduledWork(now = new Date()) {
  const feedbackSurveysSent = await sendFeedbackSurveys(now);
  return { feedbackSurveysSent };
}

export const handler = jobHandler(async () => {
  const result = await runScheduledWork();
  logger.info('consultations scheduled work done', result);
  return result;
});
