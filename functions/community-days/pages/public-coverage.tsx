/**
 * GET /community-days: where the Commissioner has been. Published visits only, each shown at its
 * ward's centre on the map; their public summaries below. Works without JavaScript (the server's SVG
 * map and the table); with it, the Leaflet map takes the SVG's place.
 */
import { themeLabel } from '../../core/themes.js';
import { Paragraphs } from '../../core/ui/choices.js';
import { ErrorSummary, type Errors } from '../../core/ui/components.js';
import { hasErrors, type FormValues } from '../../core/ui/forms.js';
import { Layout } from '../../core/ui/layout.js';
import type { CoverageMap, VisitProperties } from '../map-data.js';
import { CoverageTable, FilterAndMap } from './coverage.js';
import { MapAssets } from './map-assets.js';

export function PublicCoveragePage(props: { map?: CoverageMap; endpoint?: string; values: FormValues; errors?: Errors }) {
  const { map, values, errors = {} } = props;
  const visits = map ? map.features.flatMap((f) => (f.properties.kind === 'visit' ? [f.properties as VisitProperties] : [])).reverse() : [];
  return (
    <Layout
      title="Where the Commissioner has been"
      description="The Commissioner's community days across Leicester, Leicestershire and Rutland: visits by council area against the target, on a map and in a table, and what people raised."
      current="/community-days"
      hasErrors={hasErrors(errors)}
      head={<MapAssets />}
    >
      <ErrorSummary errors={errors} />
      <h1 class="govuk-heading-xl">Where the Commissioner has been</h1>
      <p class="govuk-body-l">
        The Commissioner holds community days across Leicester, Leicestershire and Rutland, aiming to visit every council area at least {map?.target.perYear ?? 2} times
        a year. He meets residents, councillors, community groups and businesses, and the office follows up what they raise.
      </p>
      <FilterAndMap action="/community-days" values={values} errors={errors} map={map} endpoint={props.endpoint} />
      {map ? (
        <>
          <CoverageTable map={map} caption="Visits by council area" />
          <h2 class="govuk-heading-l">{visits.length === 1 ? '1 community day' : `${visits.length} community days`}, latest first</h2>
          {visits.length ? (
            <ul class="govuk-list">
              {visits.map((v) => (
                <li>
                  <hr class="govuk-section-break govuk-section-break--m govuk-section-break--visible" />
                  <h3 class="govuk-heading-m govuk-!-margin-bottom-2 govuk-!-text-break-word">{v.place}</h3>
                  <p class="govuk-body-s govuk-!-margin-bottom-2">
                    {v.date}. {v.ward} ward, {v.area}.
                  </p>
                  {v.themes.length ? <p class="govuk-body-s">Themes: {v.themes.join(', ')}</p> : null}
                  <Paragraphs text={v.summary} className="govuk-body govuk-!-text-break-word" />
                </li>
              ))}
            </ul>
          ) : (
            <p class="govuk-body">
              No community days {map.theme ? `about ${themeLabel(map.theme.id).toLowerCase()} ` : ''}have been published for this period yet.
            </p>
          )}
        </>
      ) : null}
    </Layout>
  );
}
