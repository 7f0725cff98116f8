/**
 * Responses gathered by others, imported from CSV (importing.ts). Checking a file changes nothing, so
 * it is a plain post answered with the preview; the import is a core `formRoute` (a repeat acts once),
 * and each row is stored at most once whatever happens.
 *
 *   GET       /staff/consultations/{id}/responses/import               the upload page, columns and limits
 *   GET       /staff/consultations/{id}/responses/import/template.csv  the header row
 *   POST      /staff/consultations/{id}/responses/import               every row checked (nothing written)
 *   POST      /staff/consultations/{id}/responses/import/confirm       the import
 */
import type { Context, Hono } from 'hono';
import type { AppEnv } from '../../core/http/auth.js';
import { handleNotFound } from '../../core/http/app.js';
import { formRoute, type Read } from '../../core/http/form-route.js';
import { csvResponse } from '../../core/ui/csv.js';
import { importResponses, importTemplate, previewResponseImport } from '../importing.js';
import { isStaffChannel, type Channel, type Consultation } from '../model.js';
import { base, findConsultation, overview, STAFF } from './console.js';
import { ResponseImportPage } from './response-import.js';

const NO_FILE = 'Choose a CSV file of responses';
const NO_CHANNEL = 'Choose how the responses were given';
const RESULTS_PUBLISHED = 'The results have been published, so no more responses can be imported. To import some, take the results page down first.';
const count = (text: string | undefined) => (/^\d{1,4}$/.test(text ?? '') ? Number(text) : 0);

/** The file (an upload) or the text the confirming form carries back, and the channel chosen. */
async function posted(c: Context): Promise<{ csv: string; channel: string }> {
  const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
  const file = body['file'];
  const csv = file instanceof File ? await file.text() : typeof body['csv'] === 'string' ? body['csv'] : '';
  return { csv, channel: typeof body['channel'] === 'string' ? body['channel'] : '' };
}

function readImport(values: { csv?: string; channel?: string }): Read<{ csv: string; channel: Exclude<Channel, 'online'> }> {
  const errors = {
    ...(isStaffChannel(values.channel ?? '') ? {} : { channel: NO_CHANNEL }),
    ...(values.csv?.trim() ? {} : { file: NO_FILE }),
  };
  return Object.keys(errors).length ? { errors } : { input: { csv: values.csv!, channel: values.channel as Exclude<Channel, 'online'> } };
}

export function staffImportPages(app: Hono<AppEnv>): void {
  const open = async (c: Context<AppEnv>, work: (consultation: Consultation) => Response | Promise<Response>) => {
    const consultation = await findConsultation(c);
    if (!consultation || consultation.status === 'draft') return handleNotFound(c);
    if (consultation.resultsPublishedAt) return c.html(await overview(consultation, { problem: RESULTS_PUBLISHED }), 409);
    return work(consultation);
  };

  app.get(`${STAFF}/:id/responses/import`, (c) =>
    open(c, (consultation) => {
      const done = c.req.query('done') === 'imported' ? `Imported ${count(c.req.query('imported'))}, already there ${count(c.req.query('repeated'))}` : undefined;
      return c.html(<ResponseImportPage consultation={consultation} banner={done} />);
    }),
  );

  app.get(`${STAFF}/:id/responses/import/template.csv`, async (c) => {
    const consultation = await findConsultation(c);
    if (!consultation) return handleNotFound(c);
    return csvResponse(c, `responses-${consultation.id}-template.csv`, importTemplate(consultation));
  });

  app.post(`${STAFF}/:id/responses/import`, (c) =>
    open(c, async (consultation) => {
      const values = await posted(c);
      const read = readImport(values);
      if (read.errors) return c.html(<ResponseImportPage consultation={consultation} values={values} errors={read.errors} />, 400);
      const preview = previewResponseImport(consultation, read.input.csv);
      return c.html(<ResponseImportPage consultation={consultation} values={values} csv={read.input.csv} preview={preview} />, preview.ok ? 200 : 400);
    }),
  );

  formRoute(app, `${STAFF}/:id/responses/import/confirm`, {
    load: findConsultation,
    read: ({ values }) => readImport(values),
    act: ({ csv, channel }, consultation, by) => importResponses(consultation, channel, csv, { ...(by.user?.id ? { by: by.user.id } : {}) }),
    done: ({ imported, repeated }, consultation) => `${base(consultation)}/responses/import?done=imported&imported=${imported}&repeated=${repeated}`,
    again: ({ context, values, errors, problem, refusal }) =>
      refusal?.code === 'import_invalid' ? (
        <ResponseImportPage consultation={context} values={values} csv={values['csv']} preview={previewResponseImport(context, values['csv'] ?? '')} />
      ) : (
        <ResponseImportPage consultation={context} values={values} errors={refusal ? {} : errors} problem={typeof problem === 'string' ? problem : undefined} />
      ),
  });
}
