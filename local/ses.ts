/**
 * Starts the SES emulator `aws-ses-v2-local` in this process. It speaks the SES API, keeps every
 * message it is sent, shows them in an inbox viewer at its root URL and lists them at `GET /store`.
 */
import sesEmulator from 'aws-ses-v2-local';
import type { RunningService } from './dynamodb.js';

// Node's own ESM loader hands over the whole CommonJS `exports` as the default (tsx, `npm start`);
// Vite unwraps `exports.default` (vitest). Accept either.
const startServer: typeof sesEmulator =
  (sesEmulator as unknown as { default?: typeof sesEmulator }).default ?? sesEmulator;

export async function startSesEmulator(options: { port: number }): Promise<RunningService> {
  const server = await startServer({ host: '127.0.0.1', port: options.port });
  return {
    endpoint: `http://127.0.0.1:${options.port}`,
    stop: () =>
      new Promise<void>((done) => {
        server.closeAllConnections?.();
        server.close(() => done());
      }),
  };
}
