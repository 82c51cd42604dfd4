import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { signToken, verifyToken } from '../../lib/signedToken.js';
import { seal, unseal, SealError } from '../../lib/sealing.js';
import { deriveKey } from '../../lib/keys.js';

describe('签名链接与加密 lib/signedToken, lib/sealing', () => {
  const key = deriveKey('a-test-app-secret-123', 'link');
  const now = new Date('2026-11-22T10:00:00Z');
  const exp = Math.floor(now.getTime() / 1000) + 600;

  it('签发的链接能验证，过期、篡改、换用途都会被拒绝', () => {
    const t = signToken(key, { kind: 'payslip', sub: 'wangfang', exp, data: { month: '2026-10' } });
    const ok = verifyToken(key, t, 'payslip', now);
    expect(ok.ok).to.equal(true);
    if (ok.ok) expect(ok.claims.data?.['month']).to.equal('2026-10');
    expect(verifyToken(key, t, 'payslip', new Date(exp * 1000 + 1))).to.deep.equal({ ok: false, reason: 'expired' });
    expect(verifyToken(key, t, 'interview', now)).to.deep.equal({ ok: false, reason: 'wrong_kind' });
    const [body, mac] = t.split('.') as [string, string];
    const forged = Buffer.from(JSON.stringify({ kind: 'payslip', sub: 'boss', exp })).toString('base64url');
    expect(verifyToken(key, `${forged}.${mac}`, 'payslip', now)).to.deep.equal({ ok: false, reason: 'bad_signature' });
    expect(verifyToken(key, `${body}.x${mac.slice(1)}`, 'payslip', now).ok).to.equal(false);
    expect(verifyToken(key, 'garbage', 'payslip', now)).to.deep.equal({ ok: false, reason: 'malformed' });
    expect(verifyToken(deriveKey('another-secret-456789', 'link'), t, 'payslip', now)).to.deep.equal({ ok: false, reason: 'bad_signature' });
  });

  it('加密后的工资数据看不到金额，换密钥或篡改都打不开', () => {
    const k = randomBytes(32);
    const sealed = seal(k, { items: [{ name: '基本工资', amount: 12345.67 }] });
    expect(sealed).not.to.include('12345');
    expect(unseal<{ items: Array<{ amount: number }> }>(k, sealed).items[0]?.amount).to.equal(12345.67);
    expect(() => unseal(randomBytes(32), sealed)).to.throw(SealError);
    const tampered = Buffer.from(sealed, 'base64');
    tampered[tampered.length - 1]! ^= 1;
    expect(() => unseal(k, tampered.toString('base64'))).to.throw(SealError);
  });
});
