/**
 * Request bodies with a hard size limit. A declared length over the limit is
 * refused before reading; a chunked body is counted as it streams in.
 */
import type { Context } from 'koa';
import type { z } from 'zod';

export const MiB = 1024 * 1024;

export async function readRawBody(ctx: Context, limitBytes: number): Promise<Buffer> {
  const declared = Number(ctx.get('content-length') || 'NaN');
  if (Number.isFinite(declared) && declared > limitBytes) {
    ctx.req.resume();
    ctx.throw(413, `请求体过大（上限 ${formatBytes(limitBytes)}）`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limitBytes) {
      ctx.req.unpipe();
      ctx.req.resume();
      ctx.throw(413, `请求体过大（上限 ${formatBytes(limitBytes)}）`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

/** Reads a JSON body and validates it; a bad body is a 400 naming the field. */
export async function readJson<T>(ctx: Context, schema: z.ZodType<T>, limitBytes = 256 * 1024): Promise<T> {
  const raw = await readRawBody(ctx, limitBytes);
  let value: unknown;
  try {
    value = raw.length === 0 ? {} : JSON.parse(raw.toString('utf8'));
  } catch {
    ctx.throw(400, '请求格式不正确（不是有效的 JSON）');
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first && first.path.length > 0 ? `${first.path.join('.')}: ` : '';
    ctx.throw(400, `请求内容不正确：${where}${first?.message ?? ''}`);
  }
  return parsed.data;
}

function formatBytes(n: number): string {
  return n >= MiB ? `${Math.round(n / MiB)} MiB` : `${Math.round(n / 1024)} KiB`;
}
