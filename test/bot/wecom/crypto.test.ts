import { expect } from 'chai';
import { createCipheriv } from 'node:crypto';
import { decrypt, encrypt, parseEncodingAesKey, signature, verifySignature } from '../../../bot/wecom/crypto.js';
import { signJsApi, stripFragment } from '../../../bot/wecom/jssdk.js';
import { vectors } from './helpers.js';

const A = vectors.A;

/** Encrypts an arbitrary plaintext buffer with WeCom's scheme but a chosen pad, to forge bad layouts. */
function rawEncrypt(encodingAesKey: string, plain: Buffer, padByte?: number): string {
  const aes = parseEncodingAesKey(encodingAesKey)!;
  const padLen = 32 - (plain.length % 32);
  const pad = Buffer.alloc(padLen, padByte ?? padLen);
  const cipher = createCipheriv('aes-256-cbc', aes.key, aes.iv);
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(Buffer.concat([plain, pad])), cipher.final()]).toString('base64');
}

function layout(random: string, msg: string, receiveId: string, lengthOverride?: number): Buffer {
  const body = Buffer.from(msg, 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(lengthOverride ?? body.length);
  return Buffer.concat([Buffer.from(random, 'ascii'), len, body, Buffer.from(receiveId, 'utf8')]);
}

describe('bot/wecom/crypto 加解密（官方向量）', () => {
  it('GET 验证的签名与官方值一致', () => {
    const v = A.verifyUrl;
    expect(signature(A.token, v.timestamp, v.nonce, v.echostr)).to.equal(v.msg_signature);
    expect(verifySignature(A.token, v.timestamp, v.nonce, v.echostr, v.msg_signature)).to.equal(true);
    expect(verifySignature(A.token, v.timestamp, v.nonce, v.echostr, v.msg_signature.toUpperCase())).to.equal(true);
  });

  it('POST 消息的签名与官方值一致', () => {
    const p = A.post;
    expect(signature(A.token, p.timestamp, p.nonce, p.encrypt)).to.equal(p.msg_signature);
  });

  it('签名不符、长度不符都判为无效（不抛异常）', () => {
    const v = A.verifyUrl;
    const wrong = `${v.msg_signature.slice(0, 39)}0`;
    expect(verifySignature(A.token, v.timestamp, v.nonce, v.echostr, wrong)).to.equal(false);
    expect(verifySignature(A.token, v.timestamp, v.nonce, v.echostr, 'abc')).to.equal(false);
    expect(verifySignature(A.token, v.timestamp, v.nonce, v.echostr, '')).to.equal(false);
    expect(verifySignature(A.token, v.timestamp, v.nonce, v.echostr, '签名'.repeat(20))).to.equal(false);
  });

  it('解密 echostr 得到 1616140317555161061，随机前缀与官方一致', () => {
    const r = decrypt(A.encodingAESKey, A.verifyUrl.echostr, A.receiveId);
    expect(r.ok).to.equal(true);
    if (!r.ok) return;
    expect(r.message).to.equal('1616140317555161061');
    expect(r.receiveId).to.equal(A.receiveId);
    expect(r.random.toString('ascii')).to.equal(A.verifyUrl.expected_random16_ascii);
  });

  it('解密 POST 密文得到逐字节一致的明文（填充 30 字节，超过 16）', () => {
    const r = decrypt(A.encodingAESKey, A.post.encrypt, A.receiveId);
    expect(r.ok).to.equal(true);
    if (!r.ok) return;
    expect(r.message).to.equal(A.post.expected_plaintext);
    expect(Buffer.byteLength(r.message)).to.equal(284);
    expect(r.random.toString('ascii')).to.equal(A.post.expected_random16_ascii);
  });

  it('用恢复出的随机前缀重新加密，两组官方密文逐字节复现', () => {
    const get = decrypt(A.encodingAESKey, A.verifyUrl.echostr, A.receiveId);
    const post = decrypt(A.encodingAESKey, A.post.encrypt, A.receiveId);
    if (!get.ok || !post.ok) throw new Error('vectors must decrypt');
    expect(encrypt(A.encodingAESKey, get.message, A.receiveId, get.random)).to.equal(A.verifyUrl.echostr);
    expect(encrypt(A.encodingAESKey, post.message, A.receiveId, post.random)).to.equal(A.post.encrypt);
  });

  it('被动回复向量：固定随机前缀得到推导出的 Encrypt 与 MsgSignature', () => {
    const d = A.passiveReply_derived;
    const enc = encrypt(A.encodingAESKey, d.plaintext, A.receiveId, Buffer.from(d.random16_ascii, 'ascii'));
    expect(enc).to.equal(d.expected_encrypt);
    expect(signature(A.token, d.timestamp, d.nonce, enc)).to.equal(d.expected_msg_signature);
  });

  it('中文消息往返：长度字段按 UTF-8 字节计', () => {
    const msg = '<xml><Content><![CDATA[明天下午请半天病假]]></Content></xml>';
    const enc = encrypt(A.encodingAESKey, msg, A.receiveId);
    const r = decrypt(A.encodingAESKey, enc, A.receiveId);
    expect(r.ok && r.message).to.equal(msg);
  });

  it('随机前缀不是 16 字节、密钥不合法时加密直接报错（配置错误）', () => {
    expect(() => encrypt(A.encodingAESKey, 'x', A.receiveId, Buffer.alloc(15))).to.throw(/16 bytes/);
    expect(() => encrypt('short', 'x', A.receiveId)).to.throw(/EncodingAESKey/);
  });
});

describe('bot/wecom/crypto 拒绝坏输入（从不抛异常）', () => {
  const key = A.encodingAESKey;

  it('corp id 不符 → receive_id_mismatch', () => {
    const r = decrypt(key, A.post.encrypt, 'wwSomeoneElse');
    expect(r).to.include({ ok: false, failure: 'receive_id_mismatch' });
  });

  it('换一把密钥 → 失败而不是返回乱码', () => {
    const other = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
    for (const enc of [A.post.encrypt, A.verifyUrl.echostr]) {
      const r = decrypt(other, enc, A.receiveId);
      expect(r.ok).to.equal(false);
    }
  });

  it('非 base64、长度不是 32 的倍数、空串', () => {
    expect(decrypt(key, 'not base64!!', A.receiveId)).to.include({ ok: false, failure: 'bad_base64' });
    expect(decrypt(key, '', A.receiveId)).to.include({ ok: false, failure: 'bad_base64' });
    expect(decrypt(key, A.post.encrypt.replace('+', '-'), A.receiveId)).to.include({ ok: false, failure: 'bad_base64' });
    expect(decrypt(key, Buffer.alloc(48).toString('base64'), A.receiveId)).to.include({ ok: false, failure: 'bad_block_length' });
  });

  it('填充字节为 0 或 33 → bad_padding', () => {
    const plain = layout('0123456789abcdef', 'hello', A.receiveId);
    expect(decrypt(key, rawEncrypt(key, plain, 0), A.receiveId)).to.include({ ok: false, failure: 'bad_padding' });
    expect(decrypt(key, rawEncrypt(key, plain, 33), A.receiveId)).to.include({ ok: false, failure: 'bad_padding' });
    // 33 trailing bytes of value 33 ('!'): only the 1..32 range check can refuse this one.
    const bangs = layout('0123456789abcdef', 'hello', '!'.repeat(40));
    expect(decrypt(key, rawEncrypt(key, bangs, 33), '!'.repeat(40))).to.include({ ok: false, failure: 'bad_padding' });
    // Sanity: the same layout with a correct pad decrypts.
    expect(decrypt(key, rawEncrypt(key, plain), A.receiveId)).to.include({ ok: true, message: 'hello' });
  });

  it('长度字段超过实际内容 → bad_length', () => {
    const plain = layout('0123456789abcdef', 'hello', A.receiveId, 5000);
    expect(decrypt(key, rawEncrypt(key, plain), A.receiveId)).to.include({ ok: false, failure: 'bad_length' });
    const huge = layout('0123456789abcdef', 'hello', A.receiveId, 0xffffffff);
    expect(decrypt(key, rawEncrypt(key, huge), A.receiveId)).to.include({ ok: false, failure: 'bad_length' });
  });

  it('长度字段偏小 → 剩余部分当作 receive id，与 corp id 不符', () => {
    const plain = layout('0123456789abcdef', 'hello', A.receiveId, 3);
    expect(decrypt(key, rawEncrypt(key, plain), A.receiveId)).to.include({ ok: false, failure: 'receive_id_mismatch' });
  });

  it('逐字节篡改密文：每一种都不抛异常', () => {
    const original = Buffer.from(A.post.encrypt, 'base64');
    for (let i = 0; i < original.length; i += 1) {
      const tampered = Buffer.from(original);
      tampered[i] = (tampered[i] ?? 0) ^ 0x01;
      expect(() => decrypt(key, tampered.toString('base64'), A.receiveId)).not.to.throw();
    }
    // The last block carries the padding: flipping it is always detected.
    const last = Buffer.from(original);
    last[last.length - 1] = (last[last.length - 1] ?? 0) ^ 0x55;
    expect(decrypt(key, last.toString('base64'), A.receiveId).ok).to.equal(false);
  });
});

describe('bot/wecom/jssdk JS-SDK 签名', () => {
  const j = vectors.jsapiSignature;

  it('文档示例向量', () => {
    const s = signJsApi({ ticket: j.jsapi_ticket, url: j.url, nonceStr: j.noncestr, timestamp: Number(j.timestamp) });
    expect(s.signature).to.equal(j.expected_signature);
    expect(s).to.include({ nonceStr: j.noncestr, timestamp: Number(j.timestamp) });
  });

  it('URL 的 #片段 不参与签名', () => {
    const s = signJsApi({ ticket: j.jsapi_ticket, url: `${j.url}#wechat_redirect`, nonceStr: j.noncestr, timestamp: Number(j.timestamp) });
    expect(s.signature).to.equal(j.expected_signature);
    expect(stripFragment('https://a.example/p?x=1#/route?y=2')).to.equal('https://a.example/p?x=1');
  });

  it('不传 nonce 与时间戳时自动生成 16 位字母数字', () => {
    const s = signJsApi({ ticket: 't', url: 'https://a.example/' });
    expect(s.nonceStr).to.match(/^[A-Za-z0-9]{16}$/);
    expect(s.signature).to.match(/^[0-9a-f]{40}$/);
  });
});
