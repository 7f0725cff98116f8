import { describe, expect, it } from 'vitest';
import { escapeHtml, html } from './html.js';

describe('the html tag', () => {
  it('escapes interpolated values unless they are html themselves', () => {
    expect(html`<p>${'<b>&"\''}</p>`.value).toBe('<p>&lt;b&gt;&amp;&quot;&#39;</p>');
    expect(html`<div>${html`<br>`}${['<', html`<i>`]}</div>`.value).toBe('<div><br>&lt;<i></div>');
    expect(escapeHtml('a & b')).toBe('a &amp; b');
  });
});
