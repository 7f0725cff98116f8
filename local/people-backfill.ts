/**
 * Gives items written before the people index existed their index keys (and notes their address
 * markers): a one-off job an operator runs once after the deploy that adds gsi3 (`npm run
 * backfill:people`, docs/runbook.md), never a request path. It Scans the table, because finding every
 * old item of a kind is exactly what no index can do; each item is found by its declared `itemType`
 * (functions/core/people/declaration.ts) and updated only if its index key is missing or not the one ADDRESS_KEY now gives
 * (after a rotation), so it is safe to run again, and alongside the live service (a new write carries
 * its keys already).
 */
import { ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { dynamo } from '../functions/core/store/dynamo.js';
import { unmarshal } from '../functions/core/store/items.js';
import { tableName } from '../functions/core/store/reads.js';
import { conditionalPut, conditionalUpdate, put, update } from '../functions/core/store/writes.js';
import { personalDeclarations } from '../functions/core/people/finding.js';
import { mentionMarkers, personIndex } from '../functions/core/people/index.js';

export interface BackfillCounts {
  scanned: number;
  indexed: number;
  markers: number;
}

/** One pass over the table (or one of `segments` parallel parts of it); resumable from `start`. */
export async function backfillPersonIndex(options: { segment?: number; segments?: number; onPage?: (counts: BackfillCounts, next?: Record<string, AttributeValue>) => void } = {}): Promise<BackfillCounts> {
  const kinds = personalDeclarations().flatMap((d) => d.personalData.records.map((r) => ({ capability: d.capability, declared: r })));
  const counts: BackfillCounts = { scanned: 0, indexed: 0, markers: 0 };
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await dynamo().send(
      new ScanCommand({
        TableName: tableName(),
        ...(options.segments ? { Segment: options.segment ?? 0, TotalSegments: options.segments } : {}),
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    for (const raw of page.Items ?? []) {
      counts.scanned++;
      const item = unmarshal(raw);
      for (const { capability, declared } of kinds.filter((k) => k.declared.itemType === item['type'])) {
        const id = String(item[declared.idAttribute] ?? '');
        if (!id) continue;
        const key = { pk: String(item['pk']), sk: String(item['sk']) };
        const expiresAt = typeof item['expiresAt'] === 'number' ? item['expiresAt'] : undefined;
        if (declared.marker) {
          const text = declared.fields.filter((f) => f.holds === 'mentions').map((f) => String(item[f.attribute] ?? '')).join('\n');
          const markers = mentionMarkers({ pk: key.pk, skPrefix: declared.marker.skPrefix, capability, kind: declared.kind, id, ...(expiresAt ? { expiresAt } : {}) }, undefined, text);
          for (const marker of markers.put) if ((await conditionalPut(put(marker, { condition: 'attribute_not_exists(pk)' }))).ok) counts.markers++;
          continue;
        }
        const addressField = declared.fields.find((f) => f.holds === 'address');
        const address = declared.skPrefixBeforeAddress ? key.sk.slice(declared.skPrefixBeforeAddress.length) : addressField ? String(item[addressField.attribute] ?? '') : '';
        const index = personIndex(address, capability, declared.kind, id);
        // Already right; or keyed under an earlier ADDRESS_KEY (a rotation: runbook), then re-keyed.
        if (!index.gsi3pk || item['gsi3pk'] === index.gsi3pk) continue;
        const was = item['gsi3pk'];
        const outcome = await conditionalUpdate(
          update(key, 'SET gsi3pk = :pk, gsi3sk = :sk', {
            values: { ':pk': index.gsi3pk, ':sk': index.gsi3sk, ...(was === undefined ? {} : { ':was': was }) },
            condition: `attribute_exists(pk) AND ${was === undefined ? 'attribute_not_exists(gsi3pk)' : 'gsi3pk = :was'}`,
          }),
        );
        if (outcome.ok) counts.indexed++;
      }
    }
    start = page.LastEvaluatedKey;
    options.onPage?.(counts, start);
  } while (start);
  return counts;
}
