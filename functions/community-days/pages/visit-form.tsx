/**
 * The form staff use to log and edit a visit. The day and times are typed as they read on a UK clock
 * and converted to instants before `visitInput` validates everything, so every problem (including a
 * ward in another council area, or a point outside it) is shown beside its field. With JavaScript, a
 * small map lets staff pick the point, which fills the ward and council area (web/map/picker.ts).
 */
import type { Child } from 'hono/jsx';
import * as z from 'zod/mini';
import { councilAreas } from '../../core/council-areas.js';
import { OfficeAttendeeRadios } from '../../core/ui/office-attendee.js';
import { wards } from '../../core/geography.js';
import { themes } from '../../core/themes.js';
import { localLondonToUtcIso, londonDay, utcIsoToLondonFields } from '../../core/time.js';
import { Checkboxes } from '../../core/ui/checkboxes.js';
import { Button, Checkbox, ErrorSummary, NotificationBanner, Radios, Select, Textarea, TextInput, type Errors } from '../../core/ui/components.js';
import { DateInput, readDateTime } from '../../core/ui/date-input.js';
import { hasErrors, inFieldOrder, type FormValues } from '../../core/ui/forms.js';
import { StaffPage } from '../../core/ui/pages.js';
import { PostForm } from '../../core/ui/post-form.js';
import { parseTime } from '../../core/ui/typed-dates.js';
import { LIMITS, metKinds, visitEditInput, visitInput, visitProblems, type Visit, type VisitEditInput, type VisitInput } from '../model.js';
import { MapAssets } from './map-assets.js';

const FIELDS = ['date', 'startTime', 'endTime', 'areaCode', 'wardCode', 'placeName', 'latitude', 'longitude', 'attendedFor', 'setting', ...metKinds.map((k) => `met-${k.id}`), 'themes', 'notes', 'publicSummary', 'published'];

/** What the form posts: each field's text, and the themes chosen. */
export interface VisitForm {
  values: FormValues;
  themes: string[];
}

/** A visit as the form shows it, for editing. */
export function visitFormValues(visit: Visit): VisitForm {
  const start = utcIsoToLondonFields(visit.startsAt);
  const end = utcIsoToLondonFields(visit.endsAt);
  const values: FormValues = {
    'date-day': start.day,
    'date-month': start.month,
    'date-year': start.year,
    startTime: start.time,
    endTime: end.time,
    areaCode: visit.areaCode,
    wardCode: visit.wardCode,
    placeName: visit.placeName,
    latitude: visit.point ? String(visit.point.latitude) : '',
    longitude: visit.point ? String(visit.point.longitude) : '',
    setting: visit.setting,
    attendedFor: visit.attendedFor ?? 'commissioner',
    notes: visit.notes ?? '',
    publicSummary: visit.publicSummary ?? '',
    published: visit.published ? 'yes' : '',
    version: String(visit.version),
  };
  for (const m of visit.met) {
    values[`met-${m.kind}`] = String(m.count);
    values[`met-${m.kind}-organisations`] = (m.organisations ?? []).join('\n');
  }
  return { values, themes: [...visit.themes] };
}

const decimal = (text: string | undefined) => {
  const t = (text ?? '').trim();
  if (!t) return undefined;
  return /^-?\d{1,3}(\.\d+)?$/.test(t) ? Number(t) : t;
};

/** The posted form → the visit's input (with `version` when editing), or errors by field in page order. */
export function readVisitForm<E extends boolean>(form: VisitForm, options: { editing: E }): { input: E extends true ? VisitEditInput : VisitInput; errors?: undefined } | { input?: undefined; errors: Errors } {
  const { values } = form;
  const errors: Errors = {};
  let day: string | undefined;
  const date = readDateTime(values, 'date', { missing: 'Enter the date of the visit', noun: 'The date' }, false);
  if (date.error !== undefined) errors['date'] = date.error;
  else day = londonDay(new Date(date.iso));
  const time = (name: 'startTime' | 'endTime', words: string) => {
    const text = (values[name] ?? '').trim();
    if (!text) {
      errors[name] = `Enter the ${words} time`;
      return undefined;
    }
    const hhmm = parseTime(text);
    if (!hhmm) errors[name] = `Enter the ${words} time like 10am or 14:30`;
    return hhmm;
  };
  const [start, end] = [time('startTime', 'start'), time('endTime', 'end')];
  const startsAt = day && start ? localLondonToUtcIso(day, start) : undefined;
  const endsAt = day && end ? localLondonToUtcIso(day, end) : undefined;
  if (day && start && !startsAt) errors['startTime'] = 'The start time is in the hour skipped when the clocks go forward';
  if (day && end && !endsAt) errors['endTime'] = 'The end time is in the hour skipped when the clocks go forward';

  const met = metKinds.flatMap((k) => {
    const count = (values[`met-${k.id}`] ?? '').trim();
    const organisations = (values[`met-${k.id}-organisations`] ?? '')
      .split(/\r?\n/)
      .map((o) => o.trim())
      .filter(Boolean);
    if (!count && !organisations.length) return [];
    if (count && !/^\d{1,6}$/.test(count)) {
      errors[`met-${k.id}`] = `Enter how many ${k.label.toLowerCase()} were met as a whole number`;
      return [];
    }
    // Organisations named without a number: as many as were named.
    return [{ kind: k.id, count: count ? Number(count) : organisations.length, ...(organisations.length ? { organisations } : {}) }];
  });

  const input = {
    ...(startsAt ? { startsAt } : {}),
    ...(endsAt ? { endsAt } : {}),
    areaCode: values['areaCode'] ?? '',
    wardCode: values['wardCode'] ?? '',
    placeName: values['placeName'] ?? '',
    ...(decimal(values['latitude']) !== undefined ? { latitude: decimal(values['latitude']) } : {}),
    ...(decimal(values['longitude']) !== undefined ? { longitude: decimal(values['longitude']) } : {}),
    setting: values['setting'] ?? '',
    attendedFor: values['attendedFor'] || 'commissioner',
    met,
    themes: form.themes,
    notes: values['notes'] ?? '',
    publicSummary: values['publicSummary'] ?? '',
    published: values['published'] === 'yes',
    ...(options.editing ? { version: Number(values['version']) } : {}),
  };
  const parsed = options.editing ? z.safeParse(visitEditInput, input) : z.safeParse(visitInput, input);
  if (!parsed.success) {
    // zod checks across fields only once every field is valid: run them now, so every problem shows at once.
    const crossField = visitProblems(input as never).map((p) => ({ path: [p.field], message: p.message }));
    for (const issue of [...parsed.error.issues, ...crossField]) {
      const [first, index] = issue.path;
      let field = String(first);
      if (field === 'startsAt') field = errors['date'] ? 'date' : 'startTime';
      else if (field === 'endsAt') field = 'endTime';
      else if (field === 'met' && typeof index === 'number') field = `met-${met[index]!.kind}`;
      else if (field === 'met') field = `met-${metKinds[0].id}`;
      else if (field === 'version') field = 'date';
      errors[field] ??= field === 'latitude' || field === 'longitude' ? issue.message.replace('Enter the latitude as a number', 'Enter the latitude as a number, like 52.7226') : issue.message;
    }
  }
  const ordered = inFieldOrder(errors, FIELDS);
  return parsed.success && !hasErrors(ordered) ? { input: parsed.data as never } : { errors: ordered };
}

/** The ward list, grouped by council area (GOV.UK select markup with option groups). */
function WardSelect({ value, error }: { value?: string; error?: string }) {
  return (
    <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <label class="govuk-label" for="wardCode">
        Ward
      </label>
      <div id="wardCode-hint" class="govuk-hint">
        Wards are listed under their council area.
      </div>
      {error ? (
        <p id="wardCode-error" class="govuk-error-message">
          <span class="govuk-visually-hidden">Error:</span> {error}
        </p>
      ) : null}
      <select class={`govuk-select${error ? ' govuk-select--error' : ''}`} id="wardCode" name="wardCode" aria-describedby={`wardCode-hint${error ? ' wardCode-error' : ''}`}>
        <option value="">Choose a ward</option>
        {councilAreas.map((area) => (
          <optgroup label={area.name}>
            {wards
              .filter((w) => w.areaCode === area.code)
              .map((w) => (
                <option value={w.code} selected={w.code === value} data-area={area.code}>
                  {w.name}
                </option>
              ))}
          </optgroup>
        ))}
      </select>
    </div>
  );
}

export function VisitFormPage(props: { visit?: Visit; form: VisitForm; errors?: Errors; problem?: Child }) {
  const { visit, form, errors = {}, problem } = props;
  const values = form.values;
  const action = visit ? `/staff/community-days/visits/${visit.id}/edit` : '/staff/community-days/visits/new';
  return (
    <StaffPage title={visit ? `Edit the visit to ${visit.placeName}` : 'Log a visit'} current="/staff/community-days" back={visit ? `/staff/community-days/visits/${visit.id}` : '/staff/community-days'} hasErrors={hasErrors(errors)} head={<MapAssets />}>
      <ErrorSummary errors={errors} />
      {problem ? (
        <NotificationBanner title="The visit was not saved">
          <div class="govuk-notification-banner__heading">{problem}</div>
        </NotificationBanner>
      ) : null}
      <h1 class="govuk-heading-xl">{visit ? 'Edit the visit' : 'Log a visit'}</h1>
      <PostForm action={action} values={values}>
        {visit ? <input type="hidden" name="version" value={values['version'] ?? String(visit.version)} /> : null}
        <h2 class="govuk-heading-m">When</h2>
        <DateInput name="date" legend="Date of the visit" hint={`For example, ${londonDay(new Date()).split('-').reverse().map(Number).join(' ')}`} values={values} error={errors['date']} />
        <TextInput name="startTime" label="Start time" hint="UK time, for example 10am or 10:00" width={5} value={values['startTime']} error={errors['startTime']} />
        <TextInput name="endTime" label="End time" hint="For example, 3pm or 15:00" width={5} value={values['endTime']} error={errors['endTime']} />

        <h2 class="govuk-heading-m">Where</h2>
        <div class="app-picker" data-map-picker data-map-wards="/assets/map/llr-wards.json"></div>
        <Select
          name="areaCode"
          label="Council area"
          value={values['areaCode'] ?? ''}
          error={errors['areaCode']}
          options={[{ value: '', text: 'Choose a council area' }, ...councilAreas.map((a) => ({ value: a.code, text: a.name }))]}
        />
        <WardSelect value={values['wardCode']} error={errors['wardCode']} />
        <TextInput name="placeName" label="Place" hint="The town, village, estate or venue. Shown on the public page if the visit is published: never a private address." value={values['placeName']} error={errors['placeName']} />
        <fieldset class="govuk-fieldset">
          <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Location (optional)</legend>
          <div class="govuk-hint">Where exactly, for the staff map. The public map only ever shows the centre of the ward.</div>
          <TextInput name="latitude" label="Latitude" hint="For example, 52.7226" inputmode="decimal" width={10} value={values['latitude']} error={errors['latitude']} />
          <TextInput name="longitude" label="Longitude" hint="For example, -1.3700" width={10} value={values['longitude']} error={errors['longitude']} />
        </fieldset>
        <OfficeAttendeeRadios value={values['attendedFor']} error={errors['attendedFor']} />
        <Radios
          name="setting"
          legend="Is the place urban or rural?"
          inline
          value={values['setting']}
          error={errors['setting']}
          options={[
            { value: 'urban', text: 'Urban' },
            { value: 'rural', text: 'Rural' },
          ]}
        />

        <h2 class="govuk-heading-m">Who was met</h2>
        <p class="govuk-body">How many of each, and the names of any organisations (one a line). Leave blank who was not met.</p>
        {metKinds.map((k) => (
          <div class="app-met-group">
            <TextInput name={`met-${k.id}`} label={k.label} inputmode="numeric" width={4} value={values[`met-${k.id}`]} error={errors[`met-${k.id}`]} />
            <Textarea
              name={`met-${k.id}-organisations`}
              label={`${k.label}: names of organisations (optional)`}
              rows={2}
              value={values[`met-${k.id}-organisations`]}
              error={errors[`met-${k.id}-organisations`]}
            />
          </div>
        ))}

        <Checkboxes name="themes" legend="Themes raised" small columns items={themes.map((t) => ({ value: t.id, text: t.label }))} checked={form.themes} error={errors['themes']} />

        <h2 class="govuk-heading-m">What happened</h2>
        <Textarea name="notes" label="Notes (staff only)" hint={`Never shown publicly. Kept for 24 months after the visit. Up to ${LIMITS.notes} characters.`} rows={5} value={values['notes']} error={errors['notes']} />
        <Textarea name="publicSummary" label="Public summary" hint="What the Commissioner heard and what happens next, for the public page." rows={5} value={values['publicSummary']} error={errors['publicSummary']} />
        <Checkbox name="published" legend="Publishing" label="Publish this visit on the public page" checked={values['published'] === 'yes'} error={errors['published']} />
        <Button>{visit ? 'Save the visit' : 'Log the visit'}</Button>
      </PostForm>
    </StaffPage>
  );
}
