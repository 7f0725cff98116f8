/**
 * A quarter's report as staff shape it: each figure's commentary, one item per saved version (who and
 * when), and its final versions, each the figures frozen as they stood (a JSON snapshot), so later
 * edits to records do not change a paper the Panel has seen. Every save is a put conditional on its
 * version not existing yet: two people saving at once cannot both win.
 */
import { values, unmarshal } from '../../core/store/items.js';
import { queryAll } from '../../core/store/reads.js';
import { transactWrite } from '../../core/store/transactions.js';
import { put } from '../../core/store/writes.js';
import { commentKey, reportPartition, versionKey } from './keys.js';

export interface Commentary {
  figureKey: string;
  version: number;
  text: string;
  by: string;
  at: string;
}

export interface FinalVersion {
  version: number;
  /** The report's figures as they stood (ReportData, ../building.ts), as JSON. */
  data: string;
  by: string;
  at: string;
  /** For a correction: what changed and why. */
  correction?: { figureKey: string; from: number | null; to: number | null; reason: string };
}

export interface StoredReport {
  /** Each figure's commentary versions, oldest first. */
  commentary: Map<string, Commentary[]>;
  /** Final versions, oldest first. */
  versions: FinalVersion[];
}

/** Everything staff saved for a quarter: one Query, its size set by their edits, never by records. */
export async function readStoredReport(quarterId: string): Promise<StoredReport> {
  const items = await queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: values({ ':pk': reportPartition(quarterId) }), ConsistentRead: true });
  const commentary = new Map<string, Commentary[]>();
  const versions: FinalVersion[] = [];
  for (const item of items) {
    const plain = unmarshal(item) as Record<string, unknown>;
    const sk = String(plain['sk']);
    if (sk.startsWith('COMMENT#')) {
      const c = plain as unknown as Commentary;
      const list = commentary.get(c.figureKey) ?? commentary.set(c.figureKey, []).get(c.figureKey)!;
      list.push({ figureKey: c.figureKey, version: c.version, text: c.text, by: c.by, at: c.at });
    } else if (sk.startsWith('VERSION#')) {
      const v = plain as unknown as FinalVersion;
      versions.push({ version: v.version, data: v.data, by: v.by, at: v.at, ...(v.correction ? { correction: v.correction } : {}) });
    }
  }
  return { commentary, versions };
}

/** False when that version was saved meanwhile (someone else saved first). */
export async function putCommentary(quarterId: string, c: Commentary): Promise<boolean> {
  const outcome = await transactWrite([{ name: 'comment', write: put({ ...commentKey(quarterId, c.figureKey, c.version), type: 'report-comment', quarterId, ...c }, { condition: 'attribute_not_exists(pk)' }) }]);
  return outcome.ok;
}

/** False when that version was made meanwhile. */
export async function putFinalVersion(quarterId: string, v: FinalVersion): Promise<boolean> {
  const outcome = await transactWrite([{ name: 'version', write: put({ ...versionKey(quarterId, v.version), type: 'report-version', quarterId, ...v }, { condition: 'attribute_not_exists(pk)' }) }]);
  return outcome.ok;
}
