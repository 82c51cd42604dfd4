/**
 * Posts callbacks to the app the way WeCom does (doc 91116 §3.2): the plaintext
 * XML is encrypted with the EncodingAESKey for the corp id, wrapped in the
 * `<xml><ToUserName/><Encrypt/><AgentID/></xml>` envelope, signed over (Token,
 * timestamp, nonce, Encrypt) and POSTed with `msg_signature`, `timestamp` and
 * `nonce` in the query. Only HTTP 200 counts; anything else (or no answer within
 * 5 s) is retried, three tries in all, like WeCom.
 */
import { randomInt } from 'node:crypto';
import { encrypt, signature } from '../bot/wecom/crypto.js';
import type { Logger } from '../lib/logger.js';
import type { DeliveryStatus } from './state.js';

export interface CallbackSenderOptions {
  /** The app's callback URL, e.g. `http://127.0.0.1:3000/wecom/callback`. */
  readonly url: string;
  readonly token: string;
  readonly encodingAesKey: string;
  readonly corpId: string;
  readonly agentId: number;
  readonly logger: Logger;
  /** Unix milliseconds. */
  readonly now: () => number;
  /** Per attempt; WeCom gives up after 5 s. */
  readonly timeoutMs?: number;
  /** Waits before the 2nd and 3rd tries (WeCom waits about 5 s; the demo does not need to). */
  readonly retryDelaysMs?: readonly number[];
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface SignedCallback {
  readonly query: { readonly msg_signature: string; readonly timestamp: string; readonly nonce: string };
  readonly body: string;
}

/** Encrypts and signs one plaintext message: what goes on the wire. */
export function sealCallback(
  plainXml: string,
  o: Pick<CallbackSenderOptions, 'token' | 'encodingAesKey' | 'corpId' | 'agentId'>,
  nowMs: number,
): SignedCallback {
  const timestamp = String(Math.floor(nowMs / 1000));
  const nonce = String(randomInt(100_000_000, 2_000_000_000));
  const cipher = encrypt(o.encodingAesKey, plainXml, o.corpId);
  const body =
    `<xml><ToUserName><![CDATA[${o.corpId}]]></ToUserName><Encrypt><![CDATA[${cipher}]]></Encrypt>` +
    `<AgentID><![CDATA[${o.agentId}]]></AgentID></xml>`;
  return { query: { msg_signature: signature(o.token, timestamp, nonce, cipher), timestamp, nonce }, body };
}

export class CallbackSender {
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly o: CallbackSenderOptions) {
    this.sleep = o.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** Delivers one message; resolves with how it went (never rejects). */
  async deliver(plainXml: string): Promise<DeliveryStatus> {
    const delays = this.o.retryDelaysMs ?? [1000, 2000];
    const tries = 1 + delays.length;
    let reason = '';
    for (let attempt = 1; attempt <= tries; attempt += 1) {
      // Every try is signed afresh, as WeCom does (new timestamp and nonce).
      const signed = sealCallback(plainXml, this.o, this.o.now());
      const url = `${this.o.url}?${new URLSearchParams(signed.query).toString()}`;
      const started = Date.now();
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'text/xml; charset=utf-8', 'user-agent': 'Mozilla/5.0 (WeCom simulator)' },
          body: signed.body,
          signal: AbortSignal.timeout(this.o.timeoutMs ?? 5000),
        });
        await res.arrayBuffer().catch(() => undefined);
        if (res.status === 200) return { state: 'delivered', attempts: attempt, ms: Date.now() - started };
        reason = `HTTP ${res.status}`;
      } catch (err) {
        reason = err instanceof Error ? (err.name === 'TimeoutError' ? '5 秒内没有应答' : err.message) : String(err);
      }
      this.o.logger.warn({ attempt, reason }, 'simulator: callback not accepted');
      const delay = delays[attempt - 1];
      if (delay !== undefined) await this.sleep(delay);
    }
    return { state: 'failed', attempts: tries, reason };
  }
}
