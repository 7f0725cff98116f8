/**
 * `npm run backfill:figures -- <quarter id> [--force]`: recounts a quarter's figures from the records
 * (figures-backfill.ts: an operator's tool, in no Lambda's bundle), against the table named by
 * TABLE_NAME (with AWS credentials for it, or DYNAMODB_ENDPOINT for DynamoDB Local); safe to run again.
 */
import { capabilities } from '../functions/capabilities.js';
import { composePlatform } from '../functions/core/platform.js';
import { recountQuarter } from './figures-backfill.js';

const [quarterId, ...flags] = process.argv.slice(2);
if (!quarterId) {
  console.error('Say which quarter: npm run backfill:figures -- 2026-27-Q3 [--force]');
  process.exit(2);
}
composePlatform(capabilities);
const recount = await recountQuarter(quarterId, { force: flags.includes('--force') });
for (const [capability, counts] of Object.entries(recount.counters)) console.log(`${capability}: ${Object.keys(counts).length} counters`);
console.log(`Done: ${recount.quarterId} recounted from ${recount.scanned} items; the councils ledger rebuilt with ${recount.councils} councils.`);
