/**
 * JSON API routes declared once: the same declaration registers the Hono route, validates the request
 * with zod, enforces the role, and feeds the OpenAPI document and the API Gateway route table.
 *
 *   const api = new ApiRoutes(app);
 *   api.add({ method: 'get', path: '/api/meetings/:id', operationId: 'getMeeting', summary: 'One meeting',
 *             params: z.object({ id: z.string() }), responses: { 200: { description: 'The meeting' } } },
 *           async (c, { params }) => c.json(await findMeeting(params.id)));
 */
import type { Context, Hono } from 'hono';
import { rateLimited } from '../rate-limits.js';
import { answerNoSoonerThan } from './answer-floor.js';
import { requireRole, type AppEnv, type Role } from './auth.js';
import { HttpError, validationError } from './errors.js';
import { apiSubmission } from './submission-guard.js';
import * as z from 'zod/mini';
import { fieldErrors, type Schema } from '../validation.js';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface ResponseSpec {
  description: string;
  schema?: Schema;
  /** Defaults to application/json when a schema is given. */
  contentType?: string;
}

export interface ApiRouteSpec {
  method: Method;
  /** Hono-style path, e.g. `/api/meetings/:id`. */
  path: string;
  /** Unique across the platform, camelCase: names the operation for client generators. */
  operationId: string;
  summary: string;
  tags?: string[];
  /** Omit for a public route. */
  role?: Role;
  params?: Schema;
  query?: Schema;
  /** Request headers it reads, by lower-case name (e.g. `idempotency-key`). */
  headers?: Schema;
  body?: Schema;
  responses: Record<number, ResponseSpec>;
  /** Rate-limit this route per client address (public routes that act or send email). */
  rateLimited?: boolean;
  /**
   * Answer no sooner than this many milliseconds after the request arrived, whatever the outcome: for
   * routes whose answer must not tell by its timing what is stored, e.g. a known email address from a
   * new one (see answer-floor.ts).
   */
  answerFloorMs?: number;
}

type Infer<T> = T extends Schema ? z.infer<T> : undefined;

export interface ApiInput<S extends ApiRouteSpec> {
  params: Infer<S['params']>;
  query: Infer<S['query']>;
  headers: Infer<S['headers']>;
  body: Infer<S['body']>;
}

/** Parses input or throws the shared 400 error naming each offending field. */
export function parseInput<T extends Schema>(schema: T, input: unknown, where?: 'query' | 'params' | 'headers'): z.infer<T> {
  const result = z.safeParse(schema, input);
  if (result.success) return result.data as z.infer<T>;
  throw validationError(fieldErrors(result.error.issues, where));
}

async function readJsonBody(c: Context): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    throw new HttpError(415, 'unsupported_media_type', 'Send the request body as application/json');
  }
  const text = await c.req.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'malformed_json', 'The request body is not valid JSON');
  }
}

export class ApiRoutes {
  readonly specs: ApiRouteSpec[] = [];

  constructor(private readonly app: Hono<AppEnv>) {}

  add<S extends ApiRouteSpec>(spec: S, handler: (c: Context<AppEnv>, input: ApiInput<S>) => Response | Promise<Response>): void {
    this.specs.push(spec);
    const guards = [
      ...(spec.answerFloorMs ? [answerNoSoonerThan(spec.answerFloorMs)] : []),
      ...(spec.role ? [requireRole(spec.role)] : []),
      ...(spec.rateLimited ? [rateLimited(`api ${spec.method} ${spec.path}`)] : []),
    ];
    this.app.on([spec.method.toUpperCase()], [spec.path], ...guards, async (c) => {
      const run = async () => {
        const params = spec.params ? parseInput(spec.params, c.req.param(), 'params') : undefined;
        const query = spec.query ? parseInput(spec.query, c.req.query(), 'query') : undefined;
        const headers = spec.headers ? parseInput(spec.headers, c.req.header(), 'headers') : undefined;
        const body = spec.body ? parseInput(spec.body, await readJsonBody(c)) : undefined;
        return handler(c, { params, query, headers, body } as ApiInput<S>);
      };
      // Every call that changes something is safe to retry with the same Idempotency-Key.
      const response = spec.method === 'get' ? await run() : await apiSubmission(c, spec.operationId, run);
      // What staff see holds personal data: never kept by a browser or a shared cache.
      if (spec.role) response.headers.set('Cache-Control', 'no-store');
      return response;
    });
  }
}
