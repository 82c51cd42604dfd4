/**
 * WeCom callback cryptography (加解密方案, doc 91144): the message signature and the
 * AES-256-CBC envelope `random(16) ‖ len(4, BE) ‖ msg ‖ receiveId`, PKCS#7-padded to
 * **32-byte** blocks.
 *
 * `@wecom/crypto` is used where it is sound: `getSignature` (sorted sha1) and
 * `encrypt` (deterministic when the 16 random bytes are given, which the official
 * vectors need). Decryption is done here instead, because the library's `decrypt`
 *  - silently keeps the data when the pad byte is outside 1..32,
 *  - reads the length field without checking it against the buffer (a wrong key
 *    either throws a RangeError or returns garbage),
 *  - never compares the receive id with the corp id, and
 *  - accepts any base64 (Node's decoder skips invalid characters).
 * A wrong key or a tampered ciphertext must be a clean refusal, never garbage that
 * reaches the XML parser, so every one of those checks is made below. Nothing in this
 * file throws on bad input: results are discriminated unions.
 */
import { createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { encrypt as libEncrypt, getSignature as libGetSignature } from '@wecom/crypto';

/** WeCom's block size for PKCS#7 (not AES's 16): pad bytes are 1..32. */
const PAD_BLOCK = 32;
const RANDOM_BYTES = 16;
const HEADER_BYTES = RANDOM_BYTES + 4;

/** The 32-byte AES key and IV derived from a 43-character EncodingAESKey. */
export interface AesKey {
  readonly key: Buffer;
  readonly iv: Buffer;
}

/** Decodes the EncodingAESKey (`base64(key + '=')`); undefined when it is not 43 alphanumerics. */
export function parseEncodingAesKey(encodingAesKey: string): AesKey | undefined {
  if (!/^[A-Za-z0-9]{43}$/.test(encodingAesKey)) return undefined;
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  if (key.length !== 32) return undefined;
  return { key, iv: key.subarray(0, 16) };
}

/** `sha1(sort([token, timestamp, nonce, encrypted]).join(''))`, 40 lowercase hex characters. */
export function signature(token: string, timestamp: string, nonce: string, encrypted: string): string {
  return libGetSignature(token, timestamp, nonce, encrypted);
}

/**
 * Checks `msg_signature` in constant time (the expected value is secret-derived; a
 * plain `===` would leak how many leading characters matched).
 */
export function verifySignature(
  token: string,
  timestamp: string,
  nonce: string,
  encrypted: string,
  given: string,
): boolean {
  const expected = Buffer.from(signature(token, timestamp, nonce, encrypted), 'utf8');
  const actual = Buffer.from(given.toLowerCase(), 'utf8');
  // timingSafeEqual needs equal lengths; the length of a hex sha1 is public anyway.
  if (actual.length !== expected.length) return false;
  return timingSafeEqual(expected, actual);
}

export type DecryptFailure =
  | 'bad_key'
  | 'bad_base64'
  | 'bad_block_length'
  | 'bad_padding'
  | 'bad_length'
  | 'bad_utf8'
  | 'receive_id_mismatch';

export type DecryptResult =
  | { readonly ok: true; readonly message: string; readonly receiveId: string; readonly random: Buffer }
  | { readonly ok: false; readonly failure: DecryptFailure; readonly detail: string };

/** Strict standard base64 with padding, as WeCom sends it (no whitespace, no URL alphabet). */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Decrypts one `Encrypt` / `echostr` value and checks everything the format lets us
 * check: base64 alphabet, block length, every pad byte, the length field, UTF-8, and
 * (when `expectedReceiveId` is given) that the trailing receive id is our corp id.
 */
export function decrypt(encodingAesKey: string, encrypted: string, expectedReceiveId?: string): DecryptResult {
  const aes = parseEncodingAesKey(encodingAesKey);
  if (!aes) return fail('bad_key', 'EncodingAESKey must be 43 letters or digits');
  if (encrypted.length === 0 || !BASE64.test(encrypted)) return fail('bad_base64', 'ciphertext is not standard base64');
  const cipherText = Buffer.from(encrypted, 'base64');
  if (cipherText.length === 0 || cipherText.length % PAD_BLOCK !== 0) {
    return fail('bad_block_length', `ciphertext is ${cipherText.length} bytes, not a multiple of ${PAD_BLOCK}`);
  }

  let plain: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-cbc', aes.key, aes.iv);
    decipher.setAutoPadding(false); // Node would unpad to 16-byte blocks and fail on pads > 16.
    plain = Buffer.concat([decipher.update(cipherText), decipher.final()]);
  } catch (err) {
    // Not reachable with a block-aligned input, but never let OpenSSL's error escape.
    return fail('bad_block_length', err instanceof Error ? err.message : 'decipher failed');
  }

  const pad = plain[plain.length - 1] ?? 0;
  if (pad < 1 || pad > PAD_BLOCK) return fail('bad_padding', `pad byte ${pad} outside 1..${PAD_BLOCK}`);
  for (let i = plain.length - pad; i < plain.length; i += 1) {
    if (plain[i] !== pad) return fail('bad_padding', 'pad bytes differ');
  }
  const content = plain.subarray(0, plain.length - pad);
  if (content.length < HEADER_BYTES) return fail('bad_length', 'plaintext shorter than its 20-byte header');

  const msgLen = content.readUInt32BE(RANDOM_BYTES);
  if (msgLen > content.length - HEADER_BYTES) {
    return fail('bad_length', `length field ${msgLen} exceeds the ${content.length - HEADER_BYTES} bytes present`);
  }
  let message: string;
  let receiveId: string;
  try {
    message = utf8.decode(content.subarray(HEADER_BYTES, HEADER_BYTES + msgLen));
    receiveId = utf8.decode(content.subarray(HEADER_BYTES + msgLen));
  } catch {
    return fail('bad_utf8', 'plaintext is not valid UTF-8 (wrong key?)');
  }
  if (expectedReceiveId !== undefined && receiveId !== expectedReceiveId) {
    return fail('receive_id_mismatch', 'receive id differs from the corp id');
  }
  return { ok: true, message, receiveId, random: Buffer.from(content.subarray(0, RANDOM_BYTES)) };
}

/**
 * Encrypts `message` for `receiveId` (the corp id). `random` defaults to 16 fresh
 * bytes; pass it only in tests to reproduce a known ciphertext.
 * Throws only on a malformed EncodingAESKey, which is a configuration error
 * (lib/config.ts validates it at start-up).
 */
export function encrypt(encodingAesKey: string, message: string, receiveId: string, random?: Buffer): string {
  if (!parseEncodingAesKey(encodingAesKey)) throw new Error('invalid EncodingAESKey (must be 43 letters or digits)');
  const prefix = random ?? randomBytes(RANDOM_BYTES);
  if (prefix.length !== RANDOM_BYTES) throw new Error(`random prefix must be ${RANDOM_BYTES} bytes`);
  return libEncrypt(encodingAesKey, message, receiveId, prefix);
}

/** sha1 hex of a UTF-8 string; used by the JS-SDK signature. */
export function sha1Hex(text: string): string {
  return createHash('sha1').update(text, 'utf8').digest('hex');
}

function fail(failure: DecryptFailure, detail: string): DecryptResult {
  return { ok: false, failure, detail };
}
