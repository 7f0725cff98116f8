/**
 * The one DynamoDB table, built from the shared definition in functions/core/store/table.ts so that
 * DynamoDB Local and AWS cannot drift apart. It holds residents' registrations, so it is kept
 * (retained, deletion-protected, point-in-time recoverable) whatever happens to the stack.
 *
 * After a point-in-time restore (docs/runbook.md), the `tableName` and `tableStreamArn` context values
 * point the stack at the restored table instead: the functions, their grants, the stream and the
 * alarms follow it, and the old table, retained, leaves the stack untouched.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { tableDefinition } from '../functions/core/store/table.js';

/**
 * What a capability may do with items: read, write and delete them, and query the indexes.
 * No Scan (every access pattern is a key lookup or a Query) and nothing that changes the table itself.
 */
export const itemActions = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
] as const;

const stringKey = (name: string): dynamodb.Attribute => ({ name, type: dynamodb.AttributeType.STRING });

export interface EngagementTableProps {
  /** A table restored outside the stack (with its stream on), to use instead of the stack's own. */
  restored?: { tableName: string; streamArn: string };
}

export class EngagementTable extends Construct {
  readonly table: dynamodb.ITable;

  constructor(scope: Construct, id: string, props: EngagementTableProps = {}) {
    super(scope, id);
    if (props.restored) {
      this.table = dynamodb.Table.fromTableAttributes(this, 'Table', {
        tableName: props.restored.tableName,
        tableStreamArn: props.restored.streamArn,
        globalIndexes: tableDefinition.globalSecondaryIndexes.map((index) => index.name),
      });
      return;
    }
    const table = new dynamodb.Table(this, 'Table', {
      partitionKey: stringKey(tableDefinition.partitionKey),
      sortKey: stringKey(tableDefinition.sortKey),
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      timeToLiveAttribute: tableDefinition.timeToLiveAttribute,
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      removalPolicy: RemovalPolicy.RETAIN,
      // Keys only: feeds email delivery from the outbox without passing personal data through the stream.
      stream: dynamodb.StreamViewType.KEYS_ONLY,
    });
    for (const index of tableDefinition.globalSecondaryIndexes) {
      table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: stringKey(index.partitionKey),
        sortKey: stringKey(index.sortKey),
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }
    this.table = table;
  }

  /** Item reads and writes on the table, and queries on each named index (no wildcard ARNs). */
  grantItemAccess(grantee: iam.IGrantable): void {
    const { tableArn } = this.table;
    grantee.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: [...itemActions], resources: [tableArn] }),
    );
    grantee.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:Query'],
        resources: tableDefinition.globalSecondaryIndexes.map((index) => `${tableArn}/index/${index.name}`),
      }),
    );
  }
}
