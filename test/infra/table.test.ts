/** The table in AWS is the shared definition in functions/core/table.ts, kept safe from accidents. */
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, test } from 'vitest';
import { tableDefinition } from '../../functions/core/store/table.js';
import { synthesize } from './synthesize.js';

let template: Template;
beforeAll(() => {
  ({ template } = synthesize());
});

const key = (partition: string, sort: string) => [
  { AttributeName: partition, KeyType: 'HASH' },
  { AttributeName: sort, KeyType: 'RANGE' },
];

describe('the table', () => {
  test('has the keys, indexes and TTL attribute of the shared definition', () => {
    const tables = template.findResources('AWS::DynamoDB::Table');
    expect(Object.keys(tables)).toHaveLength(1);
    const table = Object.values(tables)[0]!.Properties;
    expect(table.KeySchema).toEqual(key(tableDefinition.partitionKey, tableDefinition.sortKey));
    expect(table.TimeToLiveSpecification).toEqual({ AttributeName: tableDefinition.timeToLiveAttribute, Enabled: true });
    expect(table.GlobalSecondaryIndexes).toEqual(
      tableDefinition.globalSecondaryIndexes.map((index) => ({
        IndexName: index.name,
        KeySchema: key(index.partitionKey, index.sortKey),
        Projection: { ProjectionType: 'ALL' },
      })),
    );
    const keyNames: string[] = [
      tableDefinition.partitionKey,
      tableDefinition.sortKey,
      ...tableDefinition.globalSecondaryIndexes.flatMap((index) => [index.partitionKey, index.sortKey]),
    ];
    expect(table.AttributeDefinitions).toEqual(
      expect.arrayContaining(keyNames.map((AttributeName) => ({ AttributeName, AttributeType: 'S' }))),
    );
    expect(table.AttributeDefinitions).toHaveLength(keyNames.length);
  });

  test('is on-demand, recoverable, encrypted and protected from deletion', () => {
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        BillingMode: 'PAY_PER_REQUEST',
        DeletionProtectionEnabled: true,
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true },
      },
    });
  });
});

describe('after a point-in-time restore', () => {
  const tableName = 'Engagement-restored-20300301';
  const tableStreamArn = `arn:aws:dynamodb:eu-west-2:123456789012:table/${tableName}/stream/2030-03-01T12:30:00.000`;
  let restored: Template;
  beforeAll(() => {
    ({ template: restored } = synthesize({ context: { tableName, tableStreamArn } }));
  });

  test('the stack uses the restored table: functions, their grants, the email stream and the alarms follow it', () => {
    // The stack's own table leaves the template; it is retained, so CloudFormation keeps it.
    restored.resourceCountIs('AWS::DynamoDB::Table', 0);
    for (const fn of Object.values(restored.findResources('AWS::Lambda::Function')).filter((f) => f.Properties.Environment?.Variables?.TABLE_NAME)) {
      expect(fn.Properties.Environment.Variables.TABLE_NAME).toBe(tableName);
    }
    restored.hasResourceProperties('AWS::Lambda::EventSourceMapping', { EventSourceArn: tableStreamArn });
    expect(JSON.stringify(restored.findResources('AWS::IAM::Policy'))).toContain(`:table/${tableName}`);
    restored.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Metrics: Match.arrayWith([Match.objectLike({ MetricStat: Match.objectLike({ Metric: Match.objectLike({ Dimensions: Match.arrayWith([{ Name: 'TableName', Value: tableName }]) }) }) })]),
    });
  });
});
