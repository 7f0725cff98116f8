/**
 * Runs every 5 minutes from EventBridge: due reminders, pending email retries, waiting-list promotion,
 * and moving registrations' expiry after a meeting's end moved.
 */
import { runScheduledWork } from './service.js';

export const handler = async () => {
  const result = await runScheduledWork();
  console.log(JSON.stringify({ level: 'info', message: 'meetings scheduled work', ...result }));
  return result;
};
