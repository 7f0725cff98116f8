/**
 * The parts of a coverage page the public and staff maps share: the filter (period and theme, a GET
 * form), the map (the server's SVG, replaced by Leaflet when JavaScript runs), its legend and
 * attribution, and the table that always carries the same figures.
 */
import { themeLabel, themes, type ThemeId } from '../../core/themes.js';
import { londonDay } from '../../core/time.js';
import { Button, Radios, Select, Table, type Errors } from '../../core/ui/components.js';
import { DateInput, readDateTime } from '../../core/ui/date-input.js';
import type { FormValues } from '../../core/ui/forms.js';
import type { CoverageMap } from '../map-data.js';
import { choiceFromQuery, choiceToQuery, financialYearOf, type PeriodChoice } from '../periods.js';
import { Choropleth } from './choropleth.js';

export interface CoverageFilter {
  choice: PeriodChoice;
  theme?: ThemeId;
}

const isTheme = (value: string | undefined): value is ThemeId => themes.some((t) => t.id === value);

/** The page's query (`period`, `year`, `from-day`…, `theme`) → the filter, or errors by field. */
export function readCoverageFilter(query: FormValues, now: Date = new Date()): { filter: CoverageFilter; errors?: undefined } | { errors: Errors } {
  const errors: Errors = {};
  const period = query['period'] || 'financial-year';
  if (!['last-12-weeks', 'financial-year', 'dates'].includes(period)) errors['period'] = 'Choose a period from the list';
  const thisYear = financialYearOf(londonDay(now));
  const year = query['year'] ? Number(query['year']) : undefined;
  if (year !== undefined && (!Number.isInteger(year) || year < 2000 || year > thisYear)) errors['year'] = 'Choose a financial year from the list';
  if (query['theme'] && !isTheme(query['theme'])) errors['theme'] = 'Choose a theme from the list';
  const day = (name: 'from' | 'to', words: { missing: string; noun: string }) => {
    const read = readDateTime(query, name, words, false);
    if (read.error !== undefined) {
      errors[name] = read.error;
      return undefined;
    }
    return londonDay(new Date(read.iso));
  };
  let from: string | undefined;
  let to: string | undefined;
  if (period === 'dates') {
    from = day('from', { missing: 'Enter the first day of the period', noun: 'The first day' });
    to = day('to', { missing: 'Enter the last day of the period', noun: 'The last day' });
  }
  if (Object.keys(errors).length) return { errors };
  const chosen = choiceFromQuery({ period: period as 'dates', ...(year ? { year } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) });
  if ('errors' in chosen) return { errors: Object.fromEntries(chosen.errors.map((e) => [e.field, e.message])) };
  return { filter: { choice: chosen.choice, ...(isTheme(query['theme']) ? { theme: query['theme'] } : {}) } };
}

/** The filter as the map's data endpoint (and links) take it. */
export const filterQuery = (filter: CoverageFilter) => new URLSearchParams({ ...choiceToQuery(filter.choice), ...(filter.theme ? { theme: filter.theme } : {}) }).toString();

export function CoverageFilterForm({ action, values, errors = {}, now = new Date() }: { action: string; values: FormValues; errors?: Errors; now?: Date }) {
  const thisYear = financialYearOf(londonDay(now));
  const years = Array.from({ length: 6 }, (_, i) => thisYear - i);
  return (
    <form method="get" action={action} novalidate class="app-coverage-filter">
      <Radios
        name="period"
        legend="Period"
        value={values['period'] || 'financial-year'}
        error={errors['period']}
        options={[
          { value: 'last-12-weeks', text: 'The last 12 weeks' },
          { value: 'financial-year', text: 'A financial year (April to March)' },
          { value: 'dates', text: 'Dates I choose' },
        ]}
      />
      <Select
        name="year"
        label="Financial year"
        value={values['year'] ?? String(thisYear)}
        error={errors['year']}
        options={years.map((y) => ({ value: String(y), text: `${y} to ${y + 1}${y === thisYear ? ' (this year)' : ''}` }))}
      />
      <DateInput name="from" legend="First day (for dates you choose)" hint="For example, 1 4 2026" values={values} error={errors['from']} />
      <DateInput name="to" legend="Last day (for dates you choose)" values={values} error={errors['to']} />
      <Select name="theme" label="Theme" value={values['theme'] ?? ''} error={errors['theme']} options={[{ value: '', text: 'All themes' }, ...themes.map((t) => ({ value: t.id, text: t.label }))]} />
      <Button secondary>Show</Button>
    </form>
  );
}

/** The map: SVG now, Leaflet once its script has the data from `endpoint`. */
export function CoverageMapPanel({ map, endpoint, id = 'coverage-map' }: { map: CoverageMap; endpoint: string; id?: string }) {
  return (
    <div class="app-map-panel">
      <div class="app-map" id={id} data-map-endpoint={endpoint} data-map-wards="/assets/map/llr-wards.json" data-map-audience={map.audience}>
        <Choropleth map={map} id={`${id}-svg`} />
      </div>
      <Legend map={map} />
      <p class="govuk-body-s app-map-attribution" id={`${id}-sources`}>
        {map.attribution}
      </p>
    </div>
  );
}

/** A map page's top: the filter beside the period's map (once there is one to show). */
export function FilterAndMap(props: { action: string; values: FormValues; errors?: Errors; map?: CoverageMap; endpoint?: string }) {
  const { map, endpoint } = props;
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-one-third">
        <CoverageFilterForm action={props.action} values={props.values} errors={props.errors} />
      </div>
      <div class="govuk-grid-column-two-thirds">
        {map && endpoint ? (
          <>
            <h2 class="govuk-heading-m">{periodHeading(map)}</h2>
            <CoverageMapPanel map={map} endpoint={endpoint} />
          </>
        ) : null}
      </div>
    </div>
  );
}

export function Legend({ map }: { map: CoverageMap }) {
  return (
    <div class="app-map-legend">
      <h3 class="govuk-heading-s">Key{map.theme ? `: visits about ${map.theme.label.toLowerCase()}` : ''}</h3>
      <ul class="govuk-list app-map-legend__list">
        {map.legend.map((b) => (
          <li>
            <span class={`app-swatch app-band--${b.band}`} aria-hidden="true"></span> {b.label}
          </li>
        ))}
        <li>
          <span class="app-swatch app-swatch--missed" aria-hidden="true"></span> Hatched: below the target of {map.target.inPeriod} {map.target.inPeriod === 1 ? 'visit' : 'visits'} in
          this period ({map.target.perYear} a year)
        </li>
        <li>
          <span class="app-swatch app-swatch--visit" aria-hidden="true"></span> A visit{map.audience === 'public' ? ' (shown at the centre of its ward)' : ''}
        </li>
      </ul>
    </div>
  );
}

/** Council area, visits in the period, target met, last visit, themes: what the map shows, as a table. */
export function CoverageTable({ map, caption }: { map: CoverageMap; caption: string }) {
  const areas = map.features.flatMap((f) => (f.properties.kind === 'council-area' ? [f.properties] : []));
  return (
    <Table
      caption={caption}
      head={['Council area', map.theme ? `Visits about ${map.theme.label.toLowerCase()}` : 'Visits in the period', `Target met (${map.target.inPeriod} in the period)`, 'Last visit', 'Themes']}
      rows={areas.map((a) => [
        a.name,
        String(a.count),
        a.targetMet ? 'Yes' : `No (${a.visits} of ${a.target})`,
        a.lastVisit ? `${a.lastVisit.date}, ${a.lastVisit.place}` : 'None',
        a.themes.length ? a.themes.map((t) => `${t.label} (${t.count})`).join(', ') : 'None recorded',
      ])}
    />
  );
}

export const periodHeading = (map: CoverageMap) => `${map.period.label.charAt(0).toUpperCase()}${map.period.label.slice(1)}${map.theme ? `: ${themeLabel(map.theme.id)}` : ''}`;
