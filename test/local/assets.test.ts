/** Static assets carry the same security headers as pages (CloudFront's response policy does the same in AWS). */
import { describe, expect, it } from 'vitest';
import { createPlatformApp } from '../../local/server.js';
import { buildWeb } from '../../web/build.js';

describe('static assets under npm start', () => {
  it('are served with the security headers', async () => {
    await buildWeb();
    const response = await (await createPlatformApp()).request('/assets/app.css');
    expect(response.status).toBe(200);
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
  });
});
