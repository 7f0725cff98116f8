/** The site's Lambda: home, privacy, accessibility, sign-in, the staff console's home, and every 404. */
import { lambdaHandler } from '../core/http/lambda.js';
import { app } from './app.js';

export const handler = lambdaHandler(app);
