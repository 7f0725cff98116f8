/**
 * Configuration from the environment, read once per container.
 * Only endpoints and names differ between `npm start` and AWS: the code path is the same.
 */
import { z } from 'zod';

const configSchema = z.object({
  TABLE_NAME: z.string().min(1).default('engagement'),
  AWS_REGION: z.string().min(1).default('eu-west-2'),
  /** Set locally to DynamoDB Local; unset in AWS. */
  DYNAMODB_ENDPOINT: z.url().optional(),
  /** Set locally to the SES emulator; unset in AWS. */
  SES_ENDPOINT: z.url().optional(),
  SENDER_ADDRESS: z.email().default('engagement@example.org'),
  ORGANISATION_NAME: z
    .string()
    .min(1)
    .default('Office of the Police and Crime Commissioner for Leicester, Leicestershire and Rutland'),
  /** The site's own origin, used in links inside emails. */
  PUBLIC_BASE_URL: z.url().default('http://localhost:3000'),
  /** Token issuer: Cognito in AWS, the local issuer under `npm start`. */
  AUTH_ISSUER: z.url().default('http://localhost:3000/local-auth'),
  AUTH_JWKS_URL: z.url().optional(),
  AUTH_CLIENT_ID: z.string().min(1).default('local-staff-console'),
  /** Where the staff console sends people to sign in (OAuth 2.0 authorisation code flow). */
  AUTH_AUTHORIZE_URL: z.url().optional(),
  AUTH_TOKEN_URL: z.url().optional(),
  AUTH_GROUPS_CLAIM: z.string().min(1).default('cognito:groups'),
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
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const e = configSchema.parse(env);
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
  };
}

let cached: Config | undefined;

/** The configuration for this container, parsed on first use. */
export function config(): Config {
  cached ??= readConfig();
  return cached;
}
