/** The community days app: its pages and JSON API, one Hono app (see capability.ts for what it declares). */
import { ApiRoutes } from '../core/http/api.js';
import { createApp } from '../core/http/app.js';

export const app = createApp();
const routes = new ApiRoutes(app);

export const api = routes.specs;
