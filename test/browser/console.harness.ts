/**
 * Browser-test harness: the real app started fresh in demo mode (no WeCom
 * settings) on a temporary DATA_DIR and a free port, and Debian's chromium
 * driven by playwright-core.
 *
 * The app runs in a child process (`tsx server/main.ts`, i.e. `start()` behind
 * `npm start`) so its database connection and embedded store are its own: the
 * other test files share one mongoose connection in this process, and a second
 * `mongoose.connect` here would break them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { CHROMIUM } from '../helpers/browserTools.js';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const ARTIFACTS = join(process.cwd(), 'artifacts');
const ROOT = new URL('../../', import.meta.url);

export interface DemoApp {
  readonly url: string;
  readonly dataDir: string;
  /** Everything the app printed, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

/** Starts `npm start`'s entry point in demo mode and waits until it answers. */
export async function startDemoApp(): Promise<DemoApp> {
  const dataDir = await mkdtemp(join(tmpdir(), 'hr-demo-'));
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('WECOM_') && k !== 'MONGODB_URI' && k !== 'APP_SECRET') env[k] = v;
  Object.assign(env, { PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'warn', NODE_ENV: 'test', SCHEDULER_ENABLED: 'false', HOST: '127.0.0.1' });
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (out += b.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  // PORT=0: the app picks a free port and prints its address, as `npm start` does for a user.
  let url = '';

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app exited with ${child.exitCode}:\n${out}`);
    url ||= /HR 助手已启动：(http:\/\/localhost:\d+)/.exec(out)?.[1] ?? '';
    try {
      if (!url) throw new Error('no address printed yet');
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the app did not start within 60 s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    dataDir,
    output: () => out,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launchChromium(): Promise<Browser> {
  await mkdir(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

export const LAPTOP = { width: 1440, height: 900 } as const;
export const PHONE = { width: 390, height: 844 } as const;

export async function newPage(browser: Browser, viewport: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', deviceScaleFactor: 1, reducedMotion: 'reduce' });
  const page = await context.newPage();
  return { context, page };
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
}
