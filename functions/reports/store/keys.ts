/**
 * Where the reports capability keeps its items (table design: functions/core/store/table-design.md).
 *
 *   REPORT#<quarter> / COMMENT#<figure key>#<version 0000>   a figure's commentary, one item per saved version
 *   REPORT#<quarter> / VERSION#<version 0000>                 a final version: the figures frozen as marked, with any correction
 *   REPORTLOG#<id> / INVITATION | ENGAGEMENT                  an invitation received, an engagement logged
 *     gsi1 REPORTLOGS#INVITATION | REPORTLOGS#ENGAGEMENT / <day>#<id>
 */
import type { Key } from '../../core/store/items.js';
import { keyPrefixes } from '../../core/store/keys.js';

export const CAPABILITY = 'reports';

export const reportKeys = keyPrefixes(CAPABILITY, { report: 'REPORT#', logEntry: 'REPORTLOG#', logs: 'REPORTLOGS#' });

export const reportPartition = (quarterId: string) => `${reportKeys.report}${quarterId}`;
const pad = (n: number) => String(n).padStart(4, '0');
export const commentKey = (quarterId: string, figureKey: string, version: number): Key => ({ pk: reportPartition(quarterId), sk: `COMMENT#${figureKey}#${pad(version)}` });
export const versionKey = (quarterId: string, version: number): Key => ({ pk: reportPartition(quarterId), sk: `VERSION#${pad(version)}` });

export type LogKind = 'INVITATION' | 'ENGAGEMENT';
export const logEntryKey = (kind: LogKind, id: string): Key => ({ pk: `${reportKeys.logEntry}${id}`, sk: kind });
export const logIndex = (kind: LogKind, day: string, id: string) => ({ gsi1pk: `${reportKeys.logs}${kind}`, gsi1sk: `${day}#${id}` });
