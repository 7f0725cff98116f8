/**
 * The OpenAPI 3.1 document, generated from the zod schemas the routes validate with.
 */
import { z } from 'zod';
import type { ApiRouteSpec } from './api.js';
import { config } from './config.js';

type JsonSchema = Record<string, unknown>;

const toSchema = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
};

/** `/api/meetings/:id` → `/api/meetings/{id}` */
export const openApiPath = (path: string) => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

function parameters(schema: z.ZodType | undefined, where: 'path' | 'query') {
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

export function openApiDocument(specs: readonly ApiRouteSpec[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of specs) {
    const errorRef = { $ref: '#/components/schemas/Error' };
    const errorResponses: Record<string, unknown> = {
      400: { description: 'Invalid input; `fields` names each problem', content: { 'application/json': { schema: errorRef } } },
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
    (paths[openApiPath(spec.path)] ??= {})[spec.method] = {
      summary: spec.summary,
      ...(spec.tags ? { tags: spec.tags } : {}),
      parameters: [...parameters(spec.params, 'path'), ...parameters(spec.query, 'query')],
      ...(spec.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: toSchema(spec.body, 'input') } } } }
        : {}),
      responses: { ...errorResponses, ...responses },
      ...(spec.role ? { security: [{ staffToken: [spec.role] }], 'x-required-role': spec.role } : {}),
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: `${config().organisationName}: engagement platform API`,
      version: '1.0.0',
      description:
        'Public meetings, consultations, surgeries and community visits. Operations with a security requirement need a staff bearer token whose groups include the role named in `x-required-role` (admins may do everything staff can).',
    },
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
