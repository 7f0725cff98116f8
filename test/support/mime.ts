/**
 * Reads the shape of a raw MIME message for assertions: the content type of each part, nested, with
 * its parameters and disposition. Test-only; mailparser decodes the content itself.
 */
export interface MimePart {
  type: string;
  params: Record<string, string>;
  disposition?: string;
  filename?: string;
  parts: MimePart[];
}

function headerBlock(raw: string): { headers: Map<string, string>; body: string } {
  const split = raw.search(/\r?\n\r?\n/);
  const head = split === -1 ? raw : raw.slice(0, split);
  const body = split === -1 ? '' : raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function parameters(value: string): { main: string; params: Record<string, string> } {
  const [main, ...rest] = value.split(';');
  const params: Record<string, string> = {};
  for (const p of rest) {
    const eq = p.indexOf('=');
    if (eq > 0) params[p.slice(0, eq).trim().toLowerCase()] = p.slice(eq + 1).trim().replace(/^"|"$/g, '');
  }
  return { main: (main ?? '').trim().toLowerCase(), params };
}

export function mimeTree(raw: string | Buffer): MimePart {
  const { headers, body } = headerBlock(raw.toString());
  const { main: type, params } = parameters(headers.get('content-type') ?? 'text/plain');
  const disposition = headers.get('content-disposition');
  const d = disposition ? parameters(disposition) : undefined;
  const part: MimePart = { type, params, parts: [], ...(d ? { disposition: d.main, filename: d.params['filename'] } : {}) };
  if (type.startsWith('multipart/') && params['boundary']) {
    const boundary = `--${params['boundary']}`;
    const sections = body.split(boundary).slice(1);
    for (const section of sections) {
      if (section.startsWith('--')) break;
      part.parts.push(mimeTree(section.replace(/^\r?\n/, '')));
    }
  }
  return part;
}

/** `multipart/mixed(multipart/alternative(text/plain,text/html,text/calendar),text/calendar[meeting.ics])` */
export function describeMime(part: MimePart): string {
  const label = part.filename ? `${part.type}[${part.filename}]` : part.type;
  return part.parts.length ? `${label}(${part.parts.map(describeMime).join(',')})` : label;
}
