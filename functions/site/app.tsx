/** The site's app: the pages every capability links to, staff sign-in and the staff console's home. */
import { ApiRoutes } from '../core/http/api.js';
import { createApp } from '../core/http/app.js';
import { calendarFeedPages } from './pages/calendar-feeds.js';
import { publicPages } from './pages/public.js';
import { peoplePages } from './pages/people.js';
import { staffPages } from './pages/staff.js';

export const app = createApp();
const routes = new ApiRoutes(app);
publicPages(app);
staffPages(app);
peoplePages(app);
calendarFeedPages(app);

export const api = routes.specs;
