/** The action log's Lambda: its staff pages and API behind API Gateway. */
import { lambdaHandler } from '../core/http/lambda.js';
import { app } from './app.js';

export const handler = lambdaHandler(app);
