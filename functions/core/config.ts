/**
 * Configuration from the environment.
 * Only endpoints and names differ between `npm start` and AWS: the code path is the same.
 */
import * as z from 'zod/mini';

const name = (fallback: string) => z._default(z.string().check(z.minLength(1)), fallback);

/** `20/600` → 20 per 600 seconds. */
const rate = z.pipe(
  z.string().check(z.regex(/^\d+\/\d+$/, { error: 'Write a rate limit as <count>/<seconds>, e.g. 20/600' })),
  z.transform((text) => {
    const [count, perSeconds] = text.split('/').map(Number) as [number, number];
    return { count, perSeconds };
  }),
);

const configSchema = z.object({
  TABLE_NAME: name('engagement'),
  AWS_REGION: name('eu-west-2'),
  /** Set locally to DynamoDB Local; unset in AWS. */
  DYNAMODB_ENDPOINT: z.optional(z.url()),
  /** Set locally to the SES emulator; unset in AWS. */
  SES_ENDPOINT: z.optional(z.url()),
  SENDER_ADDRESS: z._default(z.email(), 'engagement@example.org'),
  ORGANISATION_NAME: name('Office of the Police and Crime Commissioner for Leicester, Leicestershire and Rutland'),
  /** The site's own origin, used in links inside emails. */
  PUBLIC_BASE_URL: z._default(z.url(), 'http://localhost:3000'),
  /** Token issuer: Cognito in AWS, the local issuer under `npm start`. */
  AUTH_ISSUER: z._default(z.url(), 'http://localhost:3000/local-auth'),
  AUTH_JWKS_URL: z.optional(z.url()),
  AUTH_CLIENT_ID: name('local-staff-console'),
  /** Where the staff console sends people to sign in (OAuth 2.0 authorisation code flow). */
  AUTH_AUTHORIZE_URL: z.optional(z.url()),
  AUTH_TOKEN_URL: z.optional(z.url()),
  AUTH_GROUPS_CLAIM: name('cognito:groups'),
  /** How long a DynamoDB call may take before it counts as failed (and the request answers 503). */
  DYNAMODB_TIMEOUT_MS: z.prefault(z.pipe(z.string().check(z.regex(/^\d+$/)), z.transform(Number)), '3000'),
  /** How long a transaction is tried again after conflicts before the request answers 503: inside the Lambda's 15 s. */
  DYNAMODB_RETRY_BUDGET_MS: z.prefault(z.pipe(z.string().check(z.regex(/^\d+$/)), z.transform(Number)), '12000'),
  /** Emails a second the SES account allows (14 for a new account); each capability's delivery takes an equal share (outbox/send-rate.ts). */
  EMAIL_SEND_RATE: z.prefault(z.pipe(z.string().check(z.regex(/^\d+(\.\d+)?$/)), z.transform(Number)), '14'),
  /** `off` only for load tests and the benchmark: rate limits protect people from being emailed by others. */
  RATE_LIMITS: z._default(z.enum(['on', 'off']), 'on'),
  /** Requests one client address may make to one rate-limited route: `<count>/<seconds>`. */
  RATE_LIMIT_PER_CLIENT: z.prefault(rate, '20/600'),
  /** Requests that would email one address, per day: `<count>/<seconds>`. */
  RATE_LIMIT_PER_RECIPIENT: z.prefault(rate, '5/86400'),
  /** Salt for hashing client and email addresses in rate-limit counters (the stack sets its own). */
  RATE_LIMIT_SALT: name('local-rate-limit-salt'),
  /**
   * Key for the keyed hash (HMAC) that stands for an email address in the table's keys, e.g. the list of
   * addresses email is no longer sent to (outbox/suppression.ts): the table never holds the address there,
   * and the hash cannot be made without this key (the stack sets its own).
   */
  ADDRESS_KEY: z._default(z.string().check(z.minLength(16)), 'local-address-key-not-for-aws'),
  /** The SES configuration set every email is sent with, whose events (bounces, complaints) reach the platform; unset locally. */
  SES_CONFIGURATION_SET: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/))),
  /** Key for signing the page cursors in links (store/reads.ts), so they cannot be made up (the stack sets its own). */
  CURSOR_SECRET: z._default(z.string().check(z.minLength(16)), 'local-cursor-secret-not-for-aws'),
  /** The header CloudFront puts the viewer's address in (x-viewer-address in AWS); unset: the connection's address. */
  CLIENT_ADDRESS_HEADER: z.optional(z.string().check(z.minLength(1), z.toLowerCase())),
  /** The secret CloudFront sends to the API (x-origin-verify): only then is CLIENT_ADDRESS_HEADER believed. */
  ORIGIN_VERIFY_SECRET: z.optional(z.string().check(z.minLength(16))),
});

export interface Config {
  tableName: string;
  region: string;
  dynamoEndpoint?: string;
  sesEndpoint?: string;
  senderAddress: string;
  organisationName: string;
  publicBaseUrl: string;
  auth: {
    issuer: string;
    jwksUrl: string;
    clientId: string;
    authorizeUrl: string;
    tokenUrl: string;
    groupsClaim: string;
  };
  /** Cookies are marked Secure whenever the site is served over HTTPS. */
  secureCookies: boolean;
  emailSendRate: number;
  dynamoTimeoutMs: number;
  dynamoRetryBudgetMs: number;
  rateLimits: {
    enabled: boolean;
    perClient: { count: number; perSeconds: number };
    perRecipient: { count: number; perSeconds: number };
    salt: string;
  };
  clientAddressHeader?: string;
  originVerifySecret?: string;
  cursorSecret: string;
  addressKey: string;
  sesConfigurationSet?: string;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const e = z.parse(configSchema, env);
  const issuer = e.AUTH_ISSUER.replace(/\/$/, '');
  return {
    tableName: e.TABLE_NAME,
    region: e.AWS_REGION,
    dynamoEndpoint: e.DYNAMODB_ENDPOINT,
    sesEndpoint: e.SES_ENDPOINT,
    senderAddress: e.SENDER_ADDRESS,
    organisationName: e.ORGANISATION_NAME,
    publicBaseUrl: e.PUBLIC_BASE_URL.replace(/\/$/, ''),
    auth: {
      issuer,
      jwksUrl: e.AUTH_JWKS_URL ?? `${issuer}/.well-known/jwks.json`,
      clientId: e.AUTH_CLIENT_ID,
      authorizeUrl: e.AUTH_AUTHORIZE_URL ?? `${issuer}/oauth2/authorize`,
      tokenUrl: e.AUTH_TOKEN_URL ?? `${issuer}/oauth2/token`,
      groupsClaim: e.AUTH_GROUPS_CLAIM,
    },
    secureCookies: e.PUBLIC_BASE_URL.startsWith('https://'),
    emailSendRate: e.EMAIL_SEND_RATE,
    dynamoTimeoutMs: e.DYNAMODB_TIMEOUT_MS,
    dynamoRetryBudgetMs: e.DYNAMODB_RETRY_BUDGET_MS,
    rateLimits: { enabled: e.RATE_LIMITS === 'on', perClient: e.RATE_LIMIT_PER_CLIENT, perRecipient: e.RATE_LIMIT_PER_RECIPIENT, salt: e.RATE_LIMIT_SALT },
    ...(e.CLIENT_ADDRESS_HEADER ? { clientAddressHeader: e.CLIENT_ADDRESS_HEADER } : {}),
    ...(e.ORIGIN_VERIFY_SECRET ? { originVerifySecret: e.ORIGIN_VERIFY_SECRET } : {}),
    cursorSecret: e.CURSOR_SECRET,
    addressKey: e.ADDRESS_KEY,
    ...(e.SES_CONFIGURATION_SET ? { sesConfigurationSet: e.SES_CONFIGURATION_SET } : {}),
  };
}

const NAMES = Object.keys(configSchema.def.shape);
let cached: { key: string; config: Config } | undefined;

/**
 * The configuration, parsed again only when one of its variables has changed since (a few property
 * reads per call): code never depends on when the environment was first read, so tests can point
 * a file at its own table or email proxy at any time.
 */
export function config(): Config {
  const key = NAMES.map((n) => process.env[n] ?? '').join('\u0000');
  if (cached?.key !== key) cached = { key, config: readConfig() };
  return cached.config;
}
