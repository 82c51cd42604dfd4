import { expect } from 'chai';
import {
  decodeMessage,
  encryptReply,
  verifyUrl,
  type CallbackConfig,
  type DecodeMessageResult,
  type VerifyUrlResult,
} from '../../../bot/wecom/callback.js';
import { createCipheriv } from 'node:crypto';
import { decrypt, parseEncodingAesKey, signature } from '../../../bot/wecom/crypto.js';
import { buildTextReply, parseXml, text } from '../../../bot/wecom/xml.js';
import { envelope, inbound, NOW, NOW_TS, officialCfg, testCfg, vectors, wecomPost } from './helpers.js';

const A = vectors.A;

function refusal(r: VerifyUrlResult | DecodeMessageResult): { status: number; reason: string } {
  if (r.ok) throw new Error('expected a refusal');
  return r.refusal;
}

describe('bot/wecom/callback 官方向量', () => {
  it('GET 验证 URL → 原样返回 1616140317555161061', () => {
    const r = verifyUrl(A.verifyUrl, officialCfg, NOW);
    expect(r).to.deep.equal({ ok: true, plaintext: '1616140317555161061' });
  });

  it('查询串里的 echostr 经 URL 解码后可用；被代理把 + 变成空格也能复原', () => {
    const decoded = decodeURIComponent(A.verifyUrl.echostr_urlencoded_in_query);
    expect(verifyUrl({ ...A.verifyUrl, echostr: decoded }, officialCfg, NOW).ok).to.equal(true);
    const spaced = A.verifyUrl.echostr.replaceAll('+', ' ');
    expect(verifyUrl({ ...A.verifyUrl, echostr: spaced }, officialCfg, NOW).ok).to.equal(true);
  });

  it('POST 消息 → 逐字节一致的明文和文本事件（MsgId 超过 2^53 仍精确）', () => {
    const r = decodeMessage(A.post, A.post.body, officialCfg, NOW);
    if (!r.ok) throw new Error(r.refusal.reason);
    expect(r.plaintextXml).to.equal(A.post.expected_plaintext);
    expect(r.event).to.deep.equal({
      type: 'text',
      corpId: 'wx5823bf96d3bd56c7',
      fromUser: 'mycreate',
      createTime: 1409659813,
      agentId: 218,
      msgId: '4561255354251345929',
      content: 'hello',
      dedupeKey: 'msg:4561255354251345929',
    });
  });

  it('被动回复：固定随机前缀、时间戳和 nonce 时得到推导向量的 Encrypt 与 MsgSignature', () => {
    const d = A.passiveReply_derived;
    const xml = encryptReply(d.plaintext, officialCfg, {
      timestamp: d.timestamp,
      nonce: d.nonce,
      random: Buffer.from(d.random16_ascii, 'ascii'),
    });
    const parsed = parseXml(xml);
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(text(parsed.root, 'Encrypt')).to.equal(d.expected_encrypt);
    expect(text(parsed.root, 'MsgSignature')).to.equal(d.expected_msg_signature);
    expect(text(parsed.root, 'TimeStamp')).to.equal(d.timestamp);
    expect(text(parsed.root, 'Nonce')).to.equal(d.nonce);
  });
});

describe('bot/wecom/callback 往返', () => {
  it('员工发来“明天下午请半天病假” → 解出文本事件', () => {
    const { query, body } = wecomPost(inbound('text'));
    const r = decodeMessage(query, body, testCfg, NOW);
    if (!r.ok) throw new Error(r.refusal.reason);
    expect(r.event.type).to.equal('text');
    if (r.event.type === 'text') expect(r.event.content).to.equal('明天下午请半天病假');
  });

  it('加密的被动回复能被 WeCom 一侧（同一套算法）验签并解密', () => {
    const reply = buildTextReply({ toUser: 'ZhangSan', corpId: testCfg.corpId, createTime: 1795489200, content: '收到，正在处理' });
    const xml = encryptReply(reply, testCfg, { timestamp: NOW_TS, nonce: '42' });
    const parsed = parseXml(xml);
    if (!parsed.ok) throw new Error(parsed.reason);
    const enc = text(parsed.root, 'Encrypt') ?? '';
    expect(text(parsed.root, 'MsgSignature')).to.equal(signature(testCfg.token, NOW_TS, '42', enc));
    const plain = decrypt(testCfg.encodingAesKey, enc, testCfg.corpId);
    expect(plain.ok && plain.message).to.equal(reply);
  });

  it('不给时间戳和 nonce 时自动生成', () => {
    const xml = encryptReply('<xml/>', testCfg);
    expect(xml).to.match(/<TimeStamp>\d{10}<\/TimeStamp>/);
    expect(xml).to.match(/<Nonce><!\[CDATA\[\d{10}\]\]><\/Nonce>/);
  });
});

describe('bot/wecom/callback 拒绝每一种坏请求，且从不抛异常', () => {
  it('签名错误 → 401', () => {
    const { query, body } = wecomPost(inbound('text'));
    const bad = { ...query, msg_signature: '0'.repeat(40) };
    expect(refusal(decodeMessage(bad, body, testCfg, NOW)).status).to.equal(401);
    expect(refusal(verifyUrl({ ...A.verifyUrl, msg_signature: '0'.repeat(40) }, officialCfg, NOW)).status).to.equal(401);
  });

  it('Token 配错 → 401', () => {
    const { query, body } = wecomPost(inbound('text'));
    expect(refusal(decodeMessage(query, body, { ...testCfg, token: 'otherToken' }, NOW)).status).to.equal(401);
  });

  it('篡改密文而不重签 → 401；知道 Token 的人篡改并重签 → 400', () => {
    const { query, encrypted } = wecomPost(inbound('text'));
    const bytes = Buffer.from(encrypted, 'base64');
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0x55;
    const tampered = bytes.toString('base64');
    expect(refusal(decodeMessage(query, envelope(tampered), testCfg, NOW)).status).to.equal(401);
    const resigned = { ...query, msg_signature: signature(testCfg.token, query.timestamp, query.nonce, tampered) };
    const r = refusal(decodeMessage(resigned, envelope(tampered), testCfg, NOW));
    expect(r.status).to.equal(400);
    expect(r.reason).to.match(/cannot decrypt/);
  });

  it('EncodingAESKey 配错 → 400', () => {
    const { query, body } = wecomPost(inbound('text'));
    const wrongKey: CallbackConfig = { ...testCfg, encodingAesKey: 'ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210zyxwvut' };
    expect(refusal(decodeMessage(query, body, wrongKey, NOW)).status).to.equal(400);
  });

  it('明文末尾的 corp id 不是我们的 → 400', () => {
    const { query, body } = wecomPost(inbound('text'), { receiveId: 'wwAnotherCorp' });
    const r = refusal(decodeMessage(query, body, testCfg, NOW));
    expect(r.status).to.equal(400);
    expect(r.reason).to.match(/receive id/);
  });

  it('长度字段与实际内容不符 → 400', () => {
    // Build a plaintext whose length field claims more bytes than present.
    const msg = Buffer.from(inbound('text'));
    const len = Buffer.alloc(4);
    len.writeUInt32BE(msg.length + 100);
    const forged = encryptRaw(Buffer.concat([Buffer.alloc(16, 97), len, msg, Buffer.from(testCfg.corpId)]));
    const q = { msg_signature: signature(testCfg.token, NOW_TS, '1', forged), timestamp: NOW_TS, nonce: '1' };
    const r = refusal(decodeMessage(q, envelope(forged), testCfg, NOW));
    expect(r.status).to.equal(400);
    expect(r.reason).to.match(/bad_length/);
  });

  it('Encrypt 不是 base64 → 400', () => {
    const junk = 'this-is-*not*-base64';
    const q = { msg_signature: signature(testCfg.token, NOW_TS, '1', junk), timestamp: NOW_TS, nonce: '1' };
    const r = refusal(decodeMessage(q, envelope(junk), testCfg, NOW));
    expect(r).to.deep.equal({ status: 400, reason: 'Encrypt: not valid base64' });
    const echo = verifyUrl({ ...q, echostr: junk }, testCfg, NOW);
    expect(refusal(echo).status).to.equal(400);
  });

  it('外层 XML 残缺、没有 Encrypt、空 body、不是 XML → 400', () => {
    const { query } = wecomPost(inbound('text'));
    for (const body of ['<xml><Encrypt>abc</xml>', '<xml><ToUserName>x</ToUserName></xml>', '', 'Encrypt=abc', '{"encrypt":"x"}', '<xml></xml><xml></xml>']) {
      const r = refusal(decodeMessage(query, body, testCfg, NOW));
      expect(r.status, body).to.equal(400);
    }
  });

  it('解密后的内层 XML 残缺或缺少公共字段 → 400', () => {
    for (const plain of ['<xml><ToUserName>a</xml>', 'hello', '<xml><MsgType>text</MsgType></xml>']) {
      const { query, body } = wecomPost(plain);
      const r = refusal(decodeMessage(query, body, testCfg, NOW));
      expect(r.status, plain).to.equal(400);
      expect(r.reason).to.match(/^decrypted message/);
    }
  });

  it('缺少查询参数或参数重复 → 400', () => {
    const { query, body } = wecomPost(inbound('text'));
    expect(refusal(decodeMessage({ timestamp: query.timestamp, nonce: query.nonce }, body, testCfg, NOW))).to.deep.equal({
      status: 400,
      reason: 'missing query parameter(s): msg_signature',
    });
    expect(refusal(decodeMessage({}, body, testCfg, NOW)).reason).to.equal(
      'missing query parameter(s): msg_signature, timestamp, nonce',
    );
    expect(refusal(decodeMessage({ ...query, nonce: ['1', '2'] }, body, testCfg, NOW)).status).to.equal(400);
    const { echostr: _e, ...noEcho } = A.verifyUrl;
    expect(refusal(verifyUrl(noEcho, officialCfg, NOW)).reason).to.match(/echostr/);
    expect(refusal(verifyUrl({ ...A.verifyUrl, echostr: '' }, officialCfg, NOW)).status).to.equal(400);
    expect(refusal(decodeMessage({ ...query, timestamp: 'yesterday' }, body, testCfg, NOW)).status).to.equal(400);
  });

  it('时间戳偏离超过 5 分钟 → 403（默认窗口），窗口可注入', () => {
    const stale = String(Number(NOW_TS) - 301);
    const old = wecomPost(inbound('text'), { timestamp: stale });
    const r = refusal(decodeMessage(old.query, old.body, testCfg, NOW));
    expect(r.status).to.equal(403);
    expect(r.reason).to.match(/301 s/);
    const future = wecomPost(inbound('text'), { timestamp: String(Number(NOW_TS) + 400) });
    expect(refusal(decodeMessage(future.query, future.body, testCfg, NOW)).status).to.equal(403);
    const edge = wecomPost(inbound('text'), { timestamp: String(Number(NOW_TS) - 300) });
    expect(decodeMessage(edge.query, edge.body, testCfg, NOW).ok).to.equal(true);
    expect(decodeMessage(old.query, old.body, { ...testCfg, maxClockSkewSeconds: 600 }, NOW).ok).to.equal(true);
    // The 2014 official vectors are refused with the default window.
    expect(refusal(verifyUrl(A.verifyUrl, { ...officialCfg, maxClockSkewSeconds: undefined }, NOW)).status).to.equal(403);
  });

  it('签名错且过期 → 401（先验签，不泄露时间窗口）', () => {
    const old = wecomPost(inbound('text'), { timestamp: '1409659813' });
    expect(refusal(decodeMessage({ ...old.query, msg_signature: 'f'.repeat(40) }, old.body, testCfg, NOW)).status).to.equal(401);
  });

  it('DOCTYPE 攻击：外层的 billion laughs 与 XXE、内层（已签名加密）的 DOCTYPE 都 → 400', () => {
    const { query, encrypted } = wecomPost(inbound('text'));
    const laughs =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">' +
      '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>' +
      `<xml><ToUserName>&lol3;</ToUserName><Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>`;
    const r1 = refusal(decodeMessage(query, laughs, testCfg, NOW));
    expect(r1.status).to.equal(400);
    expect(r1.reason).to.match(/DOCTYPE/);
    const xxe = `<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><xml><Encrypt><![CDATA[${encrypted}]]></Encrypt><ToUserName>&xxe;</ToUserName></xml>`;
    expect(refusal(decodeMessage(query, xxe, testCfg, NOW)).status).to.equal(400);
    const innerAttack = '<!DOCTYPE xml [<!ENTITY a "aaaaaaaaaa">]><xml><ToUserName>c</ToUserName><FromUserName>u</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>&a;</Content><MsgId>1</MsgId></xml>';
    const inner = wecomPost(innerAttack);
    const r2 = refusal(decodeMessage(inner.query, inner.body, testCfg, NOW));
    expect(r2.status).to.equal(400);
    expect(r2.reason).to.match(/DOCTYPE/);
  });

  it('乱七八糟的输入从不抛异常', () => {
    const inputs: Array<[Record<string, string | string[] | undefined>, string]> = [
      [{}, ''],
      [{ msg_signature: 'x', timestamp: '1', nonce: 'n' }, '<'],
      [{ msg_signature: 'x', timestamp: '1', nonce: 'n' }, '<xml><__proto__>1</__proto__><Encrypt>AAAA</Encrypt></xml>'],
      [{ msg_signature: 'x', timestamp: '99999999999999999999', nonce: 'n' }, '<xml><Encrypt>AAAA</Encrypt></xml>'],
      [{ msg_signature: ['a', 'b'], timestamp: '1', nonce: 'n' }, '<xml/>'],
    ];
    for (const [q, body] of inputs) {
      expect(() => decodeMessage(q, body, testCfg, NOW)).not.to.throw();
      expect(() => verifyUrl({ ...q, echostr: body }, testCfg, NOW)).not.to.throw();
      expect(decodeMessage(q, body, testCfg, NOW).ok).to.equal(false);
    }
  });
});

/** WeCom's layout with correct PKCS#7(32) padding around whatever header the test forged. */
function encryptRaw(plain: Buffer): string {
  const padLen = 32 - (plain.length % 32);
  const padded = Buffer.concat([plain, Buffer.alloc(padLen, padLen)]);
  const aes = parseEncodingAesKey(testCfg.encodingAesKey)!;
  const c = createCipheriv('aes-256-cbc', aes.key, aes.iv);
  c.setAutoPadding(false);
  return Buffer.concat([c.update(padded), c.final()]).toString('base64');
}
