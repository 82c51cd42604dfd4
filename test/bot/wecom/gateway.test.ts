import { expect } from 'chai';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import type { InboundEvent } from '../../../bot/wecom/events.js';
import { handleMessage, handleVerify, memoryDedupeStore, type DedupeStore, type GatewayDeps } from '../../../bot/wecom/gateway.js';
import { inbound, NOW, officialCfg, testCfg, vectors, wecomPost } from './helpers.js';

function deps(overrides: Partial<GatewayDeps> = {}): GatewayDeps & { received: InboundEvent[]; lines: string[] } {
  const received: InboundEvent[] = [];
  const lines: string[] = [];
  const logger = pino({ level: 'trace' }, new Writable({ write(c: Buffer, _e, done) { lines.push(c.toString()); done(); } }));
  return {
    cfg: testCfg,
    dedupe: memoryDedupeStore(),
    sink: async (e) => void received.push(e),
    logger,
    now: () => NOW,
    ...overrides,
    received,
    lines,
  };
}

describe('bot/wecom/gateway 回调网关（不含 HTTP 与数据库）', () => {
  it('GET 验证：官方向量原样返回明文', () => {
    const r = handleVerify(vectors.A.verifyUrl, { ...deps(), cfg: officialCfg });
    expect(r).to.deep.equal({ status: 200, contentType: 'text/plain', body: '1616140317555161061' });
  });

  it('GET 验证签名错 → 401，并记日志', () => {
    const d = deps({ cfg: officialCfg });
    const r = handleVerify({ ...vectors.A.verifyUrl, msg_signature: 'x' }, d);
    expect(r.status).to.equal(401);
    expect(d.lines.join('')).to.include('verification refused');
  });

  it('员工发来消息 → 交给下游，立即 200 空 body；WeCom 重试同一条 → 去重，不再交给下游', async () => {
    const d = deps();
    const { query, body } = wecomPost(inbound('text'));
    expect(await handleMessage(query, body, d)).to.deep.equal({ status: 200, contentType: 'text/plain', body: '' });
    expect(await handleMessage(query, body, d)).to.deep.equal({ status: 200, contentType: 'text/plain', body: '' });
    expect(d.received.map((e) => e.dedupeKey)).to.deep.equal(['msg:7391830567124598273']);
    expect(d.lines.join('')).to.include('duplicate wecom callback ignored');
  });

  it('经理连点两次“同意” → 只处理一次', async () => {
    const d = deps();
    const a = wecomPost(inbound('template_card_event'));
    const b = wecomPost(inbound('template_card_event').replace('1795492800', '1795492802'));
    await handleMessage(a.query, a.body, d);
    await handleMessage(b.query, b.body, d);
    expect(d.received).to.have.length(1);
  });

  it('坏请求按拒绝状态返回，不交给下游', async () => {
    const d = deps();
    const { query, body } = wecomPost(inbound('text'));
    const r = await handleMessage({ ...query, msg_signature: '0'.repeat(40) }, body, d);
    expect(r.status).to.equal(401);
    expect(d.received).to.deep.equal([]);
  });

  it('去重存储故障 → 500（让 WeCom 重试），不交给下游', async () => {
    const broken: DedupeStore = { claim: async () => Promise.reject(new Error('mongo down')), release: async () => undefined };
    const d = deps({ dedupe: broken });
    const { query, body } = wecomPost(inbound('text'));
    expect((await handleMessage(query, body, d)).status).to.equal(500);
    expect(d.received).to.deep.equal([]);
  });

  it('下游拒收 → 500 并释放去重键，WeCom 重试时能再处理', async () => {
    const dedupe = memoryDedupeStore();
    let fail = true;
    const accepted: string[] = [];
    const d = deps({
      dedupe,
      sink: async (e) => {
        if (fail) throw new Error('queue full');
        accepted.push(e.dedupeKey);
      },
    });
    const { query, body } = wecomPost(inbound('enter_agent'));
    expect((await handleMessage(query, body, d)).status).to.equal(500);
    expect(dedupe.size).to.equal(0);
    fail = false;
    expect((await handleMessage(query, body, d)).status).to.equal(200);
    expect(accepted).to.deep.equal(['evt:ZhangSan:1795489100:enter_agent']);
  });

  it('不认识的回调也交给下游（不丢），并记一条日志', async () => {
    const d = deps();
    const { query, body } = wecomPost(inbound('unknown-event'));
    await handleMessage(query, body, d);
    expect(d.received[0]?.type).to.equal('unknown');
    expect(d.lines.join('')).to.include('kept as unknown');
  });
});
