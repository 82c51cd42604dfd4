/**
 * Encryption at rest for sensitive fields (salary figures): AES-256-GCM with a
 * random 96-bit IV per value. The stored form is base64(iv ‖ tag ‖ ciphertext),
 * so a database dump shows no amounts, and tampering is detected on open.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export class SealError extends Error {
  override readonly name = 'SealError';
}

export function seal(key: Buffer, value: unknown): string {
  if (key.length !== 32) throw new SealError('sealing key must be 32 bytes');
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ct = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64');
}

export function unseal<T>(key: Buffer, sealed: string): T {
  const buf = Buffer.from(sealed, 'base64');
  if (buf.length < 12 + 16 + 1) throw new SealError('sealed value too short');
  const decipher = createDecipheriv('aes-256-gcm', key, buf.subarray(0, 12));
  decipher.setAuthTag(buf.subarray(12, 28));
  try {
    const pt = Buffer.concat([decipher.update(buf.subarray(28)), decipher.final()]);
    return JSON.parse(pt.toString('utf8')) as T;
  } catch {
    throw new SealError('sealed value could not be opened (wrong key or tampered)');
  }
}
