/** The email parts every capability builds from: several lines of a value stay together in both parts. */
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { composeEmail } from './email.js';
import { facts, layout, typed } from './email-layout.js';

const address = 'Kegworth Village Hall\r\nNottingham Road\r\nKegworth DE74 2FH';

describe('facts with a value of several lines', () => {
  const part = facts([
    ['When', 'Thursday 3 December 2026, 7pm'],
    ['Where', address],
    ['Access', 'Ramp at the side\nHearing loop'],
  ]);

  it('keeps an address typed with CRLF on its own lines in the text part, each further line indented under the first', () => {
    expect(part.text).toBe(
      [
        'When: Thursday 3 December 2026, 7pm',
        'Where: Kegworth Village Hall',
        '       Nottingham Road',
        '       Kegworth DE74 2FH',
        'Access: Ramp at the side',
        '        Hearing loop',
      ].join('\n'),
    );
    expect(part.text).not.toContain('\r');
  });

  it('puts the lines in one cell in HTML, separated by <br>', () => {
    expect(part.html.value).toContain('<td style="padding:4px 0">Kegworth Village Hall<br>Nottingham Road<br>Kegworth DE74 2FH</td>');
  });

  it('indents by a little when the label is long (a question)', () => {
    const answer = facts([['What would make you feel safer where you live?', 'More patrols\r\nBetter lighting']]);
    expect(answer.text).toBe('What would make you feel safer where you live?: More patrols\n    Better lighting');
  });

  it('arrives that way in the sent message', async () => {
    const email = layout('Your place', 'Ann', [part]);
    const parsed = await simpleParser(await composeEmail({ to: 'ann@example.org', ...email }));
    expect(parsed.text).toContain('Where: Kegworth Village Hall\n       Nottingham Road\n       Kegworth DE74 2FH\n');
  });
});

describe('text a person typed', () => {
  it('keeps its paragraphs and lines in both parts, whatever the line endings', () => {
    const part = typed('The hall is flooded.\r\n\r\nWe will find\r\nanother <date>.');
    expect(part.text).toBe('The hall is flooded.\n\nWe will find\nanother <date>.');
    expect(part.html.value).toBe('<p style="margin:0 0 16px">The hall is flooded.</p><p style="margin:0 0 16px">We will find<br>another &lt;date&gt;.</p>');
  });
});
