/**
 * The built stylesheet carries the organisation's branding, not GOV.UK's: no GDS Transport font (which
 * only GOV.UK may use) and the organisation's brand colour, as the layout's theme colour also says.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BRAND_COLOUR } from '../../functions/core/ui/layout.js';
import { buildWeb, distDir } from '../../web/build.js';

let css: string;

beforeAll(async () => {
  await buildWeb();
  css = await readFile(join(distDir, 'app.css'), 'utf8');
});

describe('the compiled stylesheet', () => {
  it('uses no GOV.UK font', () => {
    expect(css).not.toMatch(/GDS Transport/i);
    expect(css).not.toMatch(/@font-face/);
    expect(css).toContain('font-family:"Helvetica Neue",Helvetica,Arial,sans-serif');
  });

  it('uses the organisation’s brand colour', () => {
    expect(css.toLowerCase()).toContain(BRAND_COLOUR.toLowerCase());
  });

  it('refers only to images that the build ships, and to no crown', async () => {
    const urls = [...css.matchAll(/url\(["']?([^)"']+)["']?\)/g)].map((m) => m[1]!);
    // GOV.UK's crest is referenced only by the footer's crown copyright logo, which the layout never uses.
    expect(urls.filter((u) => !u.endsWith('govuk-crest.svg'))).toEqual([]);
    expect(css).not.toMatch(/govuk-header__logotype\{/);
  });
});
