/**
 * Starts the real local stand-ins once for the whole test run: DynamoDB Local (in memory) and the SES
 * emulator, each on a free port, and creates the table from the shared definition. Tests reach them
 * through the same environment variables the app reads in every environment.
 */
import { freePort } from '../../local/ports.js';
import { startDynamoDbLocal, type RunningService } from '../../local/dynamodb.js';
import { startSesEmulator } from '../../local/ses.js';
import { ensureTable, localDynamoClient } from '../../local/tables.js';

export default async function setup() {
  const services: RunningService[] = [];
  const [dynamoPort, sesPort] = await Promise.all([freePort(), freePort()]);
  const dynamo = await startDynamoDbLocal({ port: dynamoPort });
  services.push(dynamo);
  const ses = await startSesEmulator({ port: sesPort });
  services.push(ses);

  const tableName = 'engagement-test';
  const client = localDynamoClient(dynamo.endpoint);
  await ensureTable(client, tableName);
  client.destroy();

  Object.assign(process.env, {
    TABLE_NAME: tableName,
    AWS_REGION: 'eu-west-2',
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    SES_ENDPOINT: ses.endpoint,
    SENDER_ADDRESS: 'engagement@example.org',
    PUBLIC_BASE_URL: 'http://localhost:3000',
  });

  return async () => {
    for (const service of services.reverse()) await service.stop();
  };
}
