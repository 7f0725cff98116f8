/**
 * The surgeries' own settings, as its manifest declares them (capability.ts): from the environment
 * under `npm start`, from CDK context in AWS. The SES rate that invitations to a whole district go out
 * at is the platform's EMAIL_SEND_RATE (core/config.ts).
 */
import { settingsOf } from '../core/settings.js';
import { surgeries } from './capability.js';

export const surgerySettings = () => settingsOf<{ bookingsPerCouncil: number; confirmHours: number }>(surgeries);
