/** Public meeting pages (to be written). */
import type { Hono } from 'hono';
import type { AppEnv } from '../../core/auth.js';

export function publicPages(_app: Hono<AppEnv>): void {}
