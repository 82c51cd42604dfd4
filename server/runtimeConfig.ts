/**
 * Fills what demo mode leaves open. Without APP_SECRET a random one is made
 * once and kept in DATA_DIR (links and encrypted payslips survive restarts);
 * without WeCom credentials the app talks to the built-in simulator, mounted at
 * /simulator on this same server — the app itself takes no special path.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config, WecomConfig } from '../lib/config.js';
import type { Logger } from '../lib/logger.js';
import type { RuntimeConfig } from './feature.js';

export const SIMULATOR_PREFIX = '/simulator';

/**
 * The config once the server is bound: PORT=0 means "any free port", and the
 * default PUBLIC_BASE_URL (and the simulator's address) must name the real one.
 */
export function withBoundPort<C extends Pick<Config, 'port' | 'publicBaseUrl'>>(config: C, port: number): C {
  if (port === config.port) return config;
  const defaultBase = `http://localhost:${config.port}`;
  return { ...config, port, publicBaseUrl: config.publicBaseUrl === defaultBase ? `http://localhost:${port}` : config.publicBaseUrl };
}

async function readOrCreate(file: string, make: () => string): Promise<string> {
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    const value = make();
    await writeFile(file, `${value}\n`, { mode: 0o600 });
    return value;
  }
}

export async function resolveRuntimeConfig(config: Config, logger: Logger): Promise<RuntimeConfig> {
  await mkdir(config.dataDir, { recursive: true });
  const appSecret = config.appSecret ?? (await readOrCreate(join(config.dataDir, 'app-secret'), () => randomBytes(32).toString('base64url')));
  if (!config.appSecret) logger.warn('APP_SECRET is not set: using a generated secret kept in DATA_DIR (fine for the demo, set it in production)');
  const wecom: WecomConfig = config.wecom ?? (await demoWecomConfig(config));
  return { ...config, appSecret, wecom };
}

/** The simulator's corp: fixed ids, a per-installation token and AES key. */
export async function demoWecomConfig(config: Config): Promise<WecomConfig> {
  const alnum = () => randomBytes(64).toString('base64').replace(/[^A-Za-z0-9]/g, '');
  const aesKey = await readOrCreate(join(config.dataDir, 'demo-aes-key'), () => alnum().slice(0, 43));
  const token = await readOrCreate(join(config.dataDir, 'demo-token'), () => alnum().slice(0, 16));
  const self = `http://127.0.0.1:${config.port}${SIMULATOR_PREFIX}`;
  return {
    corpId: 'wwdemo5823bf96d3',
    agentId: 1000002,
    secret: 'demo-secret-not-for-production',
    token,
    encodingAesKey: aesKey,
    apiBase: self,
    oauthBase: `${config.publicBaseUrl}${SIMULATOR_PREFIX}`,
  };
}
