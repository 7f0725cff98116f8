import { describe, expect, it } from 'vitest';
import { Lines, Paragraphs } from './choices.js';

const html = (node: unknown) => String(node);

describe('text people typed', () => {
  it('keeps blank-line paragraphs and single line breaks, typed on any system', () => {
    expect(html(<Paragraphs text={'First line\r\nsame paragraph\r\n\r\n  \r\nSecond paragraph\n\nThird'} />)).toBe(
      '<p class="govuk-body">First line<br/>same paragraph</p><p class="govuk-body">Second paragraph</p><p class="govuk-body">Third</p>',
    );
  });

  it('shows markup as text', () => {
    expect(html(<Paragraphs text={'<script>alert(1)</script>'} className="govuk-body-s" />)).toBe('<p class="govuk-body-s">&lt;script&gt;alert(1)&lt;/script&gt;</p>');
    expect(html(<Lines text={'1 High Street\n<b>Oakham</b>\n'} />)).toBe('1 High Street<br/>&lt;b&gt;Oakham&lt;/b&gt;');
  });
});
