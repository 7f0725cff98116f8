/** Ports for the local stand-ins: a free one for tests, and a clear message when a chosen one is taken. */
import { createServer } from 'node:net';

/** A port that is free right now on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** True when nothing listens on `port` on any interface (IPv4 or IPv6). */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', (error: NodeJS.ErrnoException) =>
      error.code === 'EADDRINUSE' || error.code === 'EACCES' ? resolve(false) : reject(error),
    );
    server.listen(port, () => server.close(() => resolve(true)));
  });
}

/** Throws a message naming the service and the environment variable that moves it. */
export async function assertPortFree(port: number, service: string, envVar: string): Promise<void> {
  if (await isPortFree(port)) return;
  throw new Error(
    [
      `Port ${port} is already in use, so ${service} cannot start there.`,
      `Stop whatever is using it (is \`npm start\` already running? \`lsof -i :${port}\` shows what is), or choose another port:`,
      `  ${envVar}=${port + 1} npm start`,
    ].join('\n'),
  );
}
