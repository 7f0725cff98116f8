/**
 * A Lambda per capability (and per scheduled job, per capability that sends email, reading its own
 * outbox items from the table's stream, and per stream consumer a capability declares, such as the
 * meetings decider), derived from functions/capabilities.ts, and the platform timer, on the newest
 * Node.js runtime for arm64, configured through the environment functions/core/config.ts reads.
 */
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, test } from 'vitest';
import { capabilities } from '../../functions/capabilities.js';
import { DELIVERY_TIMER_MINUTES } from '../../functions/core/outbox/delivery.js';
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

const PLATFORM_TIMER = 'platform: retention work and the outbox backlog every 5 min';
const EMAIL_EVENTS = 'platform: SES hard bounces and complaints stop email to those addresses';
const emailing = capabilities.filter((c) => c.emails);
const deliveryOf = (name: string) => `${name}: email from the outbox stream, retries every 5 min`;
const declaredConsumers = capabilities.flatMap((c) => (c.streamConsumers ?? []).map((consumer) => ({ capability: c.name, ...consumer })));
const consumerOf = (c: (typeof declaredConsumers)[number]) => `${c.capability}: ${c.description}`;

const configVariables = [
  'TABLE_NAME',
  'SENDER_ADDRESS',
  'ORGANISATION_NAME',
  'PUBLIC_BASE_URL',
  'AUTH_ISSUER',
  'AUTH_JWKS_URL',
  'AUTH_CLIENT_ID',
  'AUTH_AUTHORIZE_URL',
  'ADDRESS_KEY',
  'SES_CONFIGURATION_SET',
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

  test('one per capability, one per scheduled job, one per capability that sends email, one per declared stream consumer and the platform timer, each arm64 on that runtime', () => {
    const scheduled = capabilities.filter((c) => c.scheduled);
    const functions = capabilityFunctions();
    expect(functions.map((f) => f.Description).sort()).toEqual(
      [
        ...capabilities.map((c) => `${c.name}: pages and API`),
        ...scheduled.map((c) => `${c.name}: scheduled work every ${c.scheduled!.everyMinutes} min`),
        ...emailing.map((c) => deliveryOf(c.name)),
        ...declaredConsumers.map(consumerOf),
        PLATFORM_TIMER,
        EMAIL_EVENTS,
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

  test("the SES account's send rate from context goes to the delivery functions, which share it, and to no other", () => {
    const rated = Object.values(synthesize({ context: { emailSendRate: 50 } }).template.findResources('AWS::Lambda::Function'))
      .map((r) => r.Properties)
      .filter((p) => typeof p.Description === 'string')
      .filter((p) => p.Environment.Variables.EMAIL_SEND_RATE !== undefined);
    expect(rated.map((p) => [p.Description, p.Environment.Variables.EMAIL_SEND_RATE]).sort()).toEqual(emailing.map((c) => [deliveryOf(c.name), '50']).sort());
    // Without it, none is set: each takes its share of the default, 14.
    expect(capabilityFunctions().filter((f) => f.Environment.Variables.EMAIL_SEND_RATE !== undefined)).toEqual([]);
  });

  test('each writes to its own log group with a retention period', () => {
    const logGroups = template.findResources('AWS::Logs::LogGroup');
    for (const f of capabilityFunctions()) {
      const logGroup = logGroups[f.LoggingConfig.LogGroup.Ref];
      expect(logGroup?.Properties.RetentionInDays).toBeGreaterThan(0);
    }
  });

  test("scheduled work, each delivery function's retries and the platform timer run on an EventBridge rate", () => {
    const scheduled = capabilities.filter((c) => c.scheduled);
    const rules = Object.values(template.findResources('AWS::Events::Rule')).flatMap((r) => (r.Properties.ScheduleExpression ? [r.Properties.ScheduleExpression] : []));
    expect(rules.sort()).toEqual(
      [...scheduled.map((c) => c.scheduled!.everyMinutes), ...emailing.map(() => DELIVERY_TIMER_MINUTES), 5]
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

  test("each delivery function reads only its own capability's new outbox items from the stream, in small batches, with failures kept", () => {
    const { byFunction, failureQueues } = streamMappings();
    for (const { name } of emailing) {
      const mapping = byFunction.get(deliveryOf(name))!;
      expect(mapping).toMatchObject({ BatchSize: 10, ParallelizationFactor: 1, StartingPosition: 'LATEST', BisectBatchOnFunctionError: true, MaximumRetryAttempts: 2, MaximumBatchingWindowInSeconds: 1 });
      expect(JSON.parse(mapping.FilterCriteria.Filters[0].Pattern)).toEqual({ eventName: ['INSERT'], dynamodb: { Keys: { pk: { S: [{ prefix: `OUTBOX#${name}#` }] } } } });
    }
    // One failures queue for every mapping: each record names the mapping it came from.
    expect(failureQueues.size).toBe(1);
    template.hasResourceProperties('AWS::DynamoDB::Table', { StreamSpecification: { StreamViewType: 'KEYS_ONLY' } });
  });

  test('the meetings decider is woken only by new registration requests, one batch at a time per shard, gathered for a second, retried halved, failures kept', () => {
    const { byFunction, failureQueues } = streamMappings();
    const decider = declaredConsumers.find((c) => c.capability === 'meetings' && c.name === 'decider')!;
    const mapping = byFunction.get(consumerOf(decider))!;
    expect(mapping).toMatchObject({ BatchSize: 100, ParallelizationFactor: 1, StartingPosition: 'LATEST', BisectBatchOnFunctionError: true, MaximumRetryAttempts: 3, MaximumBatchingWindowInSeconds: 1 });
    expect(JSON.parse(mapping.FilterCriteria.Filters[0].Pattern)).toEqual({ eventName: ['INSERT'], dynamodb: { Keys: { pk: { S: [{ prefix: 'MEETING#' }] }, sk: { S: [{ prefix: 'REQUEST#' }] } } } });
    expect(failureQueues.size).toBe(1);
    const fn = capabilityFunctions().find((f) => f.Description === consumerOf(decider))!;
    expect(fn).toMatchObject({ Timeout: 60, Environment: { Variables: { POWERTOOLS_SERVICE_NAME: 'meetings-decider' } } });
    expect(fn.Environment.Variables.EMAIL_SEND_RATE).toBeUndefined();
  });

  test('every email is sent with the configuration set, whose hard bounces and complaints reach the email-events function through EventBridge', () => {
    const sets = Object.entries(template.findResources('AWS::SES::ConfigurationSet'));
    expect(sets).toHaveLength(1);
    const [setId, set] = sets[0]!;
    expect(set.Properties).toMatchObject({ SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] }, ReputationOptions: { ReputationMetricsEnabled: true } });
    for (const f of capabilityFunctions()) expect(f.Environment.Variables.SES_CONFIGURATION_SET, f.Description).toEqual({ Ref: setId });
    const [destination] = Object.values(template.findResources('AWS::SES::ConfigurationSetEventDestination')).map((r) => r.Properties);
    expect(destination).toMatchObject({ ConfigurationSetName: { Ref: setId }, EventDestination: { Enabled: true, MatchingEventTypes: ['bounce', 'complaint'] } });
    expect(JSON.stringify(destination.EventDestination.EventBridgeDestination.EventBusArn)).toContain('event-bus/default');

    const functionIds = Object.entries(template.findResources('AWS::Lambda::Function')).filter(([, r]) => r.Properties.Description === EMAIL_EVENTS);
    expect(functionIds).toHaveLength(1);
    const [[handlerId, handler]] = functionIds as [[string, { Properties: any }]];
    const rules = Object.values(template.findResources('AWS::Events::Rule')).map((r) => r.Properties).filter((r) => r.EventPattern);
    expect(rules).toHaveLength(1);
    expect(rules[0].EventPattern).toEqual({
      source: ['aws.ses'],
      'detail-type': ['Email Bounced', 'Email Complaint Received'],
      detail: {
        mail: { tags: { 'ses:configuration-set': [{ Ref: setId }] } },
        $or: [{ eventType: ['Bounce'], bounce: { bounceType: ['Permanent'] } }, { eventType: ['Complaint'] }],
      },
    });
    expect(rules[0].Targets).toEqual([
      expect.objectContaining({ Arn: { 'Fn::GetAtt': [handlerId, 'Arn'] }, RetryPolicy: { MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 86_400 }, DeadLetterConfig: { Arn: expect.anything() } }),
    ]);
    // What the function fails on after its own retries goes to the same queue as what EventBridge could not hand it.
    expect(handler.Properties.DeadLetterConfig.TargetArn).toEqual(rules[0].Targets[0].DeadLetterConfig.Arn);
  });
});

/** Every event source mapping, by its function's description, and the failure destinations they use. */
function streamMappings() {
  const functionIds = Object.fromEntries(
    Object.entries(template.findResources('AWS::Lambda::Function')).map(([id, r]) => [id, r.Properties.Description as string | undefined]),
  );
  const mappings = Object.values(template.findResources('AWS::Lambda::EventSourceMapping')).map((m) => m.Properties);
  expect(mappings).toHaveLength(emailing.length + declaredConsumers.length);
  const byFunction = new Map(mappings.map((m) => [functionIds[m.FunctionName.Ref], m]));
  expect([...byFunction.keys()].sort()).toEqual([...emailing.map((c) => deliveryOf(c.name)), ...declaredConsumers.map(consumerOf)].sort());
  const failureQueues = new Set(mappings.map((m) => JSON.stringify(m.DestinationConfig.OnFailure.Destination)));
  return { byFunction, failureQueues };
}
