/**
 * Shared test helpers for the WeCom gateway: fixtures, the official vectors, and a
 * "fake WeCom" that encrypts and signs a plaintext the way WeCom does.
 */
import { readFileSync } from 'node:fs';
import { encrypt, signature } from '../../../bot/wecom/crypto.js';
import type { CallbackConfig } from '../../../bot/wecom/callback.js';

const FIXTURES = new URL('../../fixtures/wecom/', import.meta.url);

export function fixture(name: string): string {
  return readFileSync(new URL(name, FIXTURES), 'utf8');
}

export function inbound(name: string): string {
  return fixture(`inbound/${name}.xml`);
}

interface VectorsFile {
  readonly A: {
    readonly token: string;
    readonly encodingAESKey: string;
    readonly receiveId: string;
    readonly verifyUrl: {
      readonly msg_signature: string;
      readonly timestamp: string;
      readonly nonce: string;
      readonly echostr: string;
      readonly echostr_urlencoded_in_query: string;
      readonly expected_plaintext: string;
      readonly expected_random16_ascii: string;
    };
    readonly post: {
      readonly msg_signature: string;
      readonly timestamp: string;
      readonly nonce: string;
      readonly body: string;
      readonly encrypt: string;
      readonly expected_plaintext: string;
      readonly expected_random16_ascii: string;
    };
    readonly passiveReply_derived: {
      readonly plaintext: string;
      readonly random16_ascii: string;
      readonly timestamp: string;
      readonly nonce: string;
      readonly expected_encrypt: string;
      readonly expected_msg_signature: string;
    };
  };
  readonly jsapiSignature: {
    readonly jsapi_ticket: string;
    readonly noncestr: string;
    readonly timestamp: string;
    readonly url: string;
    readonly expected_signature: string;
  };
}

export const vectors = JSON.parse(fixture('vectors.json')) as VectorsFile;

/** The official Set A settings; the vectors are from 2014, so the clock check is off. */
export const officialCfg: CallbackConfig = {
  token: vectors.A.token,
  encodingAesKey: vectors.A.encodingAESKey,
  corpId: vectors.A.receiveId,
  maxClockSkewSeconds: Infinity,
};

/** Our own test app (the inbound fixtures are addressed to this corp). */
export const testCfg: CallbackConfig = {
  token: 'hrTestToken2026',
  encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  corpId: 'ww8f3a1b2c3d4e5f60',
};

/** 2026-11-22 10:00 Asia/Shanghai, the reference "now" of the project. */
export const NOW = new Date('2026-11-22T02:00:00Z');
export const NOW_TS = String(Math.floor(NOW.getTime() / 1000));

/** What WeCom would POST for `plaintext`: the query and the envelope body. */
export function wecomPost(
  plaintext: string,
  opts: { cfg?: CallbackConfig; timestamp?: string; nonce?: string; receiveId?: string } = {},
): { query: { msg_signature: string; timestamp: string; nonce: string }; body: string; encrypted: string } {
  const cfg = opts.cfg ?? testCfg;
  const timestamp = opts.timestamp ?? NOW_TS;
  const nonce = opts.nonce ?? '1372623149';
  const encrypted = encrypt(cfg.encodingAesKey, plaintext, opts.receiveId ?? cfg.corpId);
  return {
    query: { msg_signature: signature(cfg.token, timestamp, nonce, encrypted), timestamp, nonce },
    body: envelope(encrypted, cfg.corpId),
    encrypted,
  };
}

export function envelope(encrypted: string, corpId = testCfg.corpId, agentId = '1000002'): string {
  return `<xml><ToUserName><![CDATA[${corpId}]]></ToUserName><Encrypt><![CDATA[${encrypted}]]></Encrypt><AgentID><![CDATA[${agentId}]]></AgentID></xml>`;
}

/** The same document with every CDATA section replaced by escaped plain text. */
export function withoutCdata(xml: string): string {
  return xml.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_m, inner: string) =>
    inner.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;'),
  );
}
