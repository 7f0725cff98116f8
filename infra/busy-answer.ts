/**
 * The busy page when API Gateway, not the app, says the service is busy. The HTTP API's stage throttle
 * answers 429 with a bare `{"message":"Too Many Requests"}` that it cannot be told to change, and
 * CloudFront's custom error pages do not take 429 at all; so a small Lambda@Edge function on the
 * API's origin responses replaces a 429, 503 or 504 that has no Retry-After (the gateway's: every
 * 429 and 503 the app sends carries one, and the app never sends 504) with the platform's "service is
 * busy" page (JSON in the app's error shape under /api/), with Retry-After. The app's own answers
 * pass through untouched. Lambda@Edge functions live in us-east-1, so this is part of the edge stack.
 */
import { ArnFormat, Duration, Stack, Token, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/** Gateway answers that mean "too busy now", and how long residents are asked to wait. */
export const BUSY_STATUSES = ['429', '503', '504'] as const;
export const BUSY_RETRY_AFTER_SECONDS = 60;
const BUSY_MESSAGE = 'Sorry, the service is busy. Try again in a minute: nothing you sent has been lost.';

/**
 * The function's source (CommonJS, as Lambda runs inline code). The page is a JSON string literal in it,
 * so nothing in the page can break out of the code.
 */
export function busyAnswerSource(page: string): string {
  const json = Object.fromEntries(
    BUSY_STATUSES.map((status) => [status, JSON.stringify({ error: { status: Number(status), code: 'service_busy', message: BUSY_MESSAGE } })]),
  );
  return [
    "'use strict';",
    `const PAGE = ${JSON.stringify(page)};`,
    `const JSON_BODIES = ${JSON.stringify(json)};`,
    `const RETRY_AFTER = '${BUSY_RETRY_AFTER_SECONDS}';`,
    'exports.handler = async (event) => {',
    '  const { request, response } = event.Records[0].cf;',
    "  if (!Object.hasOwn(JSON_BODIES, response.status) || response.headers['retry-after']) return response;",
    "  const api = request.uri === '/api' || request.uri.startsWith('/api/');",
    '  return {',
    '    status: response.status,',
    '    statusDescription: response.statusDescription,',
    '    headers: {',
    "      'content-type': [{ key: 'Content-Type', value: api ? 'application/json' : 'text/html; charset=utf-8' }],",
    "      'retry-after': [{ key: 'Retry-After', value: RETRY_AFTER }],",
    "      'cache-control': [{ key: 'Cache-Control', value: 'no-store' }],",
    "      'content-security-policy': [{ key: 'Content-Security-Policy', value: \"default-src 'self'; frame-ancestors 'none'\" }],",
    '    },',
    '    body: api ? JSON_BODIES[response.status] : PAGE,',
    '  };',
    '};',
    '',
  ].join('\n');
}

/** Lambda@Edge runs only on x86_64 and lags Lambda's runtimes; Node.js 22 is one it runs. */
export const edgeRuntime = lambda.Runtime.NODEJS_22_X;

export class BusyAnswer extends Construct {
  readonly function: lambda.Function;
  /** Its name (fixed, so other stacks and regions can name its metrics and logs). */
  readonly functionName: string;
  /** What CloudFront is given: Lambda@Edge takes a numbered version, not the function. */
  readonly version: lambda.IVersion;

  constructor(scope: Construct, id: string, props: { page: string }) {
    super(scope, id);
    const stack = Stack.of(this);
    const functionName = (this.functionName = `${stack.stackName}-busy-answer`);
    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.CompositePrincipal(new iam.ServicePrincipal('lambda.amazonaws.com'), new iam.ServicePrincipal('edgelambda.amazonaws.com')),
      description: 'Runs the busy page at CloudFront edge locations',
    });
    // Lambda@Edge writes to /aws/lambda/us-east-1.<name> in whichever region ran it.
    const edgeLogs = stack.formatArn({ service: 'logs', region: '*', resource: 'log-group', resourceName: `/aws/lambda/us-east-1.${functionName}:*`, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'], resources: [edgeLogs] }));

    this.function = new lambda.Function(this, 'Function', {
      functionName,
      description: 'Replaces API Gateway\'s bare 429/503/504 with the platform\'s busy page (origin response)',
      runtime: edgeRuntime,
      architecture: lambda.Architecture.X86_64,
      handler: 'index.handler',
      code: lambda.Code.fromInline(busyAnswerSource(props.page)),
      memorySize: 128,
      timeout: Duration.seconds(5),
      role,
    });
    this.version = this.function.currentVersion;
    // The log group CDK makes for it holds only test runs here (copies log where they run): a month is enough.
    const ownLogs = this.function.node.tryFindChild('LogGroup')?.node.defaultChild;
    if (ownLogs instanceof logs.CfnLogGroup) ownLogs.retentionInDays = logs.RetentionDays.ONE_MONTH;

    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason: `Lambda@Edge supports fewer runtimes than Lambda and only x86_64; ${edgeRuntime.name} is one it runs.`,
    });
    // cdk-nag names the finding by the ARN as written, with the account as <AWS::AccountId> until it is known.
    const account = Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:${stack.partition}:logs:*:${account}:log-group:/aws/lambda/us-east-1.${functionName}:*]`,
      reason:
        'Lambda@Edge writes its logs in the region where each copy ran, so the log group (named for this function only) ' +
        'is granted in every region.',
    });
  }
}
