/**
 * One log line per request with its duration; query strings are redacted
 * because WeCom and our own links carry signatures and codes in them.
 */
import type { Context, Next } from 'koa';
import { redactUrl, type Logger } from '../../lib/logger.js';

export function requestLog(logger: Logger) {
  return async function logRequest(ctx: Context, next: Next): Promise<void> {
    const started = performance.now();
    try {
      await next();
    } finally {
      const ms = Math.round((performance.now() - started) * 10) / 10;
      if (ctx.path !== '/healthz') {
        logger.debug({ method: ctx.method, url: redactUrl(ctx.url), status: ctx.status, ms }, 'http');
      }
    }
  };
}
