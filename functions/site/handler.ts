import { handle } from 'hono/aws-lambda';
import { site } from './app.js';

export const handler = handle(site.app);
