/** The subscriptions Lambda: its pages behind API Gateway. */
import { lambdaHandler } from '../core/http/lambda.js';
import { app } from './app.js';

export const handler = lambdaHandler(app);
