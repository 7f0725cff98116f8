/** The community days app: its pages and JSON API, one Hono app (see capability.ts for what it declares). */
import { ApiRoutes } from '../core/http/api.js';
import { createApp } from '../core/http/app.js';
import { communityDaysApi } from './api.js';
import { communityDaysPages } from './pages/pages.js';

export const app = createApp();
const routes = new ApiRoutes(app);
communityDaysApi(routes);
communityDaysPages(app);

export const api = routes.specs;
