/**
 * Where the local platform lives: ports, URLs and files for `npm start`, `npm run token` and
 * `npm run reset`, read from the environment in one place so the three commands always agree
 * (a token minted by `npm run token` names the issuer `npm start` serves).
 */
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The repository root, whatever folder the command was started from. */
export const repoRoot = fileURLToPath(new URL('..', import.meta.url));

const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);

const settingsSchema = z.object({
  PORT: port(3000),
  DYNAMODB_PORT: port(8000),
  SES_PORT: port(8005),
  PUBLIC_BASE_URL: z.url().optional(),
  TABLE_NAME: z.string().min(1).default('engagement'),
  AUTH_CLIENT_ID: z.string().min(1).default('local-staff-console'),
  /** Seconds between runs of every scheduled job; unset means each job's own `everyMinutes`. */
  SCHEDULE_INTERVAL_SECONDS: z.coerce.number().int().min(1).optional(),
  /**
   * `on` puts the contention proxy (local/contention-proxy.ts) between the platform and DynamoDB Local,
   * so transactions meet DynamoDB's conflicts as in AWS. Off by default.
   */
  DYNAMODB_CONTENTION: z.enum(['on', 'off']).default('off'),
  ISSUER_KEYS_FILE: z.string().min(1).optional(),
  /** Where local data lives (DynamoDB files, sign-in keys); `.local/` in the repository by default. */
  LOCAL_DATA_DIR: z.string().min(1).optional(),
});

export interface LocalSettings {
  port: number;
  dynamoPort: number;
  sesPort: number;
  publicBaseUrl: string;
  /** The local issuer is mounted at `/local-auth` on the platform's own port. */
  issuerUrl: string;
  clientId: string;
  tableName: string;
  scheduleIntervalSeconds?: number;
  contention: boolean;
  localFolder: string;
  dynamoDataDir: string;
  issuerKeysFile: string;
  /** Written while `npm start` runs, so `npm run reset` and a second `npm start` can tell. */
  runningFile: string;
}

export const ISSUER_PATH = '/local-auth';

export function localSettings(env: NodeJS.ProcessEnv = process.env): LocalSettings {
  const e = settingsSchema.parse(env);
  const publicBaseUrl = (e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  const localFolder = (e.LOCAL_DATA_DIR ?? `${repoRoot}.local`).replace(/\/$/, '');
  return {
    port: e.PORT,
    dynamoPort: e.DYNAMODB_PORT,
    sesPort: e.SES_PORT,
    publicBaseUrl,
    issuerUrl: `${publicBaseUrl}${ISSUER_PATH}`,
    clientId: e.AUTH_CLIENT_ID,
    tableName: e.TABLE_NAME,
    scheduleIntervalSeconds: e.SCHEDULE_INTERVAL_SECONDS,
    contention: e.DYNAMODB_CONTENTION === 'on',
    localFolder,
    dynamoDataDir: `${localFolder}/dynamodb`,
    issuerKeysFile: e.ISSUER_KEYS_FILE ?? `${localFolder}/issuer-keys.json`,
    runningFile: `${localFolder}/running.json`,
  };
}
