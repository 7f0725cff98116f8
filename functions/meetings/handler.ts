import { handle } from 'hono/aws-lambda';
import { meetings } from './app.js';

export const handler = handle(meetings.app);
