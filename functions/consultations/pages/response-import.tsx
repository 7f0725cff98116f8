/**
 * Importing responses gathered by others (an independent body, paper forms typed into a spreadsheet)
 * from CSV: the columns the file may have and the limits, the upload, every row checked and shown with
 * its problems by row and column, then the import (importing.ts).
 */
import { Button, ErrorSummary, Radios, Table, type Errors } from '../../core/ui/components.js';
import { hasErrors, type FormValues } from '../../core/ui/forms.js';
import { StaffPage } from '../../core/ui/pages.js';
import { PostForm } from '../../core/ui/post-form.js';
import { IMPORT_LIMITS, importColumns, rowErrorText, type ImportPreview } from '../importing.js';
import { channelLabel, staffChannels, type Consultation } from '../model.js';
import { optionsOf } from '../definition.js';
import { base, STAFF } from './paths.js';

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

/** What a column takes, in words. */
function accepts(question: Parameters<typeof optionsOf>[0], other?: boolean): string {
  if (other) return 'What the respondent wrote for “Other”';
  switch (question.type) {
    case 'multiple':
      return `Options separated by semicolons (up to ${question.maxChoices}): ${optionsOf(question).map((o) => o.label).join('; ')}`;
    case 'text':
      return `Text, up to ${question.maxLength.toLocaleString('en-GB')} characters`;
    case 'number':
      return `A whole number from ${question.min} to ${question.max}`;
    case 'outward-code':
      return 'The first part of a postcode (LE11), or “Prefer not to say”';
    case 'area':
      return 'A council area, where the postcode district covers more than one';
    default:
      return `One of: ${optionsOf(question).map((o) => o.label).join('; ')}`;
  }
}

export function ResponseImportPage(props: { consultation: Consultation; values?: FormValues; csv?: string; preview?: ImportPreview; errors?: Errors; problem?: string; banner?: string }) {
  const { consultation: c, values = {}, csv, preview, errors = {} } = props;
  const path = `${base(c)}/responses/import`;
  const failed = preview && !preview.ok;
  const summary: Errors = failed ? { file: preview.fileErrors[0] ?? 'Some rows have problems: nothing has been imported. Correct them and upload the file again.', ...errors } : errors;
  const channel = values['channel'] ?? '';
  return (
    <StaffPage title={`Import responses: ${c.title}`} current={STAFF} back={base(c)} banner={props.banner} hasErrors={hasErrors(summary)} wide>
      <ErrorSummary errors={summary} />
      <span class="govuk-caption-l">{c.title}</span>
      <h1 class="govuk-heading-l">Import responses gathered by others</h1>
      {props.problem ? <div class="govuk-inset-text">{props.problem}</div> : null}
      <p class="govuk-body">
        For responses an independent body collected, or paper forms typed into a spreadsheet. Save the spreadsheet as CSV with a header row of question ids and a row for each response. A file can have up to {plural(IMPORT_LIMITS.rows, 'response', 'responses')} and be up to {IMPORT_LIMITS.bytes / 1024} KB: split a larger one into several files.
      </p>
      <p class="govuk-body">
        Every row is checked before anything is saved. Nothing is imported while any row has a problem. Importing the same file again adds nothing twice.
      </p>
      <p class="govuk-body">
        <a class="govuk-link" href={`${path}/template.csv`}>Download a file with the header row (CSV)</a>
      </p>
      <details class="govuk-details">
        <summary class="govuk-details__summary">
          <span class="govuk-details__summary-text">The columns and what each takes</span>
        </summary>
        <div class="govuk-details__text">
          <Table caption="Columns, in any order; leave a cell empty for a question not answered" head={['Column', 'Question', 'Takes']} rows={importColumns(c).map(({ column, question, other }) => [column, question.text, accepts(question, other)])} />
        </div>
      </details>
      {preview ? (
        <>
          <h2 class="govuk-heading-m">{preview.ok ? 'Check the responses before importing' : 'Problems with the file'}</h2>
          {preview.fileErrors.map((e) => (
            <p class="govuk-error-message">{e}</p>
          ))}
          {preview.ok ? (
            <p class="govuk-body">
              {plural(preview.rows.length, 'response', 'responses')} checked, every one right. Channel: {channelLabel(channel)}.
            </p>
          ) : preview.rows.length ? (
            <Table
              caption="Rows with problems (row 1 is the header)"
              head={['Row', 'Problems']}
              rows={preview.rows
                .filter((r) => r.errors.length)
                .map((r) => [
                  String(r.row),
                  <ul class="govuk-list">
                    {r.errors.map((e) => (
                      <li>{rowErrorText(r.row, e)}</li>
                    ))}
                  </ul>,
                ])}
            />
          ) : null}
          {preview.ok ? (
            <PostForm action={`${path}/confirm`} enctype="multipart/form-data">
              <input type="hidden" name="csv" value={csv ?? ''} />
              <input type="hidden" name="channel" value={channel} />
              <Button>Import {plural(preview.rows.length, 'response', 'responses')}</Button>
            </PostForm>
          ) : null}
        </>
      ) : null}
      <h2 class="govuk-heading-m">{preview ? 'Upload a file again' : 'Upload the file'}</h2>
      <PostForm action={path} enctype="multipart/form-data">
        <Radios
          name="channel"
          legend="How were the responses given?"
          value={channel}
          error={errors['channel']}
          options={staffChannels.map((id) => ({ value: id, text: channelLabel(id) }))}
        />
        <div class={`govuk-form-group${errors['file'] ? ' govuk-form-group--error' : ''}`}>
          <label class="govuk-label govuk-label--s" for="file">
            CSV file
          </label>
          <div id="file-hint" class="govuk-hint">
            Up to {plural(IMPORT_LIMITS.rows, 'response', 'responses')} and {IMPORT_LIMITS.bytes / 1024} KB.
          </div>
          {errors['file'] ? (
            <p id="file-error" class="govuk-error-message">
              <span class="govuk-visually-hidden">Error:</span> {errors['file']}
            </p>
          ) : null}
          <input class={`govuk-file-upload${errors['file'] ? ' govuk-file-upload--error' : ''}`} id="file" name="file" type="file" accept=".csv,text/csv" aria-describedby={errors['file'] ? 'file-hint file-error' : 'file-hint'} />
        </div>
        <Button secondary={Boolean(preview?.ok)}>Check the file</Button>
      </PostForm>
    </StaffPage>
  );
}
