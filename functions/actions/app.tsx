/** The action log's app: its staff pages and JSON API (see capability.ts). */
import { ApiRoutes } from '../core/http/api.js';
import { createApp } from '../core/http/app.js';
import { actionOwnerApi, actionsApi } from './api.js';
import { contactPages } from './pages/contacts.js';
import { staffPages } from './pages/staff.js';

export const app = createApp();
const routes = new ApiRoutes(app);
actionsApi(routes);
actionOwnerApi(routes);
// Before the action pages: /staff/actions/contacts is not an action's id.
contactPages(app);
staffPages(app);

export const api = routes.specs;
