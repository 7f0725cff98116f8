/** The reports capability's app: its staff pages (the quarterly report, the logs) and the public year in numbers. */
import { createApp } from '../core/http/app.js';
import { ApiRoutes } from '../core/http/api.js';
import { publicPages } from './pages/public.js';
import { staffPages } from './pages/staff.js';

export const app = createApp();
const routes = new ApiRoutes(app);
staffPages(app);
publicPages(app);

export const api = routes.specs;
