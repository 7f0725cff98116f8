/**
 * A TCP relay in front of a local stand-in that a test can cut off as a crash would look from outside:
 * every open connection reset (requests in flight fail) and new ones refused, until it is restored.
 * The stand-in behind it keeps running, so it keeps everything it acknowledged (see the DynamoDB
 * outage test for why that matters with DynamoDB Local).
 *
 *   const relay = await startRelay(dynamoPort);   // point the client at relay.endpoint
 *   relay.cut();                                  // the outage
 *   await relay.restore();                        // back, on the same endpoint
 */
import { connect, createServer, type Server, type Socket } from 'node:net';
import { freePort } from '../../local/ports.js';

export interface Relay {
  endpoint: string;
  cut(): void;
  restore(): Promise<void>;
  stop(): Promise<void>;
}

export async function startRelay(targetPort: number): Promise<Relay> {
  const port = await freePort();
  const open = new Set<Socket>();
  let server: Server | undefined;

  const relay = (caller: Socket) => {
    const service = connect(targetPort, '127.0.0.1');
    const pair = [caller, service];
    for (const socket of pair) {
      open.add(socket);
      socket.on('error', () => pair.forEach((s) => s.destroy()));
      socket.on('close', () => {
        open.delete(socket);
        pair.forEach((s) => s.destroy());
      });
    }
    caller.pipe(service).pipe(caller);
  };
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server = createServer(relay);
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
  const cut = () => {
    server?.close();
    server = undefined;
    // A reset (RST), as when the process at the other end dies, not a polite end of the stream.
    for (const socket of open) socket.resetAndDestroy();
    open.clear();
  };

  await listen();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    cut,
    restore: listen,
    stop: async () => cut(),
  };
}
