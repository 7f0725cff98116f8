/**
 * What a capability (meetings, surgeries, consultations, visits, the site itself) offers the platform.
 * The local server and the CDK stack both route to it from `gatewayRoutes` (see gateway-routes.ts):
 * its API routes (with the JWT authorizer on those that need a role) and its page paths.
 */
import type { Hono } from 'hono';
import type { ApiRouteSpec } from './api.js';
import type { AppEnv } from './auth.js';

export interface Capability {
  /** Short, kebab-case; the folder under functions/ and the Lambda's name. Its handler is `functions/<name>/handler.ts`. */
  name: string;
  app: Hono<AppEnv>;
  api: readonly ApiRouteSpec[];
  /** Path prefixes of HTML pages served by this capability, e.g. `/meetings`, `/staff/meetings`. */
  pagePrefixes: readonly string[];
  /** Page paths served exactly (no sub-paths), e.g. `/privacy`. */
  pagePaths?: readonly string[];
  /**
   * Work that runs on a timer: every `everyMinutes` from EventBridge in AWS (its Lambda handler is
   * `functions/<name>/scheduled.ts`), and on an interval under `npm start`.
   */
  scheduled?: { everyMinutes: number; run: () => Promise<unknown> };
  /** Adds demo data for `npm start`. Must be idempotent: running it twice creates nothing new. */
  seedDemoData?: () => Promise<void>;
}
