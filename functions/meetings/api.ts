/** JSON API for meetings (to be written). */
import type { ApiRoutes } from '../core/api.js';

export function meetingsApi(_api: ApiRoutes): void {}
