/**
 * Keys derived from APP_SECRET, one per purpose (HKDF), so a link-signing key
 * can never decrypt a payslip and rotating one purpose does not touch another.
 */
import { hkdfSync } from 'node:crypto';

export type KeyPurpose = 'link' | 'payslip' | 'session' | 'upload';

export function deriveKey(appSecret: string, purpose: KeyPurpose): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(appSecret, 'utf8'), Buffer.alloc(0), Buffer.from(`wecom-hr/${purpose}/v1`), 32));
}
