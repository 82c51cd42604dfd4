/**
 * The Koa application: HTTP wiring only. Middleware is composed, never nested;
 * features contribute routers.
 */
import Koa from 'koa';
import type Router from '@koa/router';
import type { Logger } from '../lib/logger.js';
import { errorHandler } from './middleware/errors.js';
import { requestLog } from './middleware/requestLog.js';

export interface AppOptions {
  readonly logger: Logger;
  readonly routers: readonly Router[];
  /** Behind a load balancer: trust X-Forwarded-* for ctx.ip and protocol. */
  readonly proxy?: boolean;
}

export function createApp(opts: AppOptions): Koa {
  const app = new Koa({ proxy: opts.proxy ?? false });
  // Errors are rendered by errorHandler; Koa's own handler only sees what escapes it (none).
  app.silent = true;
  app.on('error', (err: unknown) => opts.logger.error({ err }, 'unhandled koa error'));
  app.use(requestLog(opts.logger));
  app.use(errorHandler(opts.logger));
  app.use(async (ctx, next) => {
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('Referrer-Policy', 'no-referrer');
    await next();
  });
  for (const router of opts.routers) {
    app.use(router.routes());
    app.use(router.allowedMethods());
  }
  return app;
}
