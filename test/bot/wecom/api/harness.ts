/**
 * A client wired for tests: fake clock, recorded sleeps, fixed jitter, and a pino
 * logger whose every line is captured so tests can check what reaches the log.
 */
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { createWecomClient, type WecomClient, type WecomClientOptions } from '../../../../bot/wecom/api/index.js';
import { memoryTokenStore, type TokenStore } from '../../../../bot/wecom/api/token-store.js';

export const API = 'https://qyapi.test.invalid';
export const CORP_ID = 'ww8f3a1b2c3d4e5f60';
export const SECRET = 'S3cr3t-Do-Not-Log-9f8e7d6c5b4a';
export const AGENT_ID = 1000002;

export interface Harness {
  readonly client: WecomClient;
  readonly store: TokenStore;
  readonly sleeps: number[];
  readonly logLines: string[];
  /** Fake clock, epoch ms. */
  clock: number;
  advance(ms: number): void;
}

export function harness(overrides: Partial<WecomClientOptions> = {}): Harness {
  const logLines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logLines.push(chunk.toString('utf8'));
      done();
    },
  });
  // No redaction configured on purpose: the client itself must never log secrets.
  const logger = pino({ level: 'trace' }, sink);
  const h: Harness = {
    client: undefined as unknown as WecomClient,
    store: overrides.tokenStore ?? memoryTokenStore(),
    sleeps: [],
    logLines,
    clock: Date.UTC(2026, 10, 22, 2, 0, 0),
    advance(ms) {
      h.clock += ms;
    },
  };
  (h as { client: WecomClient }).client = createWecomClient({
    corpId: CORP_ID,
    secret: SECRET,
    agentId: AGENT_ID,
    apiBase: API,
    tokenStore: h.store,
    logger,
    fetchTimeoutMs: 1_000,
    now: () => h.clock,
    random: () => 0.5,
    sleep: async (ms) => {
      h.sleeps.push(ms);
      h.clock += ms;
    },
    ...overrides,
  });
  return h;
}
