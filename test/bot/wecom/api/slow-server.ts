/**
 * A loopback stand-in for WeCom that can hold a request without answering.
 *
 * Timeouts are tested against a real socket instead of `nock(...).delay()`: on Node 20
 * a mocked fetch response that arrives after the request was aborted trips an internal
 * undici assertion (nock 15's interceptor targets Node ≥ 22). Loopback traffic is
 * allowed by test/setup.ts.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Behaviour = 'hang' | Readonly<Record<string, unknown>>;

export interface SlowServer {
  readonly base: string;
  /** Every request path+query received, in order. */
  readonly seen: string[];
  /** Queue behaviours for a path; when the queue is empty the path answers 404. */
  on(path: string, ...behaviours: Behaviour[]): void;
  close(): Promise<void>;
}

export async function slowServer(): Promise<SlowServer> {
  const queues = new Map<string, Behaviour[]>();
  const held: ServerResponse[] = [];
  const seen: string[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://x');
    seen.push(`${url.pathname}${url.search}`);
    req.resume();
    const next = queues.get(url.pathname)?.shift();
    if (next === undefined) {
      res.writeHead(404).end();
    } else if (next === 'hang') {
      held.push(res);
    } else {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(next));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    seen,
    on(path, ...behaviours) {
      queues.set(path, [...(queues.get(path) ?? []), ...behaviours]);
    },
    async close() {
      for (const res of held) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
