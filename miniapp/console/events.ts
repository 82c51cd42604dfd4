/**
 * Server-sent events for the console: every browser tab gets a `change` event
 * naming whose chat changed, and fetches that chat again. A comment line every
 * 20 s keeps proxies from closing an idle stream; `close()` ends every stream
 * so shutdown does not wait for open tabs.
 */
import { PassThrough } from 'node:stream';
import type { Context } from 'koa';

export class EventHub {
  private readonly clients = new Set<PassThrough>();
  private readonly heartbeat: NodeJS.Timeout;

  constructor(heartbeatMs = 20_000) {
    this.heartbeat = setInterval(() => this.write(': ping\n\n'), heartbeatMs);
    this.heartbeat.unref();
  }

  get size(): number {
    return this.clients.size;
  }

  /** Turns the request into an event stream. */
  open(ctx: Context, first: { readonly seq: number }): void {
    const stream = new PassThrough();
    ctx.req.socket.setTimeout(0);
    ctx.req.socket.setNoDelay(true);
    ctx.req.socket.setKeepAlive(true);
    ctx.set('Cache-Control', 'no-cache, no-transform');
    ctx.set('Connection', 'keep-alive');
    ctx.set('X-Accel-Buffering', 'no');
    ctx.type = 'text/event-stream; charset=utf-8';
    ctx.status = 200;
    ctx.body = stream;
    this.clients.add(stream);
    const drop = () => {
      this.clients.delete(stream);
      stream.end();
    };
    ctx.req.on('close', drop);
    stream.on('error', drop);
    stream.write(`retry: 2000\nevent: hello\ndata: ${JSON.stringify(first)}\n\n`);
  }

  send(event: string, data: unknown): void {
    this.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  close(): void {
    clearInterval(this.heartbeat);
    for (const c of this.clients) c.end();
    this.clients.clear();
  }

  private write(chunk: string): void {
    for (const c of this.clients) c.write(chunk);
  }
}
