/**
 * Staff console pages for consultations. Everything under /staff needs the staff role (createApp
 * guards it); every form is a core `formRoute` (it reads the post, calls the domain, shows the form
 * again with what was wrong, and redirects once done), and a form sent twice acts once.
 *
 *   GET       /staff/consultations                               the list
 *   GET/POST  /staff/consultations/new                           create (details)
 *   GET       /staff/consultations/{id}                          the consultation, its pages and questions (and its actions once closed)
 *   GET/POST  /staff/consultations/{id}/edit                     details
 *   GET/POST  /staff/consultations/{id}/publish, /close, /copy
 *   the builder (pages and questions, preview):      staff-builder.tsx
 *   results, exports, free text, paper responses:    staff-responses.tsx
 *   a response by its receipt reference:             staff-receipt.tsx
 *   responses gathered by others, from CSV:          staff-import.tsx
 *   the decision, the public results page, actions:  staff-decision.tsx
 */
import type { Hono } from 'hono';
import type { AppEnv } from '../../core/http/auth.js';
import { handleNotFound } from '../../core/http/app.js';
import { formRoute } from '../../core/http/form-route.js';
import { inFieldOrder } from '../../core/ui/forms.js';
import { ConfirmPage } from '../../core/ui/pages.js';
import { requiredText } from '../../core/validation.js';
import * as z from 'zod/mini';
import { closeConsultation, copyConsultation, createConsultation, listConsultations, publishConsultation, responseCount, updateDetails } from '../consultations.js';
import { phaseOf } from '../model.js';
import { DetailsFormPage, detailsFormValues, readDetailsForm } from './builder-forms.js';
import { bannerOf, base, findConsultation, overview, STAFF } from './console.js';
import { CopyPage } from './copy.js';
import { StaffListPage } from './overview.js';
import { staffBuilderPages } from './staff-builder.js';
import { staffDecisionPages } from './staff-decision.js';
import { staffResponsePages } from './staff-responses.js';
import { staffReceiptPages } from './staff-receipt.js';
import { staffImportPages } from './staff-import.js';

const copyTitle = requiredText({ label: 'a title for the copy', max: 150, message: 'Enter a title for the copy' });

export function staffPages(app: Hono<AppEnv>): void {
  app.get(STAFF, async (c) => c.html(<StaffListPage consultations={await listConsultations()} now={new Date()} />));

  app.get(`${STAFF}/new`, (c) => c.html(<DetailsFormPage values={{ suppressionThreshold: '10', weighting: 'no' }} />));

  formRoute(app, `${STAFF}/new`, {
    read: ({ values }) => readDetailsForm(values),
    act: (details) => createConsultation({ details, pages: [] }),
    done: (created) => `${base(created)}?done=created`,
    again: ({ values, errors, problem }) => <DetailsFormPage values={values} errors={errors} problem={problem} />,
  });

  app.get(`${STAFF}/:id`, async (c) => {
    const consultation = await findConsultation(c);
    if (!consultation) return handleNotFound(c);
    return c.html(await overview(consultation, { banner: bannerOf(c) }));
  });

  app.get(`${STAFF}/:id/edit`, async (c) => {
    const consultation = await findConsultation(c);
    if (!consultation) return handleNotFound(c);
    return c.html(<DetailsFormPage consultation={consultation} values={detailsFormValues(consultation)} />);
  });

  formRoute(app, `${STAFF}/:id/edit`, {
    load: findConsultation,
    read: ({ values }) => readDetailsForm(values),
    act: (details, consultation) => updateDetails(consultation.id, details),
    done: (_, consultation) => `${base(consultation)}?done=updated`,
    again: ({ context, values, errors, problem }) => <DetailsFormPage consultation={context} values={values} errors={errors} problem={problem} />,
  });

  // Publish, close, copy -------------------------------------------------------------------------

  app.get(`${STAFF}/:id/publish`, async (c) => {
    const consultation = await findConsultation(c);
    if (!consultation) return handleNotFound(c);
    if (consultation.status !== 'draft') return c.redirect(base(consultation), 303);
    return c.html(
      <ConfirmPage title="Publish this consultation?" caption={consultation.title} action={`${base(consultation)}/publish`} confirm="Yes, publish it" back={base(consultation)} staff={{ current: STAFF }}>
        <p class="govuk-body">It will be listed on the public consultations page straight away, and take responses from its opening time.</p>
        <p class="govuk-body">Once someone responds, its questions cannot change.</p>
      </ConfirmPage>,
    );
  });

  formRoute(app, `${STAFF}/:id/publish`, {
    load: findConsultation,
    act: (_, consultation) => publishConsultation(consultation.id),
    done: (_, consultation) => `${base(consultation)}?done=published`,
    // The overview, with what stops it (a field's message, such as a closing time that has passed).
    again: ({ context, refusal }) => overview(context, { problem: refusal?.fields?.[0]?.message ?? refusal?.message }),
  });

  app.get(`${STAFF}/:id/close`, async (c) => {
    const consultation = await findConsultation(c);
    if (!consultation) return handleNotFound(c);
    if (consultation.status !== 'published' || phaseOf(consultation, new Date()) === 'closed') return c.redirect(base(consultation), 303);
    return c.html(
      <ConfirmPage title="Close this consultation now?" caption={consultation.title} action={`${base(consultation)}/close`} confirm="Yes, close it now" back={base(consultation)} staff={{ current: STAFF }}>
        <p class="govuk-body">It will stop taking responses online straight away. You can still enter paper responses.</p>
      </ConfirmPage>,
    );
  });

  formRoute(app, `${STAFF}/:id/close`, {
    load: findConsultation,
    act: (_, consultation) => closeConsultation(consultation.id),
    done: (_, consultation) => `${base(consultation)}?done=closed`,
    again: async ({ context, refusal }, c) => c.html(await overview(context, { problem: refusal?.message }), 409),
  });

  app.get(`${STAFF}/:id/copy`, async (c) => {
    const consultation = await findConsultation(c);
    if (!consultation) return handleNotFound(c);
    const locked = (await responseCount(consultation.id)) > 0;
    return c.html(<CopyPage consultation={consultation} values={{ title: locked ? `${consultation.title} (new version)` : `Copy of ${consultation.title}` }} locked={locked} />);
  });

  formRoute(app, `${STAFF}/:id/copy`, {
    load: findConsultation,
    read: ({ values }) => {
      const title = z.safeParse(copyTitle, values['title'] ?? '');
      const kind = values['kind'] === 'version' || values['kind'] === 'copy' ? values['kind'] : undefined;
      if (title.success && kind) return { input: { title: title.data, newVersion: kind === 'version' } };
      return { errors: inFieldOrder({ ...(kind ? {} : { kind: 'Choose what the copy is for' }), ...(title.success ? {} : { title: title.error.issues[0]!.message }) }, ['kind', 'title']) };
    },
    act: (copy, consultation) => copyConsultation(consultation.id, copy),
    done: (copy) => `${base(copy)}?done=copied`,
    again: ({ context, values, errors }) => <CopyPage consultation={context} values={values} locked={false} errors={errors} />,
  });

  staffBuilderPages(app);
  staffResponsePages(app);
  staffReceiptPages(app);
  staffImportPages(app);
  staffDecisionPages(app);
}
