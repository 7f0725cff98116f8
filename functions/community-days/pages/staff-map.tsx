/**
 * The staff coverage map: every visit at its exact point, and the points other capabilities put on the
 * map (core/map-layers.ts), each layer also as a table under the map.
 */
import { councilAreaName } from '../../core/council-areas.js';
import type { MapLayer } from '../../core/map-layers.js';
import { formatLondonDate } from '../../core/time.js';
import { ErrorSummary, Table, type Errors } from '../../core/ui/components.js';
import { hasErrors, type FormValues } from '../../core/ui/forms.js';
import { StaffPage } from '../../core/ui/pages.js';
import type { CoverageMap } from '../map-data.js';
import { CoverageTable, FilterAndMap } from './coverage.js';
import { MapAssets } from './map-assets.js';
import { CURRENT } from './visit-list.js';

/** Each other capability's points in the period, as a table (the map's points, without the map). */
export function LayerTables({ layers }: { layers: readonly MapLayer[] }) {
  return (
    <>
      {layers.map((o) => (
        <>
          <h2 class="govuk-heading-m">{o.label}</h2>
          {o.unavailable ? (
            <p class="govuk-body">These could not be read just now. Try again in a few minutes.</p>
          ) : o.points.length ? (
            <Table
              caption={`${o.label} in the period`}
              head={['Date', 'What', 'Council area']}
              rows={o.points.map((p) => [
                formatLondonDate(p.at),
                p.href ? (
                  <a class="govuk-link" href={p.href}>
                    {p.title}
                  </a>
                ) : (
                  p.title
                ),
                p.areaCode ? councilAreaName(p.areaCode) : '',
              ])}
            />
          ) : (
            <p class="govuk-body">None in this period.</p>
          )}
        </>
      ))}
    </>
  );
}

export function StaffMapPage(props: { map?: CoverageMap; values: FormValues; endpoint?: string; errors?: Errors }) {
  const { map, values, errors = {} } = props;
  return (
    <StaffPage title="Coverage map" current={CURRENT} back={CURRENT} wide hasErrors={hasErrors(errors)} head={<MapAssets />}>
      <ErrorSummary errors={errors} />
      <h1 class="govuk-heading-xl">Coverage map</h1>
      <FilterAndMap action="/staff/community-days/map" values={values} errors={errors} map={map} endpoint={props.endpoint} />
      {map ? (
        <>
          <CoverageTable map={map} caption="Visits by council area (every visit, published or not)" />
          <LayerTables layers={map.layers} />
        </>
      ) : null}
    </StaffPage>
  );
}
