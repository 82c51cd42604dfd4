import { expect } from 'chai';
import { createCipheriv } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { useTestDatabase } from '../helpers/db.js';
import {
  AES_KEY, AGENT_ID, CORP_ID, TOKEN, WecomApp, cardTapXml, signedCallback, textXml,
} from '../helpers/wecomApp.js';
import { encrypt, parseEncodingAesKey, signature } from '../../bot/wecom/crypto.js';
import { InboundEventModel } from '../../models/inboundEvent.js';
import { EmployeeModel } from '../../models/employee.js';

interface Vectors {
  A: {
    token: string; encodingAESKey: string; receiveId: string;
    verifyUrl: { msg_signature: string; timestamp: string; nonce: string; echostr_urlencoded_in_query: string; expected_plaintext: string };
    post: { msg_signature: string; timestamp: string; nonce: string; body: string };
    passiveReply_derived: { timestamp: string; nonce: string; expected_encrypt: string; expected_msg_signature: string };
  };
}
const vectors = JSON.parse(readFileSync(new URL('../fixtures/wecom/vectors.json', import.meta.url), 'utf8')) as Vectors;
const A = vectors.A;

/** 2026-11-22 10:00 +08:00, in seconds. */
const TS = String(Math.floor(new Date('2026-11-22T10:00:00+08:00').getTime() / 1000));

function envelope(encrypted: string): string {
  return `<xml><ToUserName><![CDATA[${CORP_ID}]]></ToUserName><Encrypt><![CDATA[${encrypted}]]></Encrypt><AgentID><![CDATA[${AGENT_ID}]]></AgentID></xml>`;
}

/** Encrypts a hand-made plaintext buffer (to forge a wrong length field). */
function encryptRaw(plain: Buffer): string {
  const padLen = 32 - (plain.length % 32);
  const aes = parseEncodingAesKey(AES_KEY)!;
  const c = createCipheriv('aes-256-cbc', aes.key, aes.iv);
  c.setAutoPadding(false);
  return Buffer.concat([c.update(Buffer.concat([plain, Buffer.alloc(padLen, padLen)])), c.final()]).toString('base64');
}

function signed(encrypted: string, timestamp = TS, nonce = '42'): { query: Record<string, string>; body: string } {
  return { query: { msg_signature: signature(TOKEN, timestamp, nonce, encrypted), timestamp, nonce }, body: envelope(encrypted) };
}

describe('server/routes/wecomCallback 回调地址（真实 Koa 应用 + 真实 HTTP）', () => {
  useTestDatabase();
  let app: WecomApp;

  afterEach(async () => {
    await app?.stop();
  });

  async function post(query: Record<string, string>, body: string | Uint8Array<ArrayBuffer>): Promise<Response> {
    return fetch(`${app.url}/wecom/callback?${new URLSearchParams(query).toString()}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body });
  }

  describe('官方向量（Set A，时钟拨回 2014 年）', () => {
    beforeEach(async () => {
      app = await WecomApp.start({ now: new Date(1409659700_000) });
    });

    it('GET 验证 URL：200 text/plain，正文就是解密出的 1616140317555161061（查询串用企业微信的 %2B %2F %3D 编码）', async () => {
      const v = A.verifyUrl;
      const res = await fetch(`${app.url}/wecom/callback?msg_signature=${v.msg_signature}&timestamp=${v.timestamp}&nonce=${v.nonce}&echostr=${v.echostr_urlencoded_in_query}`);
      expect(res.status).to.equal(200);
      expect(res.headers.get('content-type')).to.match(/^text\/plain/);
      expect(await res.text()).to.equal(v.expected_plaintext);
    });

    it('GET 签名不对 → 401，并把原因写进日志', async () => {
      const v = A.verifyUrl;
      const res = await fetch(`${app.url}/wecom/callback?msg_signature=${'0'.repeat(40)}&timestamp=${v.timestamp}&nonce=${v.nonce}&echostr=${v.echostr_urlencoded_in_query}`);
      expect(res.status).to.equal(401);
      expect(app.logs.join('')).to.include('msg_signature does not match');
    });

    it('POST 官方消息 → 立即 200 空 body；事件按 MsgId 入库，随后由管道处理', async () => {
      const p = A.post;
      const started = performance.now();
      const res = await post({ msg_signature: p.msg_signature, timestamp: p.timestamp, nonce: p.nonce }, p.body);
      expect(res.status).to.equal(200);
      expect(await res.text()).to.equal('');
      expect(performance.now() - started).to.be.lessThan(1_000);
      const rec = await InboundEventModel.findOne({ key: 'msg:4561255354251345929' }).lean();
      expect(rec).to.include({ channel: 'wecom', userKey: 'wecom:mycreate', type: 'text' });
      expect(rec?.payload['text']).to.equal('hello');
      await app.settle();
      // "mycreate" is not on the employee list: the bot says so, through the Outbox.
      expect(app.api.textsTo('mycreate')).to.have.length(1);
    });

    it('推导的被动回复向量（同一套密钥加密签名）也能被正确验签解密并入库', async () => {
      const d = A.passiveReply_derived;
      const res = await post({ msg_signature: d.expected_msg_signature, timestamp: d.timestamp, nonce: d.nonce }, `<xml><ToUserName><![CDATA[${CORP_ID}]]></ToUserName><Encrypt><![CDATA[${d.expected_encrypt}]]></Encrypt></xml>`);
      expect(res.status).to.equal(200);
      expect(await InboundEventModel.exists({ key: 'msg:1234567890123456' })).to.not.equal(null);
    });
  });

  describe('拒绝坏请求（从不因坏输入回 5xx，原因写进日志）', () => {
    beforeEach(async () => {
      app = await WecomApp.start();
    });

    const goodText = () => textXml('wangfang', '你好', Number(TS), '7391830567124598273');

    async function expectRefused(res: Response, status: number, reason: RegExp): Promise<void> {
      expect(res.status).to.equal(status);
      expect(await InboundEventModel.countDocuments()).to.equal(0);
      const logged = app.logs.filter((l) => l.includes('refused')).join('');
      expect(logged).to.match(reason);
    }

    it('签名不对 → 401', async () => {
      const r = signed(encrypt(AES_KEY, goodText(), CORP_ID));
      await expectRefused(await post({ ...r.query, msg_signature: 'f'.repeat(40) }, r.body), 401, /msg_signature does not match/);
    });

    it('外层 XML 残缺 → 400', async () => {
      const r = signed('abc');
      await expectRefused(await post(r.query, '<xml><Encrypt>abc</xml>'), 400, /envelope/);
    });

    it('Encrypt 不是 base64 → 400', async () => {
      const junk = 'this-is-*not*-base64';
      const r = signed(junk);
      await expectRefused(await post(r.query, r.body), 400, /not valid base64/);
    });

    it('EncodingAESKey 不对（对方用了别的密钥）→ 400', async () => {
      const r = signed(encrypt('ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210zyxwvut', goodText(), CORP_ID));
      await expectRefused(await post(r.query, r.body), 400, /cannot decrypt|receive id/);
    });

    it('明文末尾的 corp id 不是我们的 → 400', async () => {
      const r = signed(encrypt(AES_KEY, goodText(), 'wwAnotherCorp'));
      await expectRefused(await post(r.query, r.body), 400, /receive id/);
    });

    it('长度字段与内容不符 → 400', async () => {
      const msg = Buffer.from(goodText());
      const len = Buffer.alloc(4);
      len.writeUInt32BE(msg.length + 100);
      const r = signed(encryptRaw(Buffer.concat([Buffer.alloc(16, 97), len, msg, Buffer.from(CORP_ID)])));
      await expectRefused(await post(r.query, r.body), 400, /bad_length/);
    });

    it('缺少查询参数 → 400', async () => {
      const r = signed(encrypt(AES_KEY, goodText(), CORP_ID));
      await expectRefused(await post({ timestamp: r.query['timestamp']!, nonce: r.query['nonce']! }, r.body), 400, /missing query parameter/);
      const get = await fetch(`${app.url}/wecom/callback?timestamp=1`);
      expect(get.status).to.equal(400);
    });

    it('时间戳过期（超过 5 分钟）→ 403', async () => {
      const stale = String(Number(TS) - 301);
      const r = signed(encrypt(AES_KEY, goodText(), CORP_ID), stale);
      await expectRefused(await post(r.query, r.body), 403, /away from the server clock/);
    });

    it('body 超过 1 MiB → 413（声明了长度的，和分块传输的都拒绝）', async () => {
      const r = signed(encrypt(AES_KEY, goodText(), CORP_ID));
      const big = new Uint8Array(1024 * 1024 + 1).fill(0x20);
      expect((await post(r.query, big)).status).to.equal(413);
      const chunks = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < 17; i += 1) controller.enqueue(new Uint8Array(64 * 1024).fill(0x20));
          controller.close();
        },
      });
      const res = await fetch(`${app.url}/wecom/callback?${new URLSearchParams(r.query).toString()}`, { method: 'POST', body: chunks, duplex: 'half' } as RequestInit);
      expect(res.status).to.equal(413);
      expect(await InboundEventModel.countDocuments()).to.equal(0);
    });

    it('乱七八糟的输入都回 4xx', async () => {
      for (const body of ['', 'Encrypt=abc', '{"encrypt":"x"}', '<!DOCTYPE x [<!ENTITY a "b">]><xml><Encrypt>&a;</Encrypt></xml>']) {
        const res = await post({ msg_signature: 'a'.repeat(40), timestamp: TS, nonce: '1' }, body);
        expect(res.status, body).to.be.within(400, 499);
      }
    });
  });

  describe('去重、存储故障与其他事件', () => {
    it('企业微信重试同一个回调 → 不重复处理；应用重启之后重试也一样', async () => {
      app = await WecomApp.start();
      await EmployeeModel.create({ userid: 'wangfang', name: '王芳', departments: [2], roles: ['employee'], source: 'seed' });
      const request = signedCallback(textXml('wangfang', '我的年假还剩几天', Number(TS), '7391830567124598001'), app.clock.now());
      expect((await app.postSigned(request)).status).to.equal(200);
      expect((await app.postSigned(request)).status).to.equal(200);
      await app.settle();
      expect(app.api.sentTo('wangfang')).to.have.length(1);

      app = await app.restart();
      expect((await app.postSigned(request)).status).to.equal(200);
      await app.settle();
      expect(app.api.sentTo('wangfang')).to.have.length(1);
      expect(await InboundEventModel.countDocuments({ key: 'msg:7391830567124598001' })).to.equal(1);
    });

    it('数据库写不进去 → 500（唯一的 5xx），让企业微信重试；重试成功后正常处理', async () => {
      app = await WecomApp.start();
      const request = signedCallback(textXml('wangfang', '你好', Number(TS), '7391830567124598002'), app.clock.now());
      const original = InboundEventModel.create.bind(InboundEventModel);
      (InboundEventModel as unknown as { create: unknown }).create = async () => { throw new Error('connection refused'); };
      try {
        const res = await app.postSigned(request);
        expect(res.status).to.equal(500);
      } finally {
        (InboundEventModel as unknown as { create: unknown }).create = original;
      }
      expect(app.logs.join('')).to.include('asking WeCom to retry');
      expect((await app.postSigned(request)).status).to.equal(200);
      expect(await InboundEventModel.countDocuments()).to.equal(1);
    });

    it('不认识的事件 → 200，原文入库并记日志，不回复', async () => {
      app = await WecomApp.start();
      const xml = `<xml><ToUserName><![CDATA[${CORP_ID}]]></ToUserName><FromUserName><![CDATA[wangfang]]></FromUserName><CreateTime>${TS}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[brand_new_event]]></Event><AgentID>${AGENT_ID}</AgentID></xml>`;
      expect((await app.post(xml)).status).to.equal(200);
      await app.settle();
      const rec = await InboundEventModel.findOne({ type: 'unknown' }).lean();
      expect(rec?.status).to.equal('done');
      expect(String(rec?.payload['fields'])).to.include('brand_new_event');
      expect(app.logs.join('')).to.include('unrecognised wecom callback');
      expect(app.api.sent()).to.deep.equal([]);
    });

    it('员工发图片 → 回复“只看得懂文字”', async () => {
      app = await WecomApp.start();
      await EmployeeModel.create({ userid: 'wangfang', name: '王芳', departments: [2], roles: ['employee'], source: 'seed' });
      const xml = `<xml><ToUserName><![CDATA[${CORP_ID}]]></ToUserName><FromUserName><![CDATA[wangfang]]></FromUserName><CreateTime>${TS}</CreateTime><MsgType><![CDATA[image]]></MsgType><PicUrl><![CDATA[http://x/y.jpg]]></PicUrl><MediaId><![CDATA[m1]]></MediaId><MsgId>7391830567124598003</MsgId><AgentID>${AGENT_ID}</AgentID></xml>`;
      await app.post(xml);
      expect(await app.nextText('wangfang')).to.include('只看得懂文字');
    });

    it('通讯录变更 → 刷新该员工（user/get）；删除成员 → 停用', async () => {
      app = await WecomApp.start();
      await EmployeeModel.create({ userid: 'zhangsan', name: '张三', departments: [2], roles: ['employee', 'hr'], source: 'import' });
      app.api.handle('/cgi-bin/user/get', () => ({ json: { errcode: 0, errmsg: 'ok', userid: 'zhangsan', name: '张三丰', department: [3], direct_leader: ['lina'], status: 1 } }));
      const change = (type: string) => `<xml><ToUserName><![CDATA[${CORP_ID}]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName><CreateTime>${TS}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_contact]]></Event><ChangeType><![CDATA[${type}]]></ChangeType><UserID><![CDATA[zhangsan]]></UserID></xml>`;
      expect((await app.post(change('update_user'))).status).to.equal(200);
      for (let i = 0; i < 50 && (await EmployeeModel.findOne({ userid: 'zhangsan' }).lean())?.name !== '张三丰'; i += 1) await new Promise((r) => setTimeout(r, 10));
      const updated = await EmployeeModel.findOne({ userid: 'zhangsan' }).lean();
      expect(updated).to.include({ name: '张三丰', managerUserid: 'lina', active: true });
      expect(updated?.roles).to.deep.equal(['employee', 'hr']); // roles are local

      app.clock.advance(1_000);
      expect((await app.post(change('delete_user'))).status).to.equal(200);
      for (let i = 0; i < 50 && (await EmployeeModel.findOne({ userid: 'zhangsan' }).lean())?.active; i += 1) await new Promise((r) => setTimeout(r, 10));
      expect((await EmployeeModel.findOne({ userid: 'zhangsan' }).lean())?.active).to.equal(false);
    });

    it('点卡片的回调也走同一条路：按 任务+按钮+人 去重（连点两次只处理一次）', async () => {
      app = await WecomApp.start();
      const t = Number(TS);
      await app.post(cardTapXml('lina', 'leave-000000000000000000000000', 'approve', 'rc1', t));
      await app.post(cardTapXml('lina', 'leave-000000000000000000000000', 'approve', 'rc2', t + 1));
      expect(await InboundEventModel.countDocuments({ type: 'card_action' })).to.equal(1);
    });
  });
});
