/**
 * `GET /healthz` → `{status, db}` plus the scheduler's last runs. 200 while the
 * database answers, 503 otherwise, so a load balancer can take the instance out.
 */
import Router from '@koa/router';

export interface HealthSources {
  ping(): Promise<boolean>;
  mode: 'demo' | 'wecom';
  scheduler?: () => Promise<unknown>;
}

export function healthRoutes(src: HealthSources): Router {
  const router = new Router();
  const startedAt = Date.now();
  router.get('/healthz', async (ctx) => {
    const dbUp = await src.ping();
    ctx.status = dbUp ? 200 : 503;
    ctx.set('Cache-Control', 'no-store');
    ctx.body = {
      status: dbUp ? 'ok' : 'degraded',
      db: dbUp ? 'up' : 'down',
      mode: src.mode,
      uptimeSec: Math.round((Date.now() - startedAt) / 1000),
      ...(src.scheduler ? { scheduler: await src.scheduler().catch(() => 'unavailable') } : {}),
    };
  });
  return router;
}
