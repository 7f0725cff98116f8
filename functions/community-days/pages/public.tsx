/**
 * Community days' public page: where the Commissioner has been, for a period and a theme.
 *
 *   GET  /community-days?period=…&theme=…   published visits on a map (each at its ward's centre) and in a table
 */
import type { Hono } from 'hono';
import type { AppEnv } from '../../core/http/auth.js';
import type { FormValues } from '../../core/ui/forms.js';
import { coverageMap } from '../map-data.js';
import { periodFor } from '../periods.js';
import { filterQuery, readCoverageFilter } from './coverage.js';
import { allowMapTiles } from './map-assets.js';
import { PublicCoveragePage } from './public-coverage.js';

export function publicPages(app: Hono<AppEnv>): void {
  allowMapTiles('/community-days');

  app.get('/community-days', async (c) => {
    const values: FormValues = c.req.query();
    const read = readCoverageFilter(values);
    if (read.errors) return c.html(<PublicCoveragePage values={values} errors={read.errors} />, 400);
    const map = await coverageMap(periodFor(read.filter.choice), { audience: 'public', theme: read.filter.theme });
    return c.html(<PublicCoveragePage map={map} values={values} endpoint={`/api/community-days/map?${filterQuery(read.filter)}`} />);
  });
}
