/**
 * What a capability (meetings, surgeries, consultations, visits, the site itself) offers the platform.
 * The local server mounts `app`; the CDK stack makes one Lambda per capability and routes to it the
 * API routes in `api` (with the JWT authorizer on those that need a role) and the page prefixes.
 */
import type { Hono } from 'hono';
import type { ApiRouteSpec } from './api.js';
import type { AppEnv } from './auth.js';

export interface Capability {
  /** Short, kebab-case; names the Lambda and its folder under functions/. */
  name: string;
  app: Hono<AppEnv>;
  api: readonly ApiRouteSpec[];
  /** Path prefixes of HTML pages served by this capability, e.g. `/meetings`, `/staff/meetings`. */
  pagePrefixes: readonly string[];
  /** Page paths served exactly (no sub-paths), e.g. `/privacy`. */
  pagePaths?: readonly string[];
}
