/**
 * Walks every route the platform has (the API Gateway route table and each capability's own Hono routes)
 * and proves the guard on each: staff routes (anything under /staff, any API route with a role) refuse
 * a missing, expired or forged token with 401 and a token without the role with 403; every other
 * route is public and answers without a token. Routes that need `admin` (an API spec's role, or a
 * page's own requireRole('admin')) refuse staff with 403 and let an admin past. A new route is covered
 * the moment it is added.
 */
import type { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { Schema } from '../../functions/core/validation.js';
import { loadCapabilities } from '../../functions/platform.js';
import { requiredRoleOf, type Role } from '../../functions/core/http/auth.js';
import { gatewayRoutes, honoPath } from '../../functions/core/http/gateway-routes.js';
import { createPlatformApp } from '../../local/server.js';
import { examplePath } from '../support/route-examples.js';
import {
  adminToken,
  bearer,
  expiredToken,
  noRoleToken,
  otherClientToken,
  otherIssuerToken,
  staffToken,
  wronglySignedToken,
} from '../support/tokens.js';

/** A concrete path for the route; the params schema (API routes) picks values the route accepts. */
function concretePath(honoStylePath: string, params?: Schema): string {
  const path = examplePath(honoStylePath, params) ?? examplePath(honoStylePath);
  if (!path) throw new Error(`No example value fits the parameters of ${honoStylePath}: add one to test/support/route-examples.ts`);
  return path;
}

interface RouteUnderTest {
  /** Where the route was found, for the test name. */
  source: string;
  method: string;
  path: string;
  /** The role this route needs, when known; staff pages need at least `staff`. */
  role?: Role;
  staff: boolean;
  isApi: boolean;
  app: Pick<Hono, 'request'>;
}

/** The role the route's own guards demand beyond the staff guard on /staff/* (`requireRole('admin')`). */
const pageRole = (app: Hono<any>, method: string, path: string): Role | undefined =>
  app.routes.filter((r) => r.method === method && r.path === path).map((r) => requiredRoleOf(r.handler)).find(Boolean);

const isStaffPath = (path: string) => path === '/staff' || path.startsWith('/staff/');
const isApiPath = (path: string) => path === '/api' || path.startsWith('/api/');

async function routesUnderTest(): Promise<RouteUnderTest[]> {
  const capabilities = await loadCapabilities();
  const platform = await createPlatformApp();
  const found = new Map<string, RouteUnderTest>();
  const add = (route: RouteUnderTest) => {
    const key = `${route.source} ${route.method} ${route.path}`;
    if (!found.has(key)) found.set(key, route);
  };
  const specs = capabilities.flatMap((cap) => cap.api.map((spec) => ({ cap: cap.name, spec })));
  const specFor = (capability: string, method: string, honoStylePath: string) =>
    specs.find((s) => s.cap === capability && s.spec.method.toUpperCase() === method && s.spec.path === honoStylePath)?.spec;
  const specForGateway = (capability: string, method: string, gatewayPath: string) =>
    specs.find((s) => s.cap === capability && s.spec.method.toUpperCase() === method && honoPath(gatewayPath) === s.spec.path)?.spec;

  for (const route of gatewayRoutes(capabilities)) {
    const method = route.method === 'ANY' ? 'GET' : route.method;
    const path = concretePath(honoPath(route.path), specForGateway(route.capability, method, route.path)?.params);
    add({
      source: 'gateway',
      method,
      path,
      role: route.role,
      staff: Boolean(route.role) || isStaffPath(path),
      isApi: isApiPath(path),
      app: platform,
    });
  }
  for (const cap of capabilities) {
    for (const route of cap.app.routes) {
      // `app.use()` without a path registers middleware on every path: not a route of its own.
      if (route.method === 'ALL' && (route.path === '/*' || route.path === '*')) continue;
      const method = route.method === 'ALL' ? 'GET' : route.method;
      const spec = specFor(cap.name, method, route.path);
      const path = concretePath(route.path, spec?.params);
      // An API route's spec names its role; a page route's own requireRole guard says it (admin-only pages).
      const role = spec?.role ?? pageRole(cap.app, route.method, route.path);
      add({ source: cap.name, method, path, role, staff: Boolean(role) || isStaffPath(path), isApi: isApiPath(path), app: cap.app });
    }
  }
  return [...found.values()];
}

const routes = await routesUnderTest();
const staffRoutes = routes.filter((r) => r.staff);
const publicRoutes = routes.filter((r) => !r.staff);
const adminRoutes = staffRoutes.filter((r) => r.role === 'admin');
const named = (r: RouteUnderTest) => `${r.method} ${r.path} (${r.source})`;

/** A request that gets past the CSRF check and content-type checks to the guard. */
function send(route: RouteUnderTest, token?: string) {
  const headers: Record<string, string> = token ? bearer(token) : {};
  const init: RequestInit = { method: route.method, headers };
  if (!['GET', 'HEAD', 'OPTIONS'].includes(route.method)) {
    headers['origin'] = new URL(process.env['PUBLIC_BASE_URL']!).origin;
    headers['content-type'] = route.isApi ? 'application/json' : 'application/x-www-form-urlencoded';
    init.body = route.isApi ? '{}' : '';
  }
  return route.app.request(route.path, init);
}

describe('the route table', () => {
  it('has staff routes and public routes to check', () => {
    expect(staffRoutes.map(named)).toContain('GET /staff (gateway)');
    expect(adminRoutes.map(named)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^POST \/staff\/consultations\/[^/]+\/withdraw-results \(consultations\)$/),
        expect.stringMatching(/^POST \/staff\/community-days\/visits\/[^/]+\/delete \(community-days\)$/),
        expect.stringMatching(/^DELETE \/api\/community-days\/visits\/[^/]+ \(gateway\)$/),
        'POST /staff/surgeries/councils/import/confirm (surgeries)',
        'POST /api/surgeries/councils/import (gateway)',
      ]),
    );
    expect(publicRoutes.map(named)).toContain('GET / (gateway)');
    expect(publicRoutes.map(named)).toContain('GET /sign-in (gateway)');
  });
});

describe.each(staffRoutes.map((r) => [named(r), r] as const))('staff route %s', (_, route) => {
  it('answers 401 without a token', async () => {
    expect((await send(route)).status).toBe(401);
  });

  it('answers 401 with an expired token', async () => {
    expect((await send(route, await expiredToken('admin'))).status).toBe(401);
  });

  it('answers 401 with a token signed by a different key', async () => {
    expect((await send(route, await wronglySignedToken('admin'))).status).toBe(401);
  });

  it('answers 401 with a token for another client or from another issuer', async () => {
    expect((await send(route, await otherClientToken('admin'))).status).toBe(401);
    expect((await send(route, await otherIssuerToken('admin'))).status).toBe(401);
  });

  it('answers 403 to someone signed in without a staff role', async () => {
    expect((await send(route, await noRoleToken())).status).toBe(403);
  });

  // Past the guard means an answer from the route itself: not 401 or 403, and not a crash either.
  if (route.role === 'admin') {
    it('lets an admin past the guard, to an answer that is not an error of ours', async () => {
      const { status } = await send(route, await adminToken());
      expect([401, 403]).not.toContain(status);
      expect(status).toBeLessThan(500);
    });
  } else {
    it('lets staff (the lowest role it needs) past the guard, to an answer that is not an error of ours', async () => {
      const { status } = await send(route, await staffToken());
      expect([401, 403]).not.toContain(status);
      expect(status).toBeLessThan(500);
    });
  }
});

describe.each(adminRoutes.map((r) => [named(r), r] as const))('admin route %s', (_, route) => {
  it('answers 403 to staff who are not admins', async () => {
    expect((await send(route, await staffToken())).status).toBe(403);
  });
});

describe.each(publicRoutes.map((r) => [named(r), r] as const))('public route %s', (_, route) => {
  it('answers without a token, and not with an error of ours', async () => {
    const { status } = await send(route);
    expect([401, 403]).not.toContain(status);
    expect(status).toBeLessThan(500);
  });
});

describe('the 401 page', () => {
  it('links to sign-in, coming back to the page asked for', async () => {
    const res = await (await createPlatformApp()).request('/staff/meetings');
    expect(res.status).toBe(401);
    expect(await res.text()).toContain('href="/sign-in?returnTo=%2Fstaff%2Fmeetings"');
  });
});
