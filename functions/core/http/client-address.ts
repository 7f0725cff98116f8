/**
 * The address a request came from, for rate limits. Behind CloudFront the connection is CloudFront's,
 * so a CloudFront Function writes the viewer's address into a header (CLIENT_ADDRESS_HEADER,
 * overwriting whatever the client sent), and CloudFront adds a secret header only it knows
 * (ORIGIN_VERIFY_SECRET): the address header is believed only with that secret, so a request sent to
 * API Gateway directly cannot choose its own address. Otherwise: the connection's own address (API
 * Gateway's source IP in Lambda, the socket under `npm start`).
 */
import type { Context } from 'hono';
import { config } from '../config.js';

interface LambdaEnv {
  event?: { requestContext?: { http?: { sourceIp?: string } } };
}
interface NodeEnv {
  incoming?: { socket?: { remoteAddress?: string } };
}

/** `203.0.113.7:46532` → `203.0.113.7`; `[2001:db8::1]:443` → `2001:db8::1`. */
export function withoutPort(address: string): string {
  const bracketed = address.match(/^\[([^\]]+)\](?::\d+)?$/);
  if (bracketed) return bracketed[1]!;
  return /^[\d.]+:\d+$/.test(address) ? address.slice(0, address.lastIndexOf(':')) : address;
}

export function clientAddress(c: Context): string {
  const { clientAddressHeader: header, originVerifySecret } = config();
  if (header && (!originVerifySecret || c.req.header('x-origin-verify') === originVerifySecret)) {
    const value = c.req.header(header)?.split(',')[0]?.trim();
    if (value) return withoutPort(value);
  }
  const env = (c.env ?? {}) as LambdaEnv & NodeEnv;
  return env.event?.requestContext?.http?.sourceIp ?? env.incoming?.socket?.remoteAddress ?? 'unknown';
}
