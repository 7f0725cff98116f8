/** The reports' Lambda: its staff pages and the public year in numbers, behind API Gateway. */
import { lambdaHandler } from '../core/http/lambda.js';
import { app } from './app.js';

export const handler = lambdaHandler(app);
