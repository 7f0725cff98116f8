import { describe, expect, it } from 'vitest';
import type { ApiRouteSpec } from './api.js';
import { gatewayRoutes, honoPath, type RoutedCapability } from './gateway-routes.js';

const spec = (method: ApiRouteSpec['method'], path: string, role?: ApiRouteSpec['role']): ApiRouteSpec => ({
  method,
  path,
  operationId: `${method}${path.replace(/[^A-Za-z]/g, '')}`,
  summary: path,
  role,
  responses: { 200: { description: 'OK' } },
});

const capability = (name: string, parts: Partial<RoutedCapability>): RoutedCapability => ({
  name,
  api: [],
  pagePrefixes: [],
  ...parts,
});

const keys = (caps: RoutedCapability[]) => gatewayRoutes(caps).map((r) => `${r.method} ${r.path}`);

describe('gateway routes', () => {
  const meetings = capability('meetings', {
    api: [spec('get', '/api/meetings'), spec('get', '/api/meetings/:id'), spec('post', '/api/meetings', 'staff'), spec('delete', '/api/meetings/:id', 'admin')],
    pagePrefixes: ['/meetings', '/staff/meetings'],
  });
  const site = capability('site', { pagePrefixes: ['/staff'], pagePaths: ['/', '/privacy'] });

  it('lists every API route, page prefix (with its sub-paths) and exact page path', () => {
    expect(keys([site, meetings]).sort()).toEqual(
      [
        'GET /api/meetings',
        'POST /api/meetings',
        'GET /api/meetings/{id}',
        'DELETE /api/meetings/{id}',
        'ANY /meetings',
        'ANY /meetings/{proxy+}',
        'ANY /staff/meetings',
        'ANY /staff/meetings/{proxy+}',
        'ANY /staff',
        'ANY /staff/{proxy+}',
        'ANY /',
        'ANY /privacy',
      ].sort(),
    );
  });

  it('carries the role and the owning capability to the route', () => {
    const routes = gatewayRoutes([site, meetings]);
    expect(routes.find((r) => r.method === 'DELETE')).toEqual({ method: 'DELETE', path: '/api/meetings/{id}', capability: 'meetings', role: 'admin' });
    const staffPages = routes.find((r) => r.path === '/staff');
    expect(staffPages?.capability).toBe('site');
    expect(staffPages?.role).toBeUndefined(); // pages check the session themselves; only the JSON API uses the JWT authorizer
  });

  it('orders the most specific first, as API Gateway chooses: more literal segments, greedy paths last, ANY after a method', () => {
    const order = keys([site, meetings]);
    const before = (a: string, b: string) => expect(order.indexOf(a), `${a} before ${b}`).toBeLessThan(order.indexOf(b));
    before('ANY /staff/meetings', 'ANY /staff');
    before('GET /api/meetings', 'GET /api/meetings/{id}'); // two literal segments against two
    before('ANY /staff/meetings/{proxy+}', 'ANY /staff/{proxy+}');
    before('ANY /privacy', 'ANY /meetings/{proxy+}');
    // Every greedy path comes after every non-greedy one.
    const firstGreedy = order.findIndex((k) => k.endsWith('+}'));
    expect(order.slice(firstGreedy).every((k) => k.endsWith('+}'))).toBe(true);
    const methods = capability('x', { api: [spec('get', '/api/things')], pagePaths: [] });
    const any = capability('y', { pagePaths: ['/api/things/{any}'] });
    const sorted = keys([any, methods]);
    expect(sorted.indexOf('GET /api/things')).toBeLessThan(sorted.indexOf('ANY /api/things/{any}'));
  });

  it('routes a request as API Gateway would when the table is walked in order', () => {
    const routes = gatewayRoutes([site, meetings]);
    const owner = (method: string, path: string) =>
      routes.find((r) => {
        if (r.method !== 'ANY' && r.method !== method) return false;
        const pattern = new RegExp(`^${r.path.replace(/\{proxy\+\}/, '.+').replace(/\{[^}]+\}/g, '[^/]+')}$`);
        return pattern.test(path);
      })?.capability;
    expect(owner('GET', '/staff/meetings/123/edit')).toBe('meetings');
    expect(owner('GET', '/staff/other')).toBe('site');
    expect(owner('GET', '/staff')).toBe('site');
    expect(owner('GET', '/api/meetings/abc')).toBe('meetings');
  });

  it('refuses two capabilities claiming the same route', () => {
    const twin = capability('other', { pagePrefixes: ['/meetings'] });
    expect(() => gatewayRoutes([meetings, twin])).toThrow('Two capabilities claim the route ANY /meetings');
    expect(() => gatewayRoutes([meetings, capability('copy', { api: [spec('get', '/api/meetings/:id')] })])).toThrow(
      'Two capabilities claim the route GET /api/meetings/{id}',
    );
    // The same path with another method is another route.
    expect(() => gatewayRoutes([meetings, capability('copy', { api: [spec('put', '/api/meetings/:id')] })])).not.toThrow();
  });

  it('refuses a capability claiming a route twice', () => {
    expect(() => gatewayRoutes([capability('x', { pagePaths: ['/a', '/a'] })])).toThrow('ANY /a');
  });

  it('turns gateway paths into Hono paths for the local server', () => {
    expect(honoPath('/api/meetings/{id}')).toBe('/api/meetings/:id');
    expect(honoPath('/meetings/{proxy+}')).toBe('/meetings/*');
    expect(honoPath('/api/meetings/{meetingId}/registrations/{registrationId}')).toBe('/api/meetings/:meetingId/registrations/:registrationId');
  });
});
