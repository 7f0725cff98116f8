/**
 * `npm run token -- --role staff [--expires 1h]`: prints a bearer token for a seeded local account,
 * signed with the key `npm start` publishes, so it works against the running platform's API:
 *
 *   curl -H "Authorization: Bearer $(npm run -s token -- --role admin)" http://localhost:3000/api/...
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { accountFor, durationSeconds, mintToken } from './issuer.js';
import { loadIssuerKeys } from './issuer-keys.js';
import { localSettings } from './settings.js';

const usage = 'Usage: npm run token -- --role staff|admin|none [--expires 1h]';

const argsSchema = z.object({
  role: z.enum(['staff', 'admin', 'none'], { error: '--role must be staff, admin or none' }).default('staff'),
  expires: z
    .string()
    .default('1h')
    .refine((value) => /^\d+\s*[smhd]?$/.test(value.trim()) && durationSeconds(value) > 0, {
      error: '--expires must be a positive duration such as 90s, 15m, 1h or 2d',
    }),
});

function fail(message: string): never {
  console.error(`${message}\n${usage}`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({
    options: { role: { type: 'string', short: 'r' }, expires: { type: 'string', short: 'e' }, help: { type: 'boolean', short: 'h' } },
  }));
} catch (error) {
  fail((error as Error).message);
}
if (values.help) {
  console.error(usage);
  process.exit(0);
}
const parsed = argsSchema.safeParse(values);
if (!parsed.success) fail(parsed.error.issues.map((i) => i.message).join('\n'));
const { role, expires } = parsed.data;

const settings = localSettings();
const keys = await loadIssuerKeys(settings.issuerKeysFile);
const token = await mintToken({ role, expiresIn: expires, keys, issuer: settings.issuerUrl, clientId: settings.clientId });
const account = accountFor(role);
console.error(
  `Token for ${account.email} (${account.groups.join(', ') || 'no role'}), valid for ${expires} against ${settings.issuerUrl}:`,
);
console.log(token);
