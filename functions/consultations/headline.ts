/**
 * What a response counts towards the office's headline result (./figure-declarations.ts): its answer
 * to the consultation's precept question (the first, if it has more), in the quarter it came. A
 * response flagged as a possible duplicate is kept but not counted in the headline.
 */
import type { Counts } from '../core/period-figures.js';
import { allQuestions } from './definition.js';
import type { Answers, Channel, Consultation } from './model.js';

export function headlineCounts(consultation: Pick<Consultation, 'pages' | 'aboutYou'>, answers: Answers, flagged: boolean): Counts {
  if (flagged) return {};
  const question = allQuestions(consultation).find((q) => q.type === 'precept');
  const choice = question && 'options' in question ? question.options.find((o) => o.id === answers[question.id]?.choice) : undefined;
  if (!choice) return {};
  if (choice.dontKnow) return { 'precept-answered': 1 };
  return { 'precept-answered': 1, 'precept-decided': 1, ...((choice.increasePence ?? 0) > 0 ? { 'precept-increase': 1 } : {}) };
}

/**
 * Everything a response counts towards the office's reports, in the quarter it came: by channel,
 * flagged ones apart, and the headline. Storing it adds these; withdrawing it takes the same away.
 */
export function responseFigureCounts(consultation: Pick<Consultation, 'pages' | 'aboutYou'>, response: { channel: Channel; answers: Answers }, flagged: boolean): Counts {
  return { [`responses|${response.channel}`]: 1, ...(flagged ? { flagged: 1 } : {}), ...headlineCounts(consultation, response.answers, flagged) };
}
