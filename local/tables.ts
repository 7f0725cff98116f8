/** Creates the platform's table in DynamoDB Local from the shared definition, once. */
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceNotFoundException,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { createTableInput, tableDefinition } from '../functions/core/store/table.js';

/**
 * Returns true when the table was created, false when it already existed. `stream: false` is for a
 * test's own table whose stream nobody reads: in DynamoDB Local, writes to streamed tables slow down as
 * streamed tables with many writes pile up, and a table without a stream is not slowed
 * (docs/decisions.md, "DynamoDB Local slows writes to streamed tables").
 */
export async function ensureTable(client: DynamoDBClient, tableName: string, options: { stream?: boolean } = {}): Promise<boolean> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return false;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  const { StreamSpecification, ...withoutStream } = createTableInput(tableName);
  await client.send(new CreateTableCommand(options.stream === false ? withoutStream : { ...withoutStream, StreamSpecification }));
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: tableDefinition.timeToLiveAttribute, Enabled: true },
    }),
  );
  return true;
}

export function localDynamoClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: 'eu-west-2', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
}
