/**
 * The quarterly report as staff work on it: read as it stands (live from the counters, or frozen once
 * final), a commentary per figure saved as a new version each time, marked final (the figures and
 * commentary frozen as they were), and corrected after that only by making a new version that says
 * what changed and why.
 *
 *   const report = await reportFor(quarterById('2026-27-Q3'));
 *   await saveCommentary(q, { figureKey: 'meetings.public-meetings', text: '...', seenVersion: 0 }, { by: 'A. Officer' });
 *   await markFinal(q, { by: 'A. Officer' });
 */
import { Refusal, invalidField } from '../core/refusal.js';
import type { Quarter } from '../core/periods.js';
import { quarterData, type ReportData, type ReportFigure } from './building.js';
import { putCommentary, putFinalVersion, readStoredReport, type Commentary, type FinalVersion } from './store/reports.js';

/** What a final version holds: the figures and the commentary as they were when it was made. */
interface Frozen {
  data: ReportData;
  commentary: Record<string, Commentary>;
}

export interface QuarterReport {
  quarter: Quarter;
  data: ReportData;
  /** Each figure's latest commentary (frozen with the figures once final). */
  commentary: Record<string, Commentary>;
  /** Each figure's commentary versions, oldest first, for the history. */
  history: Map<string, Commentary[]>;
  /** The latest final version, if it has been marked final. */
  final?: FinalVersion;
  versions: FinalVersion[];
}

const latestOf = (history: Map<string, Commentary[]>) =>
  Object.fromEntries([...history].map(([key, list]) => [key, list.reduce((a, b) => (b.version > a.version ? b : a))]));

export async function reportFor(q: Quarter): Promise<QuarterReport> {
  const stored = await readStoredReport(q.id);
  const final = stored.versions.at(-1);
  if (final) {
    const frozen = JSON.parse(final.data) as Frozen;
    return { quarter: q, data: frozen.data, commentary: frozen.commentary, history: stored.commentary, final, versions: stored.versions };
  }
  return { quarter: q, data: await quarterData(q), commentary: latestOf(stored.commentary), history: stored.commentary, versions: stored.versions };
}

export const figuresOf = (data: ReportData): ReportFigure[] => data.sections.flatMap((s) => s.figures);

const isFinal = () => new Refusal('report_final', 'This report is final: correct it to make a new version', { kind: 'conflict' });
const changedMeanwhile = () => new Refusal('report_changed', 'Someone else saved this meanwhile: read it again and make your change again', { kind: 'conflict' });

export async function saveCommentary(q: Quarter, input: { figureKey: string; text: string; seenVersion: number }, context: { by: string; now?: Date }): Promise<Commentary> {
  const report = await reportFor(q);
  if (report.final) throw isFinal();
  if (!figuresOf(report.data).some((f) => f.key === input.figureKey)) throw invalidField('figure', 'Choose a figure of this report');
  const latest = report.commentary[input.figureKey]?.version ?? 0;
  if (latest !== input.seenVersion) throw changedMeanwhile();
  const c: Commentary = { figureKey: input.figureKey, version: latest + 1, text: input.text, by: context.by, at: (context.now ?? new Date()).toISOString() };
  if (!(await putCommentary(q.id, c))) throw changedMeanwhile();
  return c;
}

export async function markFinal(q: Quarter, context: { by: string; now?: Date }): Promise<FinalVersion> {
  const report = await reportFor(q);
  if (report.final) throw isFinal();
  const frozen: Frozen = { data: report.data, commentary: report.commentary };
  const version: FinalVersion = { version: 1, data: JSON.stringify(frozen), by: context.by, at: (context.now ?? new Date()).toISOString() };
  if (!(await putFinalVersion(q.id, version))) throw changedMeanwhile();
  return version;
}

export interface Correction {
  figureKey: string;
  /** The corrected figure; null to leave it and correct only the commentary. */
  value: number | null;
  commentary?: string;
  reason: string;
  /** The version the person corrected. */
  seenVersion: number;
}

/** A new final version with one figure (and its commentary) corrected, saying why. */
export async function correctReport(q: Quarter, input: Correction, context: { by: string; now?: Date }): Promise<FinalVersion> {
  const report = await reportFor(q);
  if (!report.final) throw new Refusal('report_not_final', 'Only a final report is corrected: until then, figures come from the records', { kind: 'conflict' });
  if (report.final.version !== input.seenVersion) throw changedMeanwhile();
  const figure = figuresOf(report.data).find((f) => f.key === input.figureKey);
  if (!figure) throw invalidField('figure', 'Choose a figure of this report');
  const at = (context.now ?? new Date()).toISOString();
  const value = input.value ?? figure.current;
  const data: ReportData = {
    ...report.data,
    sections: report.data.sections.map((s) => ({
      ...s,
      figures: s.figures.map((f) =>
        f.key !== figure.key ? f : { ...f, current: value, trend: f.trend.map((p) => (p.quarterId === q.id ? { ...p, value } : p)) },
      ),
    })),
  };
  const commentary = { ...report.commentary };
  if (input.commentary !== undefined) {
    const before = commentary[figure.key]?.version ?? 0;
    commentary[figure.key] = { figureKey: figure.key, version: before + 1, text: input.commentary, by: context.by, at };
  }
  const version: FinalVersion = {
    version: report.final.version + 1,
    data: JSON.stringify({ data, commentary } satisfies Frozen),
    by: context.by,
    at,
    correction: { figureKey: figure.key, from: figure.current, to: value, reason: input.reason },
  };
  if (!(await putFinalVersion(q.id, version))) throw changedMeanwhile();
  return version;
}
