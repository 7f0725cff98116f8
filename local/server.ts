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

export interface PlatformOptions {
  extra?: (root: Hono) => void;
  /**
   * The site's one origin (`npm start`: PUBLIC_BASE_URL). A request for another name of this computer
   * (127.0.0.1 for localhost) is sent there first, so sign-in, cookies and form origin checks, which are
   * all bound to the one origin, work whichever address someone typed.
   */
  canonicalOrigin?: string;
}

export async function createPlatformApp(options: PlatformOptions = {}): Promise<Hono> {
  const capabilities = await loadCapabilities();
  const root = new Hono();
  if (options.canonicalOrigin) {
    const canonical = new URL(options.canonicalOrigin);
    root.use(async (c, next) => {
      const url = new URL(c.req.url);
      if (url.host === canonical.host || !['GET', 'HEAD'].includes(c.req.method)) return next();
      return c.redirect(`${canonical.origin}${url.pathname}${url.search}`, 308);
    });
  }
  root.use('/assets/*', securityHeaders(), serveStatic({ root: 'web/dist', rewriteRequestPath: (p) => p.replace(/^\/assets/, '') }));
  const document = await buildOpenApiDocument();
  root.get('/api/openapi.json', securityHeaders(), (c) => c.json(document));
  options.extra?.(root);
  const byName = new Map(capabilities.map((cap) => [cap.name, cap.app]));
  for (const route of gatewayRoutes(capabilities)) {
    const app = byName.get(route.capability)!;
    const methods = route.method === 'ANY' ? ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] : [route.method];
    // The node server's bindings (the socket) go with the request, as the Lambda event goes with it in
    // AWS: rate limits and duplicate flags key on the caller's address (core/http/client-address.ts).
    root.on(methods, honoPath(route.path), (c) => app.fetch(c.req.raw, c.env));
  }
  const fallback = byName.get(DEFAULT_CAPABILITY)!;
  root.all('*', (c) => fallback.fetch(c.req.raw, c.env));
  return root;
}
