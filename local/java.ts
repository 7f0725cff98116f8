/** DynamoDB Local is a Java program: check for Java 17+ before trying to start it. */
import { spawnSync } from 'node:child_process';

export const JAVA_INSTALL_HELP = [
  'DynamoDB Local needs Java 17 or newer, and `java` was not found (or is too old).',
  'Install it, then run the command again:',
  '  Debian/Ubuntu:  sudo apt-get install -y openjdk-17-jre-headless',
  '  macOS:          brew install openjdk@17',
  '  Windows:        winget install Microsoft.OpenJDK.17',
].join('\n');

/** The major version of `java` on the PATH, or undefined when there is none. */
export function javaMajorVersion(): number | undefined {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) return undefined;
  const match = `${result.stderr}${result.stdout}`.match(/version "(\d+)(?:\.(\d+))?/);
  if (!match) return undefined;
  const major = Number(match[1]);
  return major === 1 ? Number(match[2]) : major;
}

export function assertJava(): void {
  const major = javaMajorVersion();
  if (major === undefined || major < 17) throw new Error(JAVA_INSTALL_HELP);
}
