/**
 * `npm run reset`: empties the local database by deleting `.local/dynamodb`, so the next `npm start`
 * begins again with a new table and fresh demo data. Refuses while `npm start` is using it.
 * The sign-in key (`.local/issuer-keys.json`) is kept.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { relative } from 'node:path';
import { dynamoDbLocalProcessesUsing } from './dynamodb.js';
import { runningPlatform } from './running.js';
import { localSettings, repoRoot } from './settings.js';

const settings = localSettings();
const shown = relative(repoRoot, settings.dynamoDataDir) || settings.dynamoDataDir;

const running = runningPlatform(settings.runningFile);
const holders = dynamoDbLocalProcessesUsing(settings.dynamoDataDir);
if (running || holders.length) {
  console.error(
    running
      ? `\`npm start\` is running (process ${running.pid}) and using ${shown}. Stop it with Ctrl-C, then run \`npm run reset\` again.`
      : `DynamoDB Local (process ${holders.join(', ')}) is still using ${shown}. Stop it (kill ${holders.join(' ')}), then run \`npm run reset\` again.`,
  );
  process.exit(1);
}

if (!existsSync(settings.dynamoDataDir)) {
  console.log(`Nothing to reset: ${shown} does not exist.`);
} else {
  const files = readdirSync(settings.dynamoDataDir);
  rmSync(settings.dynamoDataDir, { recursive: true, force: true });
  console.log(`Deleted ${shown} (${files.length ? files.join(', ') : 'empty'}): the local database is empty.`);
}
console.log(
  existsSync(settings.issuerKeysFile)
    ? `Kept ${relative(repoRoot, settings.issuerKeysFile)}, so tokens already minted stay valid until they expire.`
    : 'There is no local sign-in key yet; `npm start` makes one.',
);
console.log('Run `npm start` to create the table and the demo data again.');
