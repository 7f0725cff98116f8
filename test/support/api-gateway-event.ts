/**
 * Hand-built API Gateway HTTP API (payload format 2.0) events, as API Gateway sends them to a Lambda,
 * so handler tests drive the very adapter that runs in AWS:
 *
 *   await handler(httpApiEvent({ method: 'POST', path: '/api/x', json: { name: '' } }), lambdaContext);
 */
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';

export interface EventRequest {
  method?: string;
  path: string;
  /** The raw query string, without `?`, exactly as API Gateway passes it on. */
  query?: string;
  /** Cookies arrive in their own array, not in a `cookie` header. */
  cookies?: string[];
  headers?: Record<string, string>;
  /** Sent base64-encoded as `application/json`, as API Gateway encodes bodies. */
  json?: unknown;
  /** Sent base64-encoded with the given content type. */
  body?: { contentType: string; text: string };
  /** The route key API Gateway matched, e.g. `POST /api/meetings`; defaults to `$default`. */
  routeKey?: string;
}

export const DOMAIN_NAME = 'abc123def4.execute-api.eu-west-2.amazonaws.com';

export function httpApiEvent(request: EventRequest): APIGatewayProxyEventV2 {
  const method = request.method ?? 'GET';
  const rawQueryString = request.query ?? '';
  const headers: Record<string, string> = {
    accept: '*/*',
    host: DOMAIN_NAME,
    'user-agent': 'handler-test',
    'x-forwarded-proto': 'https',
    ...Object.fromEntries(Object.entries(request.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
  };
  let body: string | undefined;
  const payload =
    request.json !== undefined ? { contentType: 'application/json', text: JSON.stringify(request.json) } : request.body;
  if (payload) {
    headers['content-type'] = payload.contentType;
    body = Buffer.from(payload.text, 'utf8').toString('base64');
  }
  const queryStringParameters = rawQueryString
    ? Object.fromEntries([...new URLSearchParams(rawQueryString)].map(([k, v]) => [k, v]))
    : undefined;
  const now = new Date();
  return {
    version: '2.0',
    routeKey: request.routeKey ?? '$default',
    rawPath: request.path,
    rawQueryString,
    ...(request.cookies?.length ? { cookies: request.cookies } : {}),
    headers,
    ...(queryStringParameters ? { queryStringParameters } : {}),
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123def4',
      domainName: DOMAIN_NAME,
      domainPrefix: 'abc123def4',
      http: { method, path: request.path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'handler-test' },
      requestId: `req-${Math.random().toString(36).slice(2)}`,
      routeKey: request.routeKey ?? '$default',
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(body === undefined ? { isBase64Encoded: false } : { body, isBase64Encoded: true }),
  };
}

export const lambdaContext = {
  callbackWaitsForEmptyEventLoop: false,
  functionName: 'handler-test',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-2:123456789012:function:handler-test',
  memoryLimitInMB: '512',
  awsRequestId: 'handler-test',
  logGroupName: '/aws/lambda/handler-test',
  logStreamName: 'handler-test',
  getRemainingTimeInMillis: () => 30_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
} satisfies Context;
