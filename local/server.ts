/**
 * The whole platform on one port, routed exactly as API Gateway routes it in AWS: each request goes
 * to the capability app that owns its route (see functions/core/http/gateway-routes.ts), anything else
 * to the site's 404. Static assets come from web/dist and the OpenAPI document is built from the
 * routes, as CloudFront serves both from S3 in AWS.
 */
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { DEFAULT_CAPABILITY, gatewayRoutes, honoPath } from '../functions/core/http/gateway-routes.js';
import { buildOpenApiDocument } from '../functions/openapi-document.js';
import { loadCapabilities } from '../functions/platform.js';
import { securityHeaders } from '../functions/core/http/app.js';

export async function createPlatformApp(options: { extra?: (root: Hono) => void } = {}): Promise<Hono> {
  const capabilities = await loadCapabilities();
  const root = new Hono();
  root.use('/assets/*', securityHeaders(), serveStatic({ root: 'web/dist', rewriteRequestPath: (p) => p.replace(/^\/assets/, '') }));
  const document = await buildOpenApiDocument();
  root.get('/api/openapi.json', securityHeaders(), (c) => c.json(document));
  options.extra?.(root);
  const byName = new Map(capabilities.map((cap) => [cap.name, cap.app]));
  for (const route of gatewayRoutes(capabilities)) {
    const app = byName.get(route.capability)!;
    const methods = route.method === 'ANY' ? ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] : [route.method];
    root.on(methods, honoPath(route.path), (c) => app.fetch(c.req.raw));
  }
  const fallback = byName.get(DEFAULT_CAPABILITY)!;
  root.all('*', (c) => fallback.fetch(c.req.raw));
  return root;
}
