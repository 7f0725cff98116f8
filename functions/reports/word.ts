/**
 * The report as a Word document (.docx) for the Police and Crime Panel's papers, built with the
 * `docx` library: real headings (so Word's navigation pane and a screen reader find them), tables
 * with header rows that repeat across pages, and each chart as an SVG image with a PNG beside it for
 * Word versions that cannot draw SVG, with the chart's description as its alt text.
 *
 *   const bytes = await reportDocx(report);
 *   return c.body(bytes, 200, { 'content-type': DOCX_CONTENT_TYPE, 'content-disposition': 'attachment; filename="report-2026-27-Q3.docx"' });
 */
import { AlignmentType, Document, HeadingLevel, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { chartDescription, CHART_HEIGHT, CHART_WIDTH, xmrSvgMarkup } from './chart.js';
import { figuresTable } from './figures.js';
import { formatNumber } from './format.js';
import { svgToPng } from './png.js';
import type { Report, ReportTrend } from './report.js';
import { describeSignal } from './xmr.js';

export const DOCX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** A chart's width on the page in pixels at 96 to the inch: A4 with one-inch margins leaves 6.27 inches. */
const IMAGE_WIDTH = 600;
/** The PNG fallback at one and a half times that (144 dots to the inch): sharp enough to print, and a third of the time 2× takes to draw. */
const PNG_WIDTH = IMAGE_WIDTH * 1.5;

export interface WordOptions {
  /** SVG → PNG bytes for the fallback image; resvg (./png.ts) unless given. */
  rasterise?: (svg: string) => Promise<Uint8Array>;
  /** Each chart's table of figures after it (on unless turned off). */
  trendTables?: boolean;
}

const text = (value: string, options: { bold?: boolean; small?: boolean } = {}) => new TextRun({ text: value, bold: options.bold, size: options.small ? 20 : undefined });
const paragraph = (value: string) => new Paragraph({ children: [text(value)], spacing: { after: 160 } });
const heading = (value: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]) => new Paragraph({ heading: level, children: [text(value)], keepNext: true });

/** The width between A4's one-inch margins, in twentieths of a point. */
const TEXT_WIDTH = 11906 - 2 * 1440;

/**
 * A table with a header row Word repeats on each page, in 10-point text so six columns fit. `columns` gives each column's share of the
 * width (names need more room than numbers) and whether it holds numbers, which are right-aligned.
 */
function table(head: string[], rows: string[][], columns: Array<{ share: number; numeric?: boolean }>): Table {
  const total = columns.reduce((sum, c) => sum + c.share, 0);
  const widths = columns.map((c) => Math.floor((TEXT_WIDTH * c.share) / total));
  const cell = (value: string, column: number, isHead: boolean) =>
    new TableCell({
      width: { size: widths[column]!, type: WidthType.DXA },
      children: [new Paragraph({ alignment: columns[column]?.numeric ? AlignmentType.RIGHT : AlignmentType.LEFT, children: [text(value, { bold: isHead || column === 0, small: true })] })],
      margins: { top: 60, bottom: 60, left: 100, right: 100 },
    });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: head.map((h, i) => cell(h, i, true)) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((v, i) => cell(v, i, false)) })),
    ],
  });
}

/** A short label before a table, as the page's caption. */
const caption = (value: string) => new Paragraph({ children: [text(value, { bold: true })], keepNext: true, spacing: { before: 240, after: 120 } });

async function trendParts(trend: ReportTrend, rasterise: (svg: string) => Promise<Uint8Array>, withTable: boolean) {
  const svg = xmrSvgMarkup(trend.chart, { id: trend.id, title: trend.title });
  const png = await rasterise(svg);
  const f = (v: number) => formatNumber(v, trend.chart.decimals);
  const image = new ImageRun({
    type: 'svg',
    data: new TextEncoder().encode(svg),
    fallback: { type: 'png', data: png },
    transformation: { width: IMAGE_WIDTH, height: Math.round((IMAGE_WIDTH * CHART_HEIGHT) / CHART_WIDTH) },
    altText: { name: trend.id, title: trend.title, description: chartDescription(trend.chart) },
  });
  const parts: Array<Paragraph | Table> = [
    heading(trend.title, HeadingLevel.HEADING_3),
    new Paragraph({ children: [text(trend.chart.sentence)], keepNext: true, spacing: { after: 120 } }),
    new Paragraph({ children: [image], keepNext: withTable, spacing: { after: 160 } }),
  ];
  if (withTable) {
    parts.push(
      caption(`${trend.title}: the figures behind the chart`),
      table(
        ['Period', trend.valueHeading, 'Moving range', 'Signal'],
        trend.chart.points.map((p) => [p.label, f(p.value), p.movingRange === undefined ? '' : f(p.movingRange), p.signals.length ? p.signals.map(describeSignal).join('; ') : 'None']),
        [{ share: 3 }, { share: 1.5, numeric: true }, { share: 1.5, numeric: true }, { share: 3 }],
      ),
    );
  }
  return parts;
}

/** The whole report as .docx bytes. */
export async function reportDocx(report: Report, options: WordOptions = {}): Promise<Uint8Array> {
  const rasterise = options.rasterise ?? ((svg: string) => svgToPng(svg, { width: PNG_WIDTH }));
  const withTables = options.trendTables ?? true;
  const children: Array<Paragraph | Table> = [
    new Paragraph({ children: [text(report.organisation)], spacing: { after: 120 } }),
    heading(report.title, HeadingLevel.HEADING_1),
    new Paragraph({ children: [text(report.periodLabel, { bold: true })], spacing: { after: 240 } }),
    ...report.summary.map(paragraph),
  ];
  for (const section of report.sections) {
    children.push(heading(section.heading, HeadingLevel.HEADING_2), ...section.commentary.map(paragraph));
    if (section.figures) {
      const figures = figuresTable(section.figures.rows, report.headings);
      children.push(caption(section.figures.caption), table(figures.head, figures.rows.map((r) => r.cells), [{ share: 2.2 }, ...Array.from({ length: 5 }, () => ({ share: 1.2, numeric: true }))]));
    }
    for (const trend of section.trends) children.push(...(await trendParts(trend, rasterise, withTables)));
  }
  const document = new Document({
    title: report.title,
    subject: report.periodLabel,
    creator: report.organisation,
    description: `${report.title}, ${report.periodLabel}`,
    styles: {
      default: {
        document: { run: { font: 'Arial', size: 24, language: { value: 'en-GB' } } },
        heading1: { run: { font: 'Arial', size: 40, bold: true, color: '0B0C0C' }, paragraph: { spacing: { after: 240 } } },
        heading2: { run: { font: 'Arial', size: 32, bold: true, color: '0B0C0C' }, paragraph: { spacing: { before: 360, after: 160 } } },
        heading3: { run: { font: 'Arial', size: 26, bold: true, color: '0B0C0C' }, paragraph: { spacing: { before: 240, after: 120 } } },
      },
    },
    sections: [{ children }],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}
