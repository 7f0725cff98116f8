/** The meetings app: its pages and JSON API, one Hono app (see capability.ts for what it declares). */
import { ApiRoutes } from '../core/http/api.js';
import { createApp } from '../core/http/app.js';
import { meetingsApi } from './api.js';
import { joinLinkPages } from './pages/join-link.js';
import { managePages } from './pages/manage.js';
import { publicPages } from './pages/public.js';
import { staffAfterPages } from './pages/staff-after.js';
import { staffPages } from './pages/staff.js';

export const app = createApp();
const routes = new ApiRoutes(app);
meetingsApi(routes);
publicPages(app);
managePages(app);
staffPages(app);
staffAfterPages(app);
joinLinkPages(app);

export const api = routes.specs;
