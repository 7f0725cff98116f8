/**
 * Concrete paths for route patterns, so route-walking tests can call every route: each parameter gets
 * the first example value its pattern (Hono's `:id{regex}`) or its zod params schema accepts.
 *
 *   examplePath('/api/meetings/:id/registrations/:registrationId', spec.params) // '/api/meetings/example/registrations/ABC-123'
 */
import * as z from 'zod/mini';
import type { Schema } from '../../functions/core/validation.js';

const EXAMPLES = ['example', 'ABC-123', '1', '00000000-0000-4000-8000-000000000000', '2030-01-01', '2030-31-Q1', '2030-31', '2030-31-Q1.docx', 'example.csv'];

const parameterNames = (path: string) => [...path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]!);

/** A value for each parameter that the schema accepts, or undefined when no example fits. */
function exampleParams(path: string, schema?: Schema): Record<string, string> | undefined {
  const names = parameterNames(path);
  const chosen: Record<string, string> = Object.fromEntries(names.map((n) => [n, EXAMPLES[0]!]));
  if (!schema) return chosen;
  for (const name of names) {
    const fits = EXAMPLES.find((value) => {
      const result = z.safeParse(schema, { ...chosen, [name]: value });
      return result.success || !result.error.issues.some((issue) => issue.path[0] === name);
    });
    if (fits === undefined) return undefined;
    chosen[name] = fits;
  }
  return z.safeParse(schema, chosen).success ? chosen : undefined;
}

/** `/staff/meetings/:id{[0-9]+}/*` → `/staff/meetings/1/example`; undefined when no example fits. */
export function examplePath(path: string, schema?: Schema): string | undefined {
  const params = exampleParams(path.replace(/\{(?:[^{}]|\{[^}]*\})+\}/g, ''), schema);
  if (!params) return undefined;
  let missing = false;
  const concrete = path
    .replace(/:([A-Za-z0-9_]+)\{((?:[^{}]|\{[^}]*\})+)\}\??/g, (_, _name: string, pattern: string) => {
      const value = EXAMPLES.find((c) => new RegExp(`^(?:${pattern})$`).test(c));
      if (value === undefined) missing = true;
      return value ?? '';
    })
    .replace(/:([A-Za-z0-9_]+)\??/g, (_, name: string) => params[name] ?? EXAMPLES[0]!)
    .replace(/\*/g, EXAMPLES[0]!);
  return missing ? undefined : concrete;
}
