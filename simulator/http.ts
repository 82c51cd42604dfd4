/**
 * HTTP plumbing shared by the simulated API paths: JSON answers in WeCom's
 * envelope, JSON request bodies, and the access-token check every path but
 * `gettoken` makes. Kept apart from server/ on purpose: the simulator stands in
 * for another company's server and shares no code with the app but the crypto.
 */
import type { Context } from 'koa';
import { Errors, withHint, type WecomError } from './errors.js';

const BODY_LIMIT = 2 * 1024 * 1024;

/** `{errcode: 0, errmsg: 'ok', ...body}` with HTTP 200. */
export function ok(ctx: Context, body: Readonly<Record<string, unknown>> = {}): void {
  ctx.status = 200;
  ctx.type = 'application/json; charset=utf-8';
  ctx.body = { errcode: 0, errmsg: 'ok', ...body };
}

/** WeCom reports failures in the body with HTTP 200. */
export function fail(ctx: Context, err: WecomError): void {
  ctx.status = 200;
  ctx.type = 'application/json; charset=utf-8';
  ctx.body = { errcode: err.errcode, errmsg: err.errmsg };
}

export type BodyResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: WecomError };

/** Reads a JSON body; an unreadable one is WeCom's 47001 (data format error). */
export async function readJson(ctx: Context): Promise<BodyResult> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > BODY_LIMIT) return { ok: false, error: withHint(Errors.dataFormat, 'body too large') };
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return { ok: false, error: withHint(Errors.dataFormat, 'empty body') };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, error: Errors.dataFormat };
  }
}

/** A query parameter given once, or undefined. */
export function queryString(ctx: Context, name: string): string | undefined {
  const v = ctx.query[name];
  return typeof v === 'string' ? v : undefined;
}

// ---------------------------------------------------------------------------
// Narrowing helpers for JSON bodies (no `any`: each field is checked where read).

export type Json = Readonly<Record<string, unknown>>;

export function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function str(o: Json, key: string): string | undefined {
  const v = o[key];
  return typeof v === 'string' ? v : undefined;
}

export function num(o: Json, key: string): number | undefined {
  const v = o[key];
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  // WeCom accepts numeric strings for most integer fields.
  if (typeof v === 'string' && /^-?\d+$/.test(v)) return Number(v);
  return undefined;
}

export function obj(o: Json, key: string): Json | undefined {
  const v = o[key];
  return isObject(v) ? v : undefined;
}

export function arr(o: Json, key: string): readonly unknown[] | undefined {
  const v = o[key];
  return Array.isArray(v) ? v : undefined;
}

export function strings(o: Json, key: string): string[] | undefined {
  const a = arr(o, key);
  if (!a) return undefined;
  return a.every((x) => typeof x === 'string') ? (a as string[]) : undefined;
}

export function byteLength(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}
