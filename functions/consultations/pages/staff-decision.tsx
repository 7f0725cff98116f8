/**
 * After the consultation: what the Commissioner decided, the public results page (taken down by
 * administrators only: docs/decisions.md), and the actions raised from what was decided (core's action
 * contract: the action log lists them with every other capability's).
 *
 *   GET/POST  /staff/consultations/{id}/decision; POST /publish-results, /withdraw-results (admin)
 *   GET/POST  /staff/consultations/{id}/actions/new             raise an action once it has closed
 */
import type { Hono } from 'hono';
import * as z from 'zod/mini';
import { readActionForm } from '../../core/actions/form.js';
import type { NewAction } from '../../core/actions/model.js';
import { isAdmin, type AppEnv } from '../../core/http/auth.js';
import { handleNotFound } from '../../core/http/app.js';
import { formRoute, type Read } from '../../core/http/form-route.js';
import { requiredText } from '../../core/validation.js';
import { publishResults, recordDecision, withdrawResults } from '../consultations.js';
import { phaseOf } from '../model.js';
import { raiseAction } from '../raising-actions.js';
import { RaiseActionPage } from './actions.js';
import { bannerOf, base, findConsultation, STAFF } from './console.js';
import { DecisionPage } from './decision.js';

const decisionText = requiredText({ label: 'what was decided', max: 5000, multiline: true, message: 'Enter what the Commissioner decided' });

export function staffDecisionPages(app: Hono<AppEnv>): void {
  app.get(`${STAFF}/:id/decision`, async (c) => {
    const consultation = await findConsultation(c);
    if (!consultation) return handleNotFound(c);
    return c.html(<DecisionPage consultation={consultation} values={{ decision: consultation.decision ?? '' }} banner={bannerOf(c)} now={new Date()} canWithdraw={isAdmin(c)} />);
  });

  formRoute(app, `${STAFF}/:id/decision`, {
    load: findConsultation,
    read: ({ values }): Read<string> => {
      const decision = z.safeParse(decisionText, values['decision'] ?? '');
      return decision.success ? { input: decision.data } : { errors: { decision: decision.error.issues[0]!.message } };
    },
    act: (decision, consultation) => recordDecision(consultation.id, decision),
    done: (_, consultation) => `${base(consultation)}/decision?done=decision-saved`,
    again: ({ context, values, errors, problem }, c) => <DecisionPage consultation={context} values={values} errors={errors} problem={problem} now={new Date()} canWithdraw={isAdmin(c)} />,
  });

  formRoute(app, `${STAFF}/:id/publish-results`, {
    load: findConsultation,
    read: ({ values }) => ({ input: { includeFlagged: values['flagged'] !== 'exclude' } }),
    act: (options, consultation) => publishResults(consultation.id, options),
    done: (_, consultation) => `${base(consultation)}/decision?done=results-published`,
    again: ({ context, refusal }, c) => (
      <DecisionPage consultation={context} values={{ decision: context.decision ?? '' }} problem={refusal?.message} now={new Date()} canWithdraw={isAdmin(c)} />
    ),
  });

  // Taking published results down is for admins only (docs/decisions.md).
  formRoute(app, `${STAFF}/:id/withdraw-results`, {
    role: 'admin',
    load: findConsultation,
    act: (_, consultation) => withdrawResults(consultation.id),
    done: (_, consultation) => `${base(consultation)}/decision?done=results-withdrawn`,
    again: ({ context, refusal }, c) => (
      <DecisionPage consultation={context} values={{ decision: context.decision ?? '' }} problem={refusal?.message} now={new Date()} canWithdraw={isAdmin(c)} />
    ),
  });

  // Actions from what was decided ---------------------------------------------------------------

  app.get(`${STAFF}/:id/actions/new`, async (c) => {
    const consultation = await findConsultation(c);
    if (!consultation) return handleNotFound(c);
    if (phaseOf(consultation, new Date()) !== 'closed') return c.redirect(base(consultation), 303);
    return c.html(<RaiseActionPage consultation={consultation} values={{}} />);
  });

  formRoute(app, `${STAFF}/:id/actions/new`, {
    load: findConsultation,
    read: ({ values }): Read<NewAction> => {
      const read = readActionForm(values);
      return read.input ? { input: read.input } : { errors: read.errors ?? {} };
    },
    act: (input, consultation, by) => raiseAction(consultation, input, { by: by.name }),
    done: (_, consultation) => `${base(consultation)}?done=action-raised`,
    again: ({ context, values, errors, problem }) => <RaiseActionPage consultation={context} values={values} errors={errors} problem={problem} />,
  });
}
