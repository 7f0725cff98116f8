/** The subscriptions app: its public pages (see capability.ts for what it declares). It has no JSON API. */
import { ApiRoutes } from '../core/http/api.js';
import { createApp } from '../core/http/app.js';
import { publicPages } from './pages/public.js';

export const app = createApp();
const routes = new ApiRoutes(app);
publicPages(app);

export const api = routes.specs;
