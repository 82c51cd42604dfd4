/**
 * Graceful shutdown. On SIGTERM/SIGINT: stop accepting requests, let in-flight
 * work finish, stop cron and workers, then flush and close the store — in the
 * reverse order things were started. A second signal exits at once.
 */
import type { Server } from 'node:http';
import type { Logger } from '../lib/logger.js';

export type Stopper = { readonly name: string; stop(): Promise<void> };

export class Lifecycle {
  private readonly stoppers: Stopper[] = [];
  private stopping: Promise<void> | undefined;

  constructor(private readonly logger: Logger, private readonly graceMs = 15_000) {}

  /** Registers something to stop; stopped in reverse order of registration. */
  add(stopper: Stopper): void {
    this.stoppers.push(stopper);
  }

  /** An HTTP server stops taking new connections, then waits for open requests. */
  addServer(server: Server): void {
    this.add({
      name: 'http',
      stop: () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
          setTimeout(() => server.closeAllConnections(), this.graceMs).unref();
        }),
    });
  }

  stop(): Promise<void> {
    this.stopping ??= (async () => {
      for (const s of [...this.stoppers].reverse()) {
        const started = Date.now();
        try {
          await s.stop();
          this.logger.info({ component: s.name, ms: Date.now() - started }, 'stopped');
        } catch (err) {
          this.logger.error({ err, component: s.name }, 'stop failed');
        }
      }
    })();
    return this.stopping;
  }

  /**
   * What a signal does: the first starts a graceful stop and exits 0 when it
   * is done; any later one exits 1 at once. `exit` is injectable for tests.
   */
  signalHandler(exit: (code: number) => void = (c) => process.exit(c)): (sig: NodeJS.Signals) => void {
    let signals = 0;
    return (sig) => {
      signals += 1;
      if (signals > 1) {
        this.logger.warn({ sig }, 'second signal: exiting now');
        exit(1);
        return;
      }
      this.logger.info({ sig }, 'shutting down');
      void this.stop().then(() => exit(0));
    };
  }

  /** Installs the handler for SIGTERM and SIGINT. */
  handleSignals(exit?: (code: number) => void): void {
    const onSignal = this.signalHandler(exit);
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  }
}
