/**
 * The OpenAPI document for every capability's API, built from their route specs. It is generated when
 * the site is built (web/build.ts writes web/dist/openapi.json, which CloudFront serves from S3 at
 * /api/openapi.json and `npm start` serves from the same file), so no Lambda carries every
 * capability's schemas. Never imported by a Lambda.
 */
import { config } from './core/config.js';
import { openApiDocument } from './core/http/openapi.js';
import { loadCapabilities } from './platform.js';

export async function buildOpenApiDocument() {
  const capabilities = await loadCapabilities();
  return openApiDocument(
    capabilities.flatMap((cap) => cap.api),
    { organisationName: config().organisationName },
  );
}
