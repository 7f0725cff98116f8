/**
 * The W3C Nu HTML Checker (vnu.jar from the `vnu-jar` package, run with Java) over pages as the server
 * sent them. One Java start for many pages.
 *
 *   expect(await htmlProblems([{ name: 'home', html }])).toEqual([]);
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const vnuJar = join(dirname(createRequire(import.meta.url).resolve('vnu-jar/package.json')), 'build', 'dist', 'vnu.jar');

/** Every error and warning the checker reports, as "page: line N: message". */
export async function htmlProblems(pages: ReadonlyArray<{ name: string; html: string }>): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'vnu-'));
  try {
    const files = pages.map((page, i) => {
      const file = join(dir, `${String(i).padStart(3, '0')}.html`);
      writeFileSync(file, page.html);
      return { file, name: page.name };
    });
    const { stdout } = await run('java', ['-jar', vnuJar, '--format', 'json', '--stdout', ...files.map((f) => f.file)], { maxBuffer: 64 * 1024 * 1024 }).catch(
      (error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }),
    );
    const { messages } = JSON.parse(stdout) as { messages: Array<{ url: string; type: string; subType?: string; message: string; lastLine?: number }> };
    const nameOf = (url: string) => files.find((f) => url.endsWith(f.file))?.name ?? url;
    return messages
      .filter((m) => m.type === 'error' || m.subType === 'warning')
      .map((m) => `${nameOf(m.url)}: line ${m.lastLine ?? '?'}: ${m.type}${m.subType ? `/${m.subType}` : ''}: ${m.message}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
