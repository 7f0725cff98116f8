/**
 * The OpenAPI 3.1 document, generated from the zod schemas the routes validate with. It is built
 * when the site is built (functions/openapi-document.ts) and served as a static file, so no function
 * carries every capability's schemas.
 */
import type { ApiRouteSpec } from './api.js';
import { openApiPath } from './gateway-routes.js';
import * as z from 'zod/mini';
import { type Schema } from '../validation.js';

type JsonSchema = Record<string, unknown>;

const toSchema = (schema: Schema, io: 'input' | 'output'): JsonSchema => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
};


function parameters(schema: Schema | undefined, where: 'path' | 'query' | 'header') {
  if (!schema) return [];
  const json = toSchema(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, propertySchema]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    schema: propertySchema,
  }));
}

const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['status', 'code', 'message'],
      properties: {
        status: { type: 'integer' },
        code: { type: 'string' },
        message: { type: 'string' },
        fields: {
          type: 'array',
          items: {
            type: 'object',
            required: ['field', 'message'],
            properties: { field: { type: 'string' }, message: { type: 'string' } },
          },
        },
      },
    },
  },
};

/** Every state-changing operation takes it (http/submission-guard.tsx), so the document says so once, here. */
const idempotencyKey = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'A key of your own (16 to 100 letters, digits, hyphens or underscores; a UUID will do) that makes the call safe to retry: the same key again is answered as the first call was, with `Idempotent-Replayed: true`, and changes nothing. Keys are kept for a day.',
  schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{16,100}$' },
};

const idempotencyResponses = (errorRef: unknown) => ({
  409: { description: 'A call with this Idempotency-Key is still being dealt with, or the change conflicts with the current state; see the error code', content: { 'application/json': { schema: errorRef } } },
  422: { description: 'This Idempotency-Key was used for a different request', content: { 'application/json': { schema: errorRef } } },
});

export function openApiDocument(specs: readonly ApiRouteSpec[], info: { organisationName: string }) {
  const operationIds = new Set<string>();
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of specs) {
    const errorRef = { $ref: '#/components/schemas/Error' };
    const errorResponses: Record<string, unknown> = {
      400: { description: 'Invalid input; `fields` names each problem', content: { 'application/json': { schema: errorRef } } },
      ...(spec.rateLimited
        ? { 429: { description: 'Too many requests from this client or for this email address; see Retry-After', content: { 'application/json': { schema: errorRef } } } }
        : {}),
      ...(spec.method === 'get' ? {} : idempotencyResponses(errorRef)),
      503: { description: 'The service is busy or a dependency is unavailable; nothing was changed or lost. See Retry-After', content: { 'application/json': { schema: errorRef } } },
      ...(spec.role
        ? {
            401: { description: 'No valid staff token', content: { 'application/json': { schema: errorRef } } },
            403: { description: `Needs the \`${spec.role}\` role`, content: { 'application/json': { schema: errorRef } } },
          }
        : {}),
    };
    const responses = Object.fromEntries(
      Object.entries(spec.responses).map(([status, r]) => [
        status,
        {
          description: r.description,
          ...(r.schema ? { content: { [r.contentType ?? 'application/json']: { schema: toSchema(r.schema, 'output') } } } : {}),
        },
      ]),
    );
    if (operationIds.has(spec.operationId)) throw new Error(`Two routes have the operationId ${spec.operationId}`);
    operationIds.add(spec.operationId);
    (paths[openApiPath(spec.path)] ??= {})[spec.method] = {
      operationId: spec.operationId,
      summary: spec.summary,
      ...(spec.tags ? { tags: spec.tags } : {}),
      parameters: [
        ...parameters(spec.params, 'path'),
        ...parameters(spec.query, 'query'),
        ...parameters(spec.headers, 'header').filter((p) => p.name !== 'idempotency-key'),
        ...(spec.method === 'get' ? [] : [idempotencyKey]),
      ],
      ...(spec.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: toSchema(spec.body, 'input') } } } }
        : {}),
      responses: { ...errorResponses, ...responses },
      // Every operation says who may call it: a staff token with a role, or anyone ([]).
      security: spec.role ? [{ staffToken: [] }] : [],
      ...(spec.role ? { 'x-required-role': spec.role } : {}),
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: `${info.organisationName}: engagement platform API`,
      version: '1.0.0',
      license: { name: 'Open Government Licence v3.0', url: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/' },
      description:
        'Public meetings, consultations, surgeries and community visits. Operations with a security requirement need a staff bearer token whose groups include the role named in `x-required-role` (admins may do everything staff can).',
    },
    servers: [{ url: '/', description: 'This site: the API is served from the same address as the pages' }],
    paths,
    components: {
      schemas: { Error: errorSchema },
      securitySchemes: {
        staffToken: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'A staff JWT from the sign-in service (Cognito in AWS; `npm run token -- --role staff` locally).',
        },
      },
    },
  };
}
