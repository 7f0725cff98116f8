/**
 * JSON API for consultations. Anyone: list, read a published consultation's questions, respond, and
 * read published results (suppressed). Staff (role `staff`): create and change consultations, publish,
 * close, copy, enter paper and event responses, live results (every number, with the suppressed ones
 * marked) and exports. Each route validates with zod (via ApiRoutes) and calls the domain.
 */
import * as z from 'zod/mini';
import type { ApiRoutes } from '../core/http/api.js';
import { clientAddress } from '../core/http/client-address.js';
import { notFound } from '../core/refusal.js';
import { csvResponse } from '../core/ui/csv.js';
import { emailAddress, requiredText } from '../core/validation.js';
import { answersJson } from './answers.js';
import { answersDeleted, answersKept, closeConsultation, copyConsultation, createConsultation, listPublicConsultations, publishConsultation, replaceQuestions, requireConsultation, responseCount, updateDetails } from './consultations.js';
import { journeyPages } from './definition.js';
import { responseRows, resultRows } from './exports.js';
import { consultationInput, detailsInput, pagesInput, phaseOf, staffChannels, type Channel, type Consultation } from './model.js';
import { bandTable } from './precept.js';
import { publicResultsOf, resultsOf } from './reading-results.js';
import { forPublic } from './results.js';
import { submitResponse } from './responding.js';
import { allResponses } from './store/responses.js';

const consultationId = z.string().check(z.regex(/^[a-z0-9-]{1,64}$/, { error: 'Not a consultation id' }));
const params = z.object({ id: consultationId });

const summarySchema = z.object({
  id: z.string(),
  title: z.string(),
  opensAt: z.string(),
  closesAt: z.string(),
  phase: z.enum(['upcoming', 'open', 'closed']),
  resultsPublished: z.boolean(),
  demo: z.boolean(),
});

function summary(c: Consultation, now: Date): z.infer<typeof summarySchema> {
  const phase = phaseOf(c, now);
  return { id: c.id, title: c.title, opensAt: c.opensAt, closesAt: c.closesAt, phase: phase === 'draft' ? 'upcoming' : phase, resultsPublished: Boolean(c.resultsPublishedAt), demo: Boolean(c.demo) };
}

/** What a respondent's program needs: the pages and questions (the council-area options depend on the postcode answer), and each precept question's band table. */
function publicDefinition(c: Consultation, now: Date) {
  return {
    ...summary(c, now),
    introduction: c.introduction,
    background: c.background,
    definitionVersion: c.definitionVersion,
    pages: journeyPages(c).map((page) => ({
      ...page,
      questions: page.questions.map((q) =>
        q.type === 'precept'
          ? { ...q, bands: bandTable(q.bandDPence, q.options.filter((o) => (o.increasePence ?? 0) > 0).map((o) => o.increasePence!)) }
          : q.type === 'area'
            ? { ...q, note: 'Asked only when the postcode district spans council areas; its options are those areas (see GET /api/consultations/{id}).' }
            : q,
      ),
    })),
  };
}

const responseBody = z.strictObject({
  answers: answersJson,
  receiptEmail: z.optional(emailAddress('Enter the email address to send a copy of the answers to')),
});
const paperBody = z.strictObject({ channel: z.enum(staffChannels as [Exclude<Channel, 'online'>, ...Array<Exclude<Channel, 'online'>>], { error: 'The channel is paper, event or telephone' }), answers: answersJson });
const submittedSchema = z.object({ reference: z.string(), status: z.enum(['submitted']) });

export function consultationsApi(api: ApiRoutes): void {
  const tags = ['Consultations'];

  api.add(
    {
      method: 'get',
      operationId: 'listConsultations',
      path: '/api/consultations',
      summary: 'Published consultations: open, coming and closed',
      tags,
      responses: { 200: { description: 'The consultations', schema: z.object({ consultations: z.array(summarySchema) }) } },
    },
    async (c) => {
      const now = new Date();
      return c.json({ consultations: (await listPublicConsultations()).map((x) => summary(x, now)) });
    },
  );

  api.add(
    {
      method: 'get',
      operationId: 'getConsultation',
      path: '/api/consultations/:id',
      summary: 'A published consultation, with its pages and questions',
      tags,
      params,
      responses: { 200: { description: 'The consultation' }, 404: { description: 'No such published consultation' } },
    },
    async (c, { params: p }) => {
      const consultation = await requireConsultation(p.id);
      if (consultation.status === 'draft') throw notFound('There is no consultation with this id');
      return c.json(publicDefinition(consultation, new Date()));
    },
  );

  api.add(
    {
      method: 'post',
      operationId: 'respondToConsultation',
      path: '/api/consultations/:id/responses',
      summary:
        'Respond: answers keyed by question id, checked against the consultation’s own questions. Anonymous; an optional address gets a copy of the answers and is not kept. The same Idempotency-Key stores one response, and is answered with its reference.',
      tags,
      params,
      body: responseBody,
      rateLimited: true,
      responses: {
        201: { description: 'Stored: the receipt reference', schema: submittedSchema },
        400: { description: 'An answer is not valid for this consultation (each named `answers.<question id>`)' },
        404: { description: 'No such published consultation' },
        409: { description: 'Not open: consultation_not_open or consultation_closed' },
      },
    },
    async (c, { params: p, body }) => {
      const result = await submitResponse(p.id, {
        answers: body.answers,
        channel: 'online',
        strict: true,
        clientAddress: clientAddress(c),
        ...(body.receiptEmail ? { receiptEmail: body.receiptEmail } : {}),
      });
      return c.json({ reference: result.reference, status: 'submitted' as const }, 201);
    },
  );

  api.add(
    {
      method: 'get',
      operationId: 'getPublishedConsultationResults',
      path: '/api/consultations/:id/results',
      summary: 'Published results, as on the public results page: small numbers suppressed (null), 95% Wilson intervals, weighted shares with the effective sample size, and the decision',
      tags,
      params,
      responses: { 200: { description: 'The results' }, 404: { description: 'No such consultation, or its results are not published' } },
    },
    async (c, { params: p }) => {
      const consultation = await requireConsultation(p.id);
      if (!consultation.resultsPublishedAt || phaseOf(consultation, new Date()) !== 'closed') throw notFound('The results of this consultation are not published');
      return c.json({ consultation: summary(consultation, new Date()), decision: consultation.decision ?? null, results: await publicResultsOf(consultation) });
    },
  );

  // Staff ---------------------------------------------------------------------------------------

  const staff = { role: 'staff' as const, tags: ['Consultations (staff)'] };

  api.add(
    { ...staff, method: 'post', operationId: 'createConsultation', path: '/api/consultations', summary: 'Create a draft consultation, with its pages and questions', body: consultationInput, responses: { 201: { description: 'The new draft' } } },
    async (c, { body }) => c.json(await createConsultation(body), 201),
  );

  api.add(
    {
      ...staff,
      method: 'get',
      operationId: 'getConsultationForStaff',
      path: '/api/consultations/:id/definition',
      summary: 'A consultation as stored (drafts too), with its number of responses',
      params,
      responses: { 200: { description: 'The consultation' }, 404: { description: 'No such consultation' } },
    },
    async (c, { params: p }) => {
      const consultation = await requireConsultation(p.id, { consistent: true });
      return c.json({ consultation, responses: await responseCount(consultation.id) });
    },
  );

  api.add(
    {
      ...staff,
      method: 'put',
      operationId: 'updateConsultationDetails',
      path: '/api/consultations/:id/details',
      summary: 'Change the title, texts, times, about-you questions, suppression threshold or weighting (about-you questions only while there are no responses)',
      params,
      body: detailsInput,
      responses: { 200: { description: 'The consultation as saved' }, 404: { description: 'No such consultation' }, 409: { description: 'consultation_has_responses' } },
    },
    async (c, { params: p, body }) => c.json(await updateDetails(p.id, body)),
  );

  api.add(
    {
      ...staff,
      method: 'put',
      operationId: 'replaceConsultationQuestions',
      path: '/api/consultations/:id/questions',
      summary: 'Replace every page and question; refused once the consultation has a response (make a new version instead)',
      params,
      body: z.strictObject({ pages: pagesInput }),
      responses: { 200: { description: 'The consultation as saved' }, 400: { description: 'A question is not valid' }, 404: { description: 'No such consultation' }, 409: { description: 'consultation_has_responses' } },
    },
    async (c, { params: p, body }) => c.json(await replaceQuestions(p.id, body.pages)),
  );

  api.add(
    { ...staff, method: 'post', operationId: 'publishConsultation', path: '/api/consultations/:id/publish', summary: 'Publish a draft', params, responses: { 200: { description: 'Published' }, 404: { description: 'No such consultation' }, 409: { description: 'Already published, or no questions' } } },
    async (c, { params: p }) => c.json(await publishConsultation(p.id)),
  );

  api.add(
    { ...staff, method: 'post', operationId: 'closeConsultation', path: '/api/consultations/:id/close', summary: 'Close now: no more online responses', params, responses: { 200: { description: 'Closed' }, 404: { description: 'No such consultation' }, 409: { description: 'Not published' } } },
    async (c, { params: p }) => c.json(await closeConsultation(p.id)),
  );

  api.add(
    {
      ...staff,
      method: 'post',
      operationId: 'copyConsultation',
      path: '/api/consultations/:id/copy',
      summary: 'A new draft with the same questions: a new version (same times) or next year’s (a year later)',
      params,
      body: z.strictObject({ title: requiredText({ label: 'a title', max: 150, message: 'Enter a title' }), newVersion: z.boolean({ error: 'Say whether it is a new version: true or false' }) }),
      responses: { 201: { description: 'The copy' }, 404: { description: 'No such consultation' } },
    },
    async (c, { params: p, body }) => c.json(await copyConsultation(p.id, body), 201),
  );

  api.add(
    {
      ...staff,
      method: 'post',
      operationId: 'enterPaperResponse',
      path: '/api/consultations/:id/paper-responses',
      summary: 'Enter a response given on paper, at an event or by telephone (accepted after closing too)',
      params,
      body: paperBody,
      responses: { 201: { description: 'Stored', schema: submittedSchema }, 400: { description: 'An answer is not valid' }, 404: { description: 'No such published consultation' } },
    },
    async (c, { params: p, body }) => {
      const user = c.get('user');
      const result = await submitResponse(p.id, { answers: body.answers, channel: body.channel, strict: true, ...(user ? { enteredBy: user.id } : {}) });
      return c.json({ reference: result.reference, status: 'submitted' as const }, 201);
    },
  );

  api.add(
    {
      ...staff,
      method: 'get',
      operationId: 'getLiveConsultationResults',
      path: '/api/consultations/:id/live-results',
      summary: 'Live results with every number: cells that are suppressed outside staff view are marked `suppressed: true`. Read from counters: the same cost at any number of responses.',
      params,
      query: z.object({ flagged: z.optional(z.enum(['include', 'exclude'], { error: 'flagged is include or exclude' })) }),
      responses: { 200: { description: 'The results' }, 404: { description: 'No such consultation' } },
    },
    async (c, { params: p, query }) => {
      const consultation = await requireConsultation(p.id);
      return c.json(await resultsOf(consultation, { includeFlagged: query.flagged !== 'exclude' }));
    },
  );

  api.add(
    {
      ...staff,
      method: 'get',
      operationId: 'exportConsultationResponses',
      path: '/api/consultations/:id/responses.csv',
      summary: 'Every response as a spreadsheet (CSV): one row each, one column per question',
      params,
      responses: {
        200: { description: 'CSV', contentType: 'text/csv', schema: z.string() },
        404: { description: 'No such consultation' },
        410: { description: 'Every response’s answers have been deleted (24 months after each response); the results are kept' },
      },
    },
    async (c, { params: p }) => {
      const consultation = await requireConsultation(p.id);
      const keeping = await answersKept(consultation);
      if (keeping.allDeleted) throw answersDeleted(keeping);
      return csvResponse(c, `responses-${consultation.id}.csv`, responseRows(consultation, await allResponses(consultation.id)));
    },
  );

  api.add(
    {
      ...staff,
      method: 'get',
      operationId: 'exportConsultationResults',
      path: '/api/consultations/:id/results.csv',
      summary: 'The results tables as a spreadsheet (CSV), with small numbers suppressed',
      params,
      responses: { 200: { description: 'CSV', contentType: 'text/csv', schema: z.string() }, 404: { description: 'No such consultation' } },
    },
    async (c, { params: p }) => {
      const consultation = await requireConsultation(p.id);
      return csvResponse(c, `results-${consultation.id}.csv`, resultRows(consultation, forPublic(await resultsOf(consultation))));
    },
  );
}
