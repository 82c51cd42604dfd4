/**
 * The one place errors become responses (koa style: throw with a status, handle
 * here). Client errors keep their message; anything else is a 500 with a
 * generic Chinese message and the details only in the log.
 */
import type { Context, Next } from 'koa';
import type { Logger } from '../../lib/logger.js';
import { escapeHtml } from '../../lib/html.js';

interface HttpLikeError { status?: unknown; statusCode?: unknown; expose?: unknown; message?: unknown }

export function statusOf(err: unknown): number {
  const e = err as HttpLikeError;
  const s = typeof e?.status === 'number' ? e.status : typeof e?.statusCode === 'number' ? e.statusCode : 500;
  return s >= 400 && s <= 599 ? s : 500;
}

export function errorHandler(logger: Logger) {
  return async function handleErrors(ctx: Context, next: Next): Promise<void> {
    try {
      await next();
    } catch (err) {
      const status = statusOf(err);
      const exposed = status < 500 && typeof (err as HttpLikeError).message === 'string';
      const message = exposed ? String((err as HttpLikeError).message) : '服务暂时不可用，请稍后再试';
      if (status >= 500) logger.error({ err, path: ctx.path, method: ctx.method }, 'request failed');
      else logger.info({ status, path: ctx.path, method: ctx.method, reason: message }, 'request refused');
      ctx.status = status;
      if (ctx.accepts(['json', 'html', 'text']) === 'json' || ctx.path.startsWith('/api/')) {
        ctx.body = { error: message };
      } else if (ctx.accepts(['html', 'text']) === 'html') {
        ctx.type = 'html';
        ctx.body = errorPage(status, message);
      } else {
        ctx.type = 'text';
        ctx.body = message;
      }
    }
  };
}

/** A plain, readable error page for people who opened a link on a phone. */
export function errorPage(status: number, message: string): string {
  const title = status === 403 ? '没有权限' : status === 404 ? '页面不存在' : status === 410 ? '链接已失效' : status >= 500 ? '出错了' : '无法打开';
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title}</title><style>body{font-family:-apple-system,"PingFang SC","Noto Sans SC",sans-serif;margin:0;padding:48px 24px;color:#1f2329;background:#f5f6f7}
main{max-width:420px;margin:auto;background:#fff;border-radius:12px;padding:28px 24px;box-shadow:0 1px 3px rgba(0,0,0,.08)}h1{font-size:20px;margin:0 0 12px}p{line-height:1.7;color:#4e5969;margin:0}</style></head>
<body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></main></body></html>`;
}
