/** The consultations app: its pages and JSON API, one Hono app (see capability.ts for what it declares). */
import { ApiRoutes } from '../core/http/api.js';
import { createApp } from '../core/http/app.js';
import { consultationsApi } from './api.js';
import { feedbackPages } from './pages/feedback.js';
import { publicPages } from './pages/public.js';
import { staffPages } from './pages/staff.js';

export const app = createApp();
const routes = new ApiRoutes(app);
consultationsApi(routes);
// Before the public pages: /consultations/feedback/… is not a consultation's id.
feedbackPages(app);
publicPages(app);
staffPages(app);

export const api = routes.specs;
