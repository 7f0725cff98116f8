/**
 * The Word report read back as the Panel's secretariat's tools would: mammoth (which parses .docx)
 * for its headings, tables, words and images, and the package itself (a zip, read with JSZip) for the
 * SVG charts with their PNG fallbacks.
 */
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { beforeAll, describe, expect, it } from 'vitest';
import { figuresTable } from './figures.js';
import { exampleReport } from './fixtures.js';
import { svgToPng } from './png.js';
import { DOCX_CONTENT_TYPE, reportDocx } from './word.js';

const report = exampleReport({ hostile: true });
const trends = report.sections.flatMap((s) => s.trends);
let buffer: Buffer;
let html: string;
let rawText: string;
let zip: JSZip;

beforeAll(async () => {
  buffer = Buffer.from(await reportDocx(report));
  html = (await mammoth.convertToHtml({ buffer })).value;
  rawText = (await mammoth.extractRawText({ buffer })).value;
  zip = await JSZip.loadAsync(buffer);
}, 120_000);

const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
const tags = (tag: string) => [...html.matchAll(new RegExp(`<${tag}>(.*?)</${tag}>`, 'g'))].map((m) => decode(m[1]!.replace(/<[^>]+>/g, '')));

describe('the Word report', () => {
  it('is a Word document that parses without complaint', async () => {
    expect(buffer.subarray(0, 2).toString()).toBe('PK');
    expect(await zip.file('[Content_Types].xml')!.async('string')).toContain(`${DOCX_CONTENT_TYPE.replace('.document', '.document.main+xml')}`);
    expect((await mammoth.convertToHtml({ buffer })).messages).toEqual([]);
  });

  it('has the report’s title and period in its properties, for the Panel’s document library', async () => {
    const core = decode(await zip.file('docProps/core.xml')!.async('string'));
    expect(core).toContain(`<dc:title>${report.title}</dc:title>`);
    expect(core).toContain('<dc:subject>October to December 2026</dc:subject>');
  });

  it('has real headings: the title, each section and each chart', () => {
    expect(tags('h1')).toEqual([report.title]);
    expect(tags('h2')).toEqual(report.sections.map((s) => s.heading));
    expect(tags('h3')).toEqual(trends.map((t) => t.title));
  });

  it('holds every figure, each change and the commentary, as text (markup in names stays text)', () => {
    for (const row of figuresTable(report.sections[0]!.figures!.rows, report.headings).rows) {
      const line = row.cells.join('\n\n');
      expect(rawText).toContain(line);
    }
    expect(rawText).toContain('Complaints received <script>alert(1)</script> & "quotes"\n\n6\n\n14\n\n14\n\n-8 (-57.1%)\n\n-8 (-57.1%)');
    expect(rawText).toContain('Community remedies agreed\n\n6\n\n4\n\nNot available\n\n+2 (+50%)\n\nNot available');
    for (const p of [...report.summary, ...report.sections.flatMap((s) => s.commentary)]) expect(rawText).toContain(p);
  });

  it('puts the figures in tables whose header row repeats on each page', async () => {
    const tables = [...html.matchAll(/<table>(.*?)<\/table>/g)].map((m) => m[1]!);
    // One figures table, and a table behind each chart.
    expect(tables).toHaveLength(1 + trends.length);
    expect(tables.every((t) => t.startsWith('<thead>'))).toBe(true);
    expect(decode(tables[0]!.match(/<thead>(.*?)<\/thead>/)![1]!.replace(/<[^>]+>/g, '|'))).toContain(
      'Figure||||||October to December 2026||||||July to September 2026||||||October to December 2025||||||Change on previous quarter||||||Change on a year earlier',
    );
    const documentXml = await zip.file('word/document.xml')!.async('string');
    expect(documentXml.match(/<w:tblHeader\/>/g)).toHaveLength(1 + trends.length);
  });

  it('has each chart’s sentence, and the table behind each chart with its signals in words', () => {
    for (const t of trends) expect(rawText).toContain(t.chart.sentence);
    expect(rawText).toContain('October to December 2026\n\n6\n\n8\n\nBelow the lower limit; Fall larger than the range limit');
    expect(rawText).toContain('There are not enough quarters to judge yet: 4 of the 6 needed.');
  });

  it('has each chart as an SVG with a PNG fallback, described by its alt text', async () => {
    const media = Object.keys(zip.files).filter((name) => name.startsWith('word/media/')).sort();
    expect(media.filter((m) => m.endsWith('.svg'))).toHaveLength(trends.length);
    expect(media.filter((m) => m.endsWith('.png'))).toHaveLength(trends.length);
    for (const name of media) {
      const bytes = await zip.file(name)!.async('uint8array');
      if (name.endsWith('.png')) expect(Buffer.from(bytes.subarray(1, 4)).toString()).toBe('PNG');
      else expect(Buffer.from(bytes).toString()).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    }
    const svgs = await Promise.all(media.filter((m) => m.endsWith('.svg')).map((m) => zip.file(m)!.async('string')));
    // Each chart's own title, escaped in the SVG as in HTML.
    for (const t of trends) expect(svgs.some((s) => decode(s).includes(`<title id="${t.id}-title">${t.title}</title>`))).toBe(true);
    // Word draws the SVG (Office 2016 and later); mammoth, like older Word, reads the PNG beside it.
    const documentXml = await zip.file('word/document.xml')!.async('string');
    expect(documentXml.match(/<asvg:svgBlip /g)).toHaveLength(trends.length);
    const images = [...html.matchAll(/<img alt="([^"]*)" src="data:image\/png;base64,/g)].map((m) => decode(m[1]!));
    expect(images).toHaveLength(trends.length);
    expect(images[0]).toMatch(/^The latest figure, 6, is below the lower natural process limit \(8\.4\): a signal, not routine variation\. 12 quarters, January to March 2024 to October to December 2026\./);
  });

  it('can leave out the tables behind the charts', async () => {
    const slim = Buffer.from(await reportDocx(report, { trendTables: false, rasterise: (svg) => svgToPng(svg, { width: 300 }) }));
    expect((await mammoth.convertToHtml({ buffer: slim })).value.match(/<table>/g)).toHaveLength(1);
  }, 60_000);
});

describe('the PNG fallback', () => {
  it('draws the chart’s words in the shipped font (without it resvg leaves text out)', async () => {
    const text = (words: string) =>
      `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40" font-family="'Helvetica Neue', Helvetica, Arial, sans-serif"><text x="10" y="28" font-size="20">${words}</text></svg>`;
    const blank = await svgToPng(text(''));
    const words = await svgToPng(text('Oct to Dec 2026'));
    const other = await svgToPng(text('Jan to Mar 2027'));
    expect(Buffer.from(words).equals(Buffer.from(blank))).toBe(false);
    expect(Buffer.from(words).equals(Buffer.from(other))).toBe(false);
  });

  it('is as wide as asked, keeping the chart’s shape', async () => {
    const png = await svgToPng('<svg xmlns="http://www.w3.org/2000/svg" width="720" height="452" viewBox="0 0 720 452"><rect width="720" height="452" fill="#1d3a6e"/></svg>', { width: 360 });
    const view = new DataView(png.buffer, png.byteOffset);
    // The IHDR chunk: width and height as big-endian 32-bit numbers at bytes 16 and 20.
    expect([view.getUint32(16), view.getUint32(20)]).toEqual([360, 226]);
  });
});
