/**
 * JS-SDK signatures for `ww.register({ getConfigSignature, getAgentConfigSignature })`
 * (doc 96909): `sha1("jsapi_ticket=…&noncestr=…&timestamp=…&url=…")`, fields in that
 * fixed order, the page URL taken verbatim (not URL-encoded) but **without** its
 * `#fragment`. `@wecom/crypto`'s `getJsApiSignature` signs the URL exactly as given,
 * so the fragment is cut here first.
 */
import { randomBytes } from 'node:crypto';
import { getJsApiSignature } from '@wecom/crypto';

export interface JsApiSignature {
  readonly timestamp: number;
  readonly nonceStr: string;
  readonly signature: string;
}

export interface JsApiSignInput {
  /** The corp `jsapi_ticket` (for `config`) or the app ticket (for `agentConfig`). */
  readonly ticket: string;
  /** The page URL as the browser sees it; a `#…` fragment is removed. */
  readonly url: string;
  /** Injected in tests; otherwise 16 random alphanumerics. */
  readonly nonceStr?: string;
  /** Unix seconds; injected in tests, otherwise now. */
  readonly timestamp?: number;
}

/** Removes the `#fragment` (the JS-SDK signs the URL without it). */
export function stripFragment(url: string): string {
  const hash = url.indexOf('#');
  return hash === -1 ? url : url.slice(0, hash);
}

export function signJsApi(input: JsApiSignInput): JsApiSignature {
  const nonceStr = input.nonceStr ?? randomNonce();
  const timestamp = input.timestamp ?? Math.floor(Date.now() / 1000);
  const { signature } = getJsApiSignature({ ticket: input.ticket, url: stripFragment(input.url), nonceStr, timestamp });
  return { timestamp, nonceStr, signature };
}

const ALPHANUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** 16 random letters and digits (the JS-SDK puts the nonce in a query-like string). */
export function randomNonce(length = 16): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const b of bytes) out += ALPHANUM[b % ALPHANUM.length];
  return out;
}
