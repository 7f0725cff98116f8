/**
 * `npm run token -- --role staff [--expires 1h]`: prints a bearer token for a seeded local account,
 * signed with the key the running `npm start` publishes (found from the platform on PORT, whatever
 * data folder it uses), so it works against its API:
 *
 *   curl -H "Authorization: Bearer $(npm run -s token -- --role staff)" http://localhost:3000/api/meetings/demo-kegworth-car-cruising/registrations
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { accountFor, durationSeconds, mintToken } from './issuer.js';
import { existsSync } from 'node:fs';
import { loadIssuerKeys } from './issuer-keys.js';
import { portRecord, runningPlatform } from './running.js';
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
// The platform on PORT says which key and issuer it uses; without one, the settings must match npm start's.
const running = runningPlatform(portRecord(settings.port));
const keysFile = running?.issuerKeysFile ?? settings.issuerKeysFile;
const issuer = running?.issuerUrl ?? settings.issuerUrl;
const clientId = running?.clientId ?? settings.clientId;
if (!running) {
  if (!existsSync(keysFile)) {
    console.error(
      `No platform is running on port ${settings.port}, and there is no sign-in key at ${keysFile} to sign with.\n` +
        'Start the platform first (npm start), and give npm run token the same PORT, e.g. PORT=3001 npm run token -- --role staff.',
    );
    process.exit(1);
  }
  console.error(`No platform is running on port ${settings.port}: this token will only work once one runs with the same key (${keysFile}) and port.`);
}
const keys = await loadIssuerKeys(keysFile);
const token = await mintToken({ role, expiresIn: expires, keys, issuer, clientId });
const account = accountFor(role);
console.error(
  `Token for ${account.email} (${account.groups.join(', ') || 'no role'}), valid for ${expires} against ${issuer}:`,
);
console.log(token);
