/**
 * The public meetings capability: residents find meetings and register; staff run them.
 */
import { ApiRoutes } from '../core/api.js';
import { createApp } from '../core/app.js';
import type { Capability } from '../core/capability.js';
import { meetingsApi } from './api.js';
import { publicPages } from './pages/public.js';
import { staffPages } from './pages/staff.js';
import { runScheduledWork } from './service.js';
import { seedDemoMeetings } from './seed.js';

const app = createApp();
const api = new ApiRoutes(app);
meetingsApi(api);
publicPages(app);
staffPages(app);

export const meetings: Capability = {
  name: 'meetings',
  app,
  api: api.specs,
  pagePrefixes: ['/meetings', '/staff/meetings', '/manage'],
  scheduled: { everyMinutes: 5, run: () => runScheduledWork() },
  seedDemoData: seedDemoMeetings,
};
