/** Importing the council list from CSV (admins): upload, every row checked and shown, then import. */
import { Button, ErrorSummary, Table, type Errors } from '../../core/ui/components.js';
import { hasErrors } from '../../core/ui/forms.js';
import { StaffPage } from '../../core/ui/pages.js';
import { PostForm } from '../../core/ui/post-form.js';
import type { ImportPreview } from '../council-import.js';
import { CURRENT } from './staff-parts.js';

export function ImportPage({ csv, preview, errors = {}, done }: { csv?: string; preview?: ImportPreview; errors?: Errors; done?: string }) {
  return (
    <StaffPage title="Import councils from CSV" current={CURRENT} back="/staff/surgeries/councils" banner={done} hasErrors={hasErrors(errors) || Boolean(preview && !preview.ok)} wide>
      <ErrorSummary errors={preview && !preview.ok ? { csv: preview.fileErrors[0] ?? 'Some rows have problems: nothing has been imported. Correct them and upload the file again.', ...errors } : errors} />
      <h1 class="govuk-heading-xl">Import councils from CSV</h1>
      <p class="govuk-body">
        Columns: <code>id, name, district, parishes, clerk_name, clerk_email, governance</code>. Leave <code>id</code> empty to add a council; give it to update one (the download has the ids). Separate parishes with semicolons. You will see every row checked before anything is saved.
      </p>
      {preview ? (
        <>
          <h2 class="govuk-heading-l">{preview.ok ? 'Check the councils before importing' : 'Rows with problems'}</h2>
          {preview.fileErrors.map((e) => (
            <p class="govuk-error-message">{e}</p>
          ))}
          {preview.rows.length ? (
            <Table
              head={['Line', 'Council', 'District', 'What happens', 'Problems']}
              rows={preview.rows.map((r) => [String(r.line), r.name, r.district, r.errors.length ? 'Nothing (fix the problems)' : r.action === 'add' ? 'Added' : 'Updated', r.errors.length ? <ul class="govuk-list">{r.errors.map((e) => <li>{e}</li>)}</ul> : ''])}
            />
          ) : null}
          {preview.ok ? (
            <PostForm action="/staff/surgeries/councils/import/confirm">
              <input type="hidden" name="csv" value={csv ?? ''} />
              <Button>Import {preview.rows.length} {preview.rows.length === 1 ? 'council' : 'councils'}</Button>
            </PostForm>
          ) : null}
        </>
      ) : null}
      <PostForm action="/staff/surgeries/councils/import" enctype="multipart/form-data">
        <div class={`govuk-form-group${errors['file'] ? ' govuk-form-group--error' : ''}`}>
          <label class="govuk-label govuk-label--m" for="file">
            Upload a CSV file
          </label>
          {errors['file'] ? (
            <p id="file-error" class="govuk-error-message">
              <span class="govuk-visually-hidden">Error:</span> {errors['file']}
            </p>
          ) : null}
          <input class={`govuk-file-upload${errors['file'] ? ' govuk-file-upload--error' : ''}`} id="file" name="file" type="file" accept=".csv,text/csv" aria-describedby={errors['file'] ? 'file-error' : undefined} />
        </div>
        <Button secondary>Check the file</Button>
      </PostForm>
    </StaffPage>
  );
}
