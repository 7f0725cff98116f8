/**
 * The whole platform (every capability, routed as API Gateway routes it, with /assets from web/dist)
 * on a free port for one test file, for browser tests. DynamoDB Local and the SES emulator come from
 * the global setup.
 *
 * Forms only accept posts whose Origin is PUBLIC_BASE_URL's, and emails link to it, so the server
 * becomes the public base URL for this test file: it sets PUBLIC_BASE_URL to its own address before
 * serving (the configuration follows the environment), and puts it back on close().
 *
 *   const server = useTestServer();     // started before the file's tests, closed after
 *   ... page.goto(`${server.baseUrl}/meetings`)
 */
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { Hono } from 'hono';
import { afterAll, beforeAll } from 'vitest';
import { buildWeb } from '../../web/build.js';

export interface TestServer {
  /** e.g. `http://127.0.0.1:41234`, without a trailing slash; also PUBLIC_BASE_URL while running. */
  baseUrl: string;
  close(): Promise<void>;
}

export interface TestServerOptions {
  /** Extra routes on the root app before the capabilities, as `createPlatformApp({ extra })` takes. */
  extra?: (root: Hono) => void;
  /** More environment for this server, given its base URL (e.g. an issuer under the same origin). */
  env?: (baseUrl: string) => Record<string, string>;
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  await buildWeb();
  const { createPlatformApp } = await import('../../local/server.js');
  const app = await createPlatformApp({ extra: options.extra });
  const server = await new Promise<ServerType>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    s.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;

  const overrides = { PUBLIC_BASE_URL: baseUrl, ...options.env?.(baseUrl) };
  const previous = Object.fromEntries(Object.keys(overrides).map((name) => [name, process.env[name]]));
  const useEnvironment = (values: Record<string, string | undefined>) => {
    for (const [name, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    // config() reads the environment again when it changes, so nothing else needs refreshing.
  };
  useEnvironment(overrides);

  return {
    baseUrl,
    close: () =>
      new Promise<void>((resolve, reject) => {
        useEnvironment(previous);
        server.close((error) => (error ? reject(error) : resolve()));
        if ('closeAllConnections' in server) server.closeAllConnections();
      }),
  };
}

/** The server for this file's tests: started in a beforeAll, closed in an afterAll (as useBrowser does). */
export function useTestServer(options: TestServerOptions = {}): { readonly baseUrl: string } {
  let server: TestServer | undefined;
  beforeAll(async () => {
    server = await startTestServer(options);
  }, 120_000);
  afterAll(async () => {
    await server?.close();
  });
  return {
    get baseUrl() {
      if (!server) throw new Error('The test server is not running yet: use it inside a test or beforeAll');
      return server.baseUrl;
    },
  };
}
