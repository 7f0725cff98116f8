/**
 * `npm run backfill:people`: gives items written before the people index existed their index keys
 * (people-backfill.ts: an operator's tool, in no Lambda's bundle). Run once by an operator after the deploy that adds the index, against the
 * table named by TABLE_NAME (with AWS credentials for it, or DYNAMODB_ENDPOINT for DynamoDB Local);
 * safe to run again. Not part of any request path.
 */
import { capabilities } from '../functions/capabilities.js';
import { backfillPersonIndex } from './people-backfill.js';
import { composePlatform } from '../functions/core/platform.js';

composePlatform(capabilities);
const counts = await backfillPersonIndex({ onPage: (c) => console.log(`scanned ${c.scanned}, indexed ${c.indexed}, notes' markers ${c.markers}`) });
console.log(`Done: ${counts.indexed} items given the people index's keys, ${counts.markers} notes' markers written, of ${counts.scanned} items.`);
