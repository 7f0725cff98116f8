/**
 * The OpenAPI document, judged by a tool nobody here wrote (Redocly's linter, recommended rules), and
 * checked against the routes: every API route API Gateway has is in the document, with the same
 * method, and nothing else is; every operation names who may call it. It is what `npm start`
 * serves at /api/openapi.json and what the CDK stack uploads to S3.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { gatewayRoutes } from '../../functions/core/http/gateway-routes.js';
import { buildOpenApiDocument } from '../../functions/openapi-document.js';
import { loadCapabilities } from '../../functions/platform.js';
import { createPlatformApp } from '../../local/server.js';

const run = promisify(execFile);
const redocly = join(dirname(createRequire(import.meta.url).resolve('@redocly/cli/package.json')), 'bin', 'cli.js');

const document = await buildOpenApiDocument();
const capabilities = await loadCapabilities();
type Operation = { operationId: string; security: Array<Record<string, string[]>>; 'x-required-role'?: string };
const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
  Object.entries(methods as Record<string, Operation>).map(([method, operation]) => ({ key: `${method.toUpperCase()} ${path}`, operation })),
);

const scratch = mkdtempSync(join(tmpdir(), 'openapi-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the OpenAPI document', () => {
  it('passes redocly lint with the recommended rules: no errors, no warnings', async () => {
    const file = join(scratch, 'openapi.json');
    writeFileSync(file, JSON.stringify(document));
    const { stdout } = await run(process.execPath, [redocly, 'lint', file, '--format=json'], {
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
    }).catch((error: { stdout: string }) => ({ stdout: error.stdout }));
    const report = JSON.parse(stdout.slice(stdout.indexOf('{'))) as { problems: Array<{ ruleId: string; message: string; severity: string }> };
    expect(report.problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message}`)).toEqual([]);
  }, 60_000);

  it('describes exactly the API routes API Gateway routes, and no other', () => {
    const apiRoutes = gatewayRoutes(capabilities)
      .filter((r) => r.path.startsWith('/api/') && r.method !== 'ANY')
      .map((r) => `${r.method} ${r.path}`);
    expect(operations.map((o) => o.key).sort()).toEqual(apiRoutes.sort());
  });

  it('names every operation uniquely and says who may call it: a staff role, or anyone', () => {
    expect(new Set(operations.map((o) => o.operation.operationId)).size).toBe(operations.length);
    for (const { key, operation } of operations) {
      expect(operation.operationId, key).toMatch(/^[a-z][A-Za-z]+$/);
      if (operation['x-required-role']) expect(operation.security, key).toEqual([{ staffToken: [] }]);
      else expect(operation.security, key).toEqual([]);
    }
    expect(document.servers).toEqual([expect.objectContaining({ url: '/' })]);
  });

  it('says which operations only an admin may call, and that staff get 403 from them', () => {
    const adminOnly = operations.filter((o) => o.operation['x-required-role'] === 'admin');
    expect(adminOnly.map((o) => o.operation.operationId).sort()).toEqual(['deleteVisit', 'importSurgeryCouncils']);
    for (const { key, operation } of adminOnly) {
      expect((operation as unknown as { responses: Record<string, { description: string }> }).responses['403']?.description, key).toBe('Needs the `admin` role');
    }
  });

  it('is what npm start serves at /api/openapi.json', async () => {
    const response = await (await createPlatformApp()).request('/api/openapi.json');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(JSON.parse(JSON.stringify(document)));
  });
});
