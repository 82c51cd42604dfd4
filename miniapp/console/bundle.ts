/**
 * Browser scripts are TypeScript under miniapp/web/, bundled with esbuild when
 * the app starts (no build step, nothing fetched from a CDN: Chart.js and the
 * rest come from node_modules). Each bundle is built once per process.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export interface Asset {
  readonly body: string;
  readonly etag: string;
  readonly type: 'application/javascript; charset=utf-8' | 'text/css; charset=utf-8';
}

const cache = new Map<string, Promise<Asset>>();

function etagOf(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return `"${(h >>> 0).toString(16)}-${text.length.toString(16)}"`;
}

/** Bundles `entry` (a URL relative to the caller, e.g. `new URL('../web/console/main.ts', import.meta.url)`). */
export function bundleScript(entry: URL): Promise<Asset> {
  const key = `js:${entry.href}`;
  let p = cache.get(key);
  if (!p) {
    p = build({
      entryPoints: [fileURLToPath(entry)],
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'browser',
      target: ['es2020', 'safari15', 'chrome90'],
      minify: true,
      legalComments: 'none',
      logLevel: 'silent',
    }).then((r) => {
      const text = r.outputFiles[0]?.text ?? '';
      return { body: text, etag: etagOf(text), type: 'application/javascript; charset=utf-8' } as const;
    });
    cache.set(key, p);
    p.catch(() => cache.delete(key));
  }
  return p;
}

/** A stylesheet served as is. */
export function stylesheet(file: URL): Promise<Asset> {
  const key = `css:${file.href}`;
  let p = cache.get(key);
  if (!p) {
    p = readFile(file, 'utf8').then((text) => ({ body: text, etag: etagOf(text), type: 'text/css; charset=utf-8' }) as const);
    cache.set(key, p);
    p.catch(() => cache.delete(key));
  }
  return p;
}

/** Koa helper: answers 304 when the browser has the same version. */
export function serveAsset(ctx: { get(name: string): string; set(name: string, value: string): void; status: number; type: string; body: unknown }, asset: Asset): void {
  ctx.set('Cache-Control', 'no-cache');
  ctx.set('ETag', asset.etag);
  if (ctx.get('If-None-Match') === asset.etag) {
    ctx.status = 304;
    return;
  }
  ctx.type = asset.type;
  ctx.body = asset.body;
}
