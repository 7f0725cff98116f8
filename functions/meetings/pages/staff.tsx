/** Staff console pages for meetings (to be written). */
import type { Hono } from 'hono';
import type { AppEnv } from '../../core/auth.js';

export function staffPages(_app: Hono<AppEnv>): void {}
