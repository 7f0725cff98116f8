/**
 * The route table, derived from the capabilities: the CDK stack turns it into API Gateway routes and
 * the local server routes requests with the very same table, so a route missing in AWS is missing locally.
 */
import type { Capability } from '../capability.js';
import type { ApiRouteSpec } from './api.js';
import type { Role } from './auth.js';

/** `/api/meetings/:id` → `/api/meetings/{id}` */
export const openApiPath = (path: string) => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

/** A capability with its API routes, as the local server and the CDK stack see it. */
export type RoutedCapability = Pick<Capability, 'name' | 'pagePrefixes' | 'pagePaths'> & { api: readonly ApiRouteSpec[] };

export interface GatewayRoute {
  /** HTTP API route key method: GET, POST, ... or ANY. */
  method: string;
  /** HTTP API path, e.g. `/api/meetings/{id}` or `/meetings/{proxy+}`. */
  path: string;
  capability: string;
  /** Set when API Gateway's JWT authorizer must check the bearer token (JSON API routes only). */
  role?: Role;
}

/** The capability that answers everything no route matches (`$default` in API Gateway). */
export const DEFAULT_CAPABILITY = 'site';

export function gatewayRoutes(capabilities: readonly RoutedCapability[]): GatewayRoute[] {
  const routes: GatewayRoute[] = [];
  for (const cap of capabilities) {
    for (const spec of cap.api) {
      routes.push({ method: spec.method.toUpperCase(), path: openApiPath(spec.path), capability: cap.name, role: spec.role });
    }
    for (const prefix of cap.pagePrefixes) {
      routes.push({ method: 'ANY', path: prefix, capability: cap.name });
      routes.push({ method: 'ANY', path: `${prefix}/{proxy+}`, capability: cap.name });
    }
    for (const path of cap.pagePaths ?? []) routes.push({ method: 'ANY', path, capability: cap.name });
  }
  const keys = new Set<string>();
  for (const r of routes) {
    const key = `${r.method} ${r.path}`;
    if (keys.has(key)) throw new Error(`Two capabilities claim the route ${key}`);
    keys.add(key);
  }
  // Most specific first (as API Gateway chooses): more literal segments, then greedy paths last.
  const literalSegments = (p: string) => p.split('/').filter((s) => s && !s.startsWith('{')).length;
  return routes.sort(
    (a, b) =>
      Number(a.path.endsWith('+}')) - Number(b.path.endsWith('+}')) ||
      literalSegments(b.path) - literalSegments(a.path) ||
      Number(a.method === 'ANY') - Number(b.method === 'ANY'),
  );
}

/** `/meetings/{id}` → `/meetings/:id`, `/meetings/{proxy+}` → `/meetings/*` (for Hono's router). */
export const honoPath = (path: string) => path.replace(/\{proxy\+\}/g, '*').replace(/\{([A-Za-z0-9_]+)\}/g, ':$1');
