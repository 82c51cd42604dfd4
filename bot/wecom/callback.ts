/**
 * Pure decoding of one WeCom callback request (doc 91116): the GET URL verification
 * and the POST message, plus the encrypted passive reply. No I/O, no throwing: a bad
 * request becomes a `CallbackRefusal` whose status the HTTP layer answers with and
 * whose English `reason` it logs.
 *
 * Statuses:
 *  - 400 malformed request: missing or duplicated query parameters, bad XML, bad
 *    base64, wrong key, wrong corp id, bad length field, padding;
 *  - 401 the signature does not match (not from WeCom, or a wrong Token);
 *  - 403 correctly signed but stale or from the future. The request is well-formed and
 *    authentic, so 400/401 would mislead whoever reads the log; it is refused because
 *    accepting old signed requests would let anyone who captured one replay it. In
 *    practice this status means "check the server clock". WeCom retries non-200
 *    answers three times, which is harmless here.
 *
 * The signature is checked before the clock, so an unsigned request can never learn
 * anything about the freshness rule.
 */
import { randomBytes } from 'node:crypto';
import type { WecomConfig } from '../../lib/config.js';
import { decrypt, encrypt, signature, verifySignature, type DecryptFailure } from './crypto.js';
import { toInboundEvent, type InboundEvent } from './events.js';
import { buildEncryptedEnvelope, parseEnvelope, parseXml } from './xml.js';

export interface CallbackConfig {
  /** The app's callback Token (接收消息 → Token). */
  readonly token: string;
  /** The 43-character EncodingAESKey. */
  readonly encodingAesKey: string;
  /** The receive id every plaintext must end with: the CorpID for a self-built app. */
  readonly corpId: string;
  /**
   * Largest accepted |now − timestamp| in seconds; default 300 (5 minutes).
   * `Infinity` turns the check off, e.g. to replay WeCom's official vectors from 2014.
   */
  readonly maxClockSkewSeconds?: number;
}

export const DEFAULT_MAX_CLOCK_SKEW_SECONDS = 300;

/** The callback settings out of the app configuration. */
export function callbackConfigFrom(w: WecomConfig, maxClockSkewSeconds?: number): CallbackConfig {
  return maxClockSkewSeconds === undefined
    ? { token: w.token, encodingAesKey: w.encodingAesKey, corpId: w.corpId }
    : { token: w.token, encodingAesKey: w.encodingAesKey, corpId: w.corpId, maxClockSkewSeconds };
}

export type CallbackRefusal = {
  readonly status: 400 | 401 | 403;
  /** English, for the log. Never contains the Token, the key or the plaintext. */
  readonly reason: string;
};

/** Query values as Koa's `ctx.query` gives them (a repeated parameter becomes an array). */
export type QueryValue = string | readonly string[] | undefined;

export interface VerifyUrlQuery {
  readonly msg_signature?: QueryValue;
  readonly timestamp?: QueryValue;
  readonly nonce?: QueryValue;
  readonly echostr?: QueryValue;
}

export type MessageQuery = Omit<VerifyUrlQuery, 'echostr'>;

export type VerifyUrlResult =
  | { readonly ok: true; readonly plaintext: string }
  | { readonly ok: false; readonly refusal: CallbackRefusal };

export type DecodeMessageResult =
  | { readonly ok: true; readonly event: InboundEvent; readonly plaintextXml: string }
  | { readonly ok: false; readonly refusal: CallbackRefusal };

/**
 * GET verification: answer 200 with `plaintext` as the bare body (no quotes, no
 * newline) within one second.
 */
export function verifyUrl(q: VerifyUrlQuery, cfg: CallbackConfig, now: Date): VerifyUrlResult {
  const params = required(q, ['msg_signature', 'timestamp', 'nonce', 'echostr']);
  if (!params.ok) return params;
  const { msg_signature: sig, timestamp, nonce } = params.values;
  // Base64 never contains a space: a space here is a `+` that a proxy or a client
  // failed to percent-encode. Restoring it is safe: the signature is still checked.
  const echostr = params.values.echostr.replaceAll(' ', '+');

  const checked = checkSignatureAndClock(cfg, sig, timestamp, nonce, echostr, now);
  if (checked) return { ok: false, refusal: checked };

  const plain = decrypt(cfg.encodingAesKey, echostr, cfg.corpId);
  if (!plain.ok) return refuse(400, decryptReason(plain.failure, plain.detail, 'echostr'));
  return { ok: true, plaintext: plain.message };
}

/** POST message: verify, decrypt and decode the body into a typed event. */
export function decodeMessage(q: MessageQuery, rawBody: string, cfg: CallbackConfig, now: Date): DecodeMessageResult {
  const params = required(q, ['msg_signature', 'timestamp', 'nonce']);
  if (!params.ok) return params;
  const { msg_signature: sig, timestamp, nonce } = params.values;

  const outer = parseEnvelope(rawBody);
  if (!outer.ok) return refuse(400, `envelope: ${outer.reason}`);
  const { encrypt: cipherText } = outer.envelope;

  const checked = checkSignatureAndClock(cfg, sig, timestamp, nonce, cipherText, now);
  if (checked) return { ok: false, refusal: checked };

  const plain = decrypt(cfg.encodingAesKey, cipherText, cfg.corpId);
  if (!plain.ok) return refuse(400, decryptReason(plain.failure, plain.detail, 'Encrypt'));

  const inner = parseXml(plain.message);
  if (!inner.ok) return refuse(400, `decrypted message: ${inner.reason}`);
  const decoded = toInboundEvent(inner.root);
  if (!decoded.ok) return refuse(400, `decrypted message: ${decoded.reason}`);
  return { ok: true, event: decoded.event, plaintextXml: plain.message };
}

export interface EncryptReplyOptions {
  /** Unix seconds as a string; default now. The request's own timestamp may be reused. */
  readonly timestamp?: string;
  /** Default: 10 random digits. The request's own nonce may be reused. */
  readonly nonce?: string;
  /** 16 bytes; only tests pass it, to reproduce a known ciphertext. */
  readonly random?: Buffer;
}

/**
 * Encrypts a passive-reply plaintext (see `buildTextReply` / `buildUpdateButtonReply`
 * in xml.ts) and returns the four-field envelope to send as the 200 body.
 * Throws only on programming or configuration errors: a malformed EncodingAESKey, a
 * `random` that is not 16 bytes, a `timestamp` that is not digits.
 */
export function encryptReply(replyXml: string, cfg: CallbackConfig, opts: EncryptReplyOptions = {}): string {
  const timestamp = opts.timestamp ?? String(Math.floor(Date.now() / 1000));
  const nonce = opts.nonce ?? randomDigits(10);
  const encrypted = encrypt(cfg.encodingAesKey, replyXml, cfg.corpId, opts.random);
  return buildEncryptedEnvelope({
    encrypt: encrypted,
    msgSignature: signature(cfg.token, timestamp, nonce, encrypted),
    timestamp,
    nonce,
  });
}

// ---------------------------------------------------------------------------

type Refused = { readonly ok: false; readonly refusal: CallbackRefusal };

function refuse(status: CallbackRefusal['status'], reason: string): Refused {
  return { ok: false, refusal: { status, reason } };
}

function required<K extends string>(
  q: Partial<Record<K, QueryValue>>,
  names: readonly K[],
): { readonly ok: true; readonly values: Record<K, string> } | Refused {
  const values = {} as Record<K, string>;
  const missing: string[] = [];
  for (const name of names) {
    const v = q[name];
    if (typeof v === 'string' && v !== '') values[name] = v;
    else if (Array.isArray(v)) return refuse(400, `query parameter ${name} given more than once`);
    else missing.push(name);
  }
  if (missing.length > 0) return refuse(400, `missing query parameter(s): ${missing.join(', ')}`);
  return { ok: true, values };
}

function checkSignatureAndClock(
  cfg: CallbackConfig,
  sig: string,
  timestamp: string,
  nonce: string,
  encrypted: string,
  now: Date,
): CallbackRefusal | undefined {
  if (!/^\d{1,12}$/.test(timestamp)) return { status: 400, reason: 'timestamp is not unix seconds' };
  if (!verifySignature(cfg.token, timestamp, nonce, encrypted, sig)) {
    return { status: 401, reason: 'msg_signature does not match (wrong Token, or not sent by WeCom)' };
  }
  const maxSkew = cfg.maxClockSkewSeconds ?? DEFAULT_MAX_CLOCK_SKEW_SECONDS;
  const skew = Math.abs(Math.floor(now.getTime() / 1000) - Number(timestamp));
  if (skew > maxSkew) {
    return { status: 403, reason: `timestamp is ${skew} s away from the server clock (limit ${maxSkew} s)` };
  }
  return undefined;
}

function decryptReason(failure: DecryptFailure, detail: string, what: string): string {
  switch (failure) {
    case 'receive_id_mismatch':
      return `${what}: receive id is not our corp id (another app's callback, or a wrong EncodingAESKey)`;
    case 'bad_base64':
      return `${what}: not valid base64`;
    default:
      return `${what}: cannot decrypt (${failure}: ${detail}); wrong EncodingAESKey or tampered ciphertext`;
  }
}

function randomDigits(n: number): string {
  let out = '';
  for (const b of randomBytes(n)) out += String(b % 10);
  return out;
}
