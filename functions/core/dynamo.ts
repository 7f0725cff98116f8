/**
 * The one DynamoDB client, created once per container and reused across invocations.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { config } from './config.js';

let client: DynamoDBClient | undefined;

export function dynamo(): DynamoDBClient {
  if (!client) {
    const { region, dynamoEndpoint } = config();
    client = new DynamoDBClient({
      region,
      ...(dynamoEndpoint
        ? { endpoint: dynamoEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
        : {}),
    });
  }
  return client;
}
