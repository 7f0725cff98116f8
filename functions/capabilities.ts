/**
 * Every capability the platform runs. To add one: create its folder under functions/ with an `app.tsx`
 * exporting a `Capability` and a `handler.ts` (and `scheduled.ts` if it has scheduled work), then list
 * it here. The local server mounts it and the CDK stack gives it a Lambda and its routes.
 */
import type { Capability } from './core/capability.js';
import { meetings } from './meetings/app.js';
import { site } from './site/app.js';

export const capabilities: Capability[] = [site, meetings];
