/**
 * Coverage of the programme, per district and overall: councils listed, invited (in the last 12
 * months), with an upcoming booking, seen in the last 12 months, never seen, and the share seen; and
 * the booking counters. Read from the council list (each council keeps its own "last invited", bookings
 * and surgeries attended) and the sharded counters: the cost follows the number of councils, never the
 * number of bookings ever made. Themes raised come from per-day, per-district summary items.
 */
import { councilAreaName, councilAreas } from '../core/council-areas.js';
import { themeLabel, themes as platformThemes, type ThemeId } from '../core/themes.js';
import { addLondonMonths } from '../core/time.js';
import type { CsvCell } from '../core/ui/csv.js';
import { activeUpcoming, type Council } from './model.js';
import { districtCounters, themeDays } from './store/figures.js';
import { allCouncils } from './store/councils.js';

export interface CoverageRow {
  districtCode: string;
  districtName: string;
  councils: number;
  invited: number;
  booked: number;
  seen: number;
  neverSeen: number;
  /** Seen in the last 12 months ÷ councils listed, or null when none are listed. */
  shareSeen: number | null;
  bookings: { confirmed: number; cancelled: number; attended: number; noShow: number };
}

function row(districtCode: string, districtName: string, councils: Council[], counters: Record<string, number>, now: Date): CoverageRow {
  const yearAgo = addLondonMonths(now.toISOString(), -12);
  const nowIso = now.toISOString();
  const seenSince = (c: Council) => Object.values(c.seen).some((at) => at >= yearAgo && at <= nowIso);
  const seen = councils.filter(seenSince).length;
  return {
    districtCode,
    districtName,
    councils: councils.length,
    invited: councils.filter((c) => c.lastInvitedAt !== undefined && c.lastInvitedAt >= yearAgo).length,
    booked: councils.filter((c) => activeUpcoming(c, now).length > 0).length,
    seen,
    neverSeen: councils.filter((c) => Object.keys(c.seen).length === 0).length,
    shareSeen: councils.length ? seen / councils.length : null,
    bookings: { confirmed: counters['confirmed'] ?? 0, cancelled: counters['cancelled'] ?? 0, attended: counters['attended'] ?? 0, noShow: counters['noShow'] ?? 0 },
  };
}

export async function coverage(now: Date = new Date()): Promise<{ districts: CoverageRow[]; overall: CoverageRow }> {
  const codes = councilAreas.map((a) => a.code);
  const [councils, counters] = await Promise.all([allCouncils(), districtCounters(codes)]);
  const active = councils.filter((c) => c.status === 'active');
  const districts = codes
    .map((code) => row(code, councilAreaName(code), active.filter((c) => c.districtCode === code), counters.get(code) ?? {}, now))
    .filter((r) => r.councils > 0 || Object.values(r.bookings).some((n) => n > 0));
  const sum: Record<string, number> = {};
  for (const c of counters.values()) for (const [k, v] of Object.entries(c)) sum[k] = (sum[k] ?? 0) + v;
  return { districts, overall: row('all', 'All districts', active, sum, now) };
}

export interface ThemesRow {
  districtCode: string;
  districtName: string;
  surgeries: number;
  attended: number;
  noShow: number;
  themes: Partial<Record<ThemeId, number>>;
}

/** Themes raised per district on surgery days in [fromDay, toDay] (London days, inclusive). */
export async function themesByDistrict(fromDay: string, toDay: string): Promise<{ rows: ThemesRow[]; total: ThemesRow; themes: Array<{ id: ThemeId; label: string }> }> {
  const days = await themeDays(fromDay, toDay);
  const rows = new Map<string, ThemesRow>();
  const empty = (districtCode: string, districtName: string): ThemesRow => ({ districtCode, districtName, surgeries: 0, attended: 0, noShow: 0, themes: {} });
  const total = empty('all', 'All districts');
  for (const d of days) {
    const r = rows.get(d.districtCode) ?? empty(d.districtCode, councilAreaName(d.districtCode));
    rows.set(d.districtCode, r);
    for (const target of [r, total]) {
      target.surgeries += 1;
      target.attended += d.attended;
      target.noShow += d.noShow;
      for (const [id, n] of Object.entries(d.themes) as Array<[ThemeId, number]>) target.themes[id] = (target.themes[id] ?? 0) + n;
    }
  }
  const raised = platformThemes.filter((t) => (total.themes[t.id] ?? 0) > 0).map((t) => ({ id: t.id as ThemeId, label: themeLabel(t.id) }));
  return { rows: [...rows.values()].sort((a, b) => a.districtName.localeCompare(b.districtName)), total, themes: raised };
}

/** The themes report as spreadsheet rows. */
export function themesCsv(report: Awaited<ReturnType<typeof themesByDistrict>>): CsvCell[][] {
  return [
    ['District', 'Surgery days', 'Attended', 'Did not attend', ...report.themes.map((t) => t.label)],
    ...[...report.rows, report.total].map((r) => [r.districtName, r.surgeries, r.attended, r.noShow, ...report.themes.map((t) => r.themes[t.id] ?? 0)]),
  ];
}
