/**
 * A Lambda per capability (and per scheduled job), derived from functions/capabilities.ts, and the
 * platform's delivery function reading the table's stream, on the newest Node.js runtime for arm64,
 * configured through the environment functions/core/config.ts reads.
 */
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, test } from 'vitest';
import { capabilities } from '../../functions/capabilities.js';
import { nodeRuntime } from '../../infra/function-bundling.js';
import { synthesize } from './synthesize.js';

let template: Template;
beforeAll(() => {
  ({ template } = synthesize());
});

/** Our functions, by description (CDK's own upload function has none). */
function capabilityFunctions() {
  return Object.values(template.findResources('AWS::Lambda::Function'))
    .map((r) => r.Properties)
    .filter((p) => typeof p.Description === 'string');
}

const DELIVERY = 'platform: email delivery from the outbox stream, retries and retention every 5 min';

const configVariables = [
  'TABLE_NAME',
  'SENDER_ADDRESS',
  'ORGANISATION_NAME',
  'PUBLIC_BASE_URL',
  'AUTH_ISSUER',
  'AUTH_JWKS_URL',
  'AUTH_CLIENT_ID',
  'AUTH_AUTHORIZE_URL',
  'AUTH_TOKEN_URL',
  'AUTH_GROUPS_CLAIM',
];

describe('capability functions', () => {
  test('the runtime is the newest Node.js this aws-cdk-lib knows', () => {
    const nodeVersions = Object.keys(lambda.Runtime)
      .map((name) => /^NODEJS_(\d+)_X$/.exec(name)?.[1])
      .filter((v): v is string => Boolean(v))
      .map(Number);
    expect(nodeRuntime.name).toBe(`nodejs${Math.max(...nodeVersions)}.x`);
  });

  test('one per capability, one per scheduled job and the delivery function, each arm64 on that runtime', () => {
    const scheduled = capabilities.filter((c) => c.scheduled);
    const functions = capabilityFunctions();
    expect(functions.map((f) => f.Description).sort()).toEqual(
      [
        ...capabilities.map((c) => `${c.name}: pages and API`),
        ...scheduled.map((c) => `${c.name}: scheduled work every ${c.scheduled!.everyMinutes} min`),
        DELIVERY,
      ].sort(),
    );
    for (const f of functions) {
      expect(f.Architectures).toEqual(['arm64']);
      expect(f.Runtime).toBe(nodeRuntime.name);
      expect(f.Handler).toBe('index.handler');
    }
  });

  test('each gets every setting config.ts reads, with the organisation and sender from cdk.json', () => {
    for (const f of capabilityFunctions()) {
      const variables = f.Environment.Variables;
      expect(Object.keys(variables)).toEqual(expect.arrayContaining(configVariables));
      expect(variables.SENDER_ADDRESS).toBe('engagement@example.org');
      expect(variables.ORGANISATION_NAME).toMatch(/Police and Crime Commissioner/);
      expect(variables.AUTH_GROUPS_CLAIM).toBe('cognito:groups');
    }
  });

  test('each writes to its own log group with a retention period', () => {
    const logGroups = template.findResources('AWS::Logs::LogGroup');
    for (const f of capabilityFunctions()) {
      const logGroup = logGroups[f.LoggingConfig.LogGroup.Ref];
      expect(logGroup?.Properties.RetentionInDays).toBeGreaterThan(0);
    }
  });

  test("scheduled work, and the delivery function's retries, run on an EventBridge rate", () => {
    const scheduled = capabilities.filter((c) => c.scheduled);
    const rules = Object.values(template.findResources('AWS::Events::Rule')).map((r) => r.Properties.ScheduleExpression);
    expect(rules.sort()).toEqual(
      [...scheduled.map((c) => c.scheduled!.everyMinutes), 5]
        .map((n) => `rate(${n} minute${n === 1 ? '' : 's'})`)
        .sort(),
    );
    if (scheduled.length) {
      template.hasResourceProperties('AWS::Events::Rule', {
        State: 'ENABLED',
        Targets: Match.arrayWith([Match.objectLike({ Arn: Match.anyValue() })]),
      });
    }
  });

  test('the delivery function reads new outbox items from the stream, in small batches, with failures kept', () => {
    const mappings = Object.values(template.findResources('AWS::Lambda::EventSourceMapping')).map((m) => m.Properties);
    expect(mappings).toHaveLength(1);
    const [mapping] = mappings;
    expect(mapping).toMatchObject({ BatchSize: 10, ParallelizationFactor: 1, StartingPosition: 'LATEST', BisectBatchOnFunctionError: true, MaximumRetryAttempts: 2 });
    expect(JSON.parse(mapping.FilterCriteria.Filters[0].Pattern)).toEqual({ eventName: ['INSERT'], dynamodb: { Keys: { pk: { S: [{ prefix: 'OUTBOX#' }] } } } });
    expect(mapping.DestinationConfig.OnFailure.Destination).toBeDefined();
    template.hasResourceProperties('AWS::DynamoDB::Table', { StreamSpecification: { StreamViewType: 'KEYS_ONLY' } });
  });
});
