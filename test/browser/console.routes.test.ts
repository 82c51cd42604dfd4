/**
 * The console's server routes without a browser: the page and its assets, the
 * chat API over the simulator, live `change` events, and `/console/open`,
 * which must never become an open redirect.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { expect } from 'chai';
import { silentLogger } from '../../lib/logger.js';
import { createApp } from '../../server/app.js';
import { consoleRoutes, sameSitePath, type ConsoleRoutes } from '../../miniapp/console/routes.js';
import type { ChatView } from '../../miniapp/web/console/types.js';
import { FakeApp, Clock, CORP, DIRECTORY } from '../simulator/harness.js';
import { createSimulator, type Simulator } from '../../simulator/index.js';
import { clearSession } from '../../server/auth/session.js';

describe('演示控制台：服务端接口', function () {
  this.timeout(30_000);
  let sim: Simulator;
  let fake: FakeApp;
  let routes: ConsoleRoutes;
  let server: Server;
  let base: string;

  before(async () => {
    const clock = new Clock();
    fake = new FakeApp(clock);
    await fake.start();
    sim = await createSimulator({ corp: CORP, callbackUrl: fake.url, directory: DIRECTORY, trustedHosts: [], now: clock.now, callbackRetryDelaysMs: [] });
    routes = consoleRoutes({
      simulator: sim,
      personas: [{ userid: 'WangFang', label: '员工', hint: '请假' }],
      isHr: (u) => u === 'Boss',
      signOut: clearSession,
      publicBaseUrl: 'http://app.example:3000',
      companyName: '测试公司',
      tz: 'Asia/Shanghai',
      logger: silentLogger,
      now: clock.now,
    });
    const app = createApp({ logger: silentLogger, routers: [sim.router, routes.router] });
    server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(async () => {
    routes.close();
    await new Promise((r) => server.close(r));
    await sim.close();
    await fake.stop();
  });

  it('页面带着演示成员的启动数据；脚本和样式按 ETag 缓存', async () => {
    const html = await (await fetch(`${base}/console`)).text();
    expect(html).to.contain('<div id="app">').and.to.contain('"userid":"WangFang"').and.to.contain('测试公司');
    expect(html).to.not.contain('"userid":"Gone"');
    const js = await fetch(`${base}/console/assets/console.js`);
    expect(js.headers.get('content-type')).to.contain('javascript');
    const etag = js.headers.get('etag') ?? '';
    expect((await fetch(`${base}/console/assets/console.js`, { headers: { 'if-none-match': etag } })).status).to.equal(304);
    expect((await fetch(`${base}/console/assets/console.css`)).headers.get('content-type')).to.contain('text/css');
  });

  it('以王芳身份说话：回调送到应用，对话里有这句话和送达状态、时间标签', async () => {
    const r = await fetch(`${base}/console/api/chat/WangFang/say`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: '我的年假还剩几天' }) });
    expect(await r.json()).to.deep.equal({ ok: true });
    expect(fake.events.at(-1)).to.include({ type: 'text', fromUser: 'WangFang' });
    const chat = (await (await fetch(`${base}/console/api/chat/WangFang`)).json()) as ChatView;
    expect(chat.items.at(-1)).to.deep.include({ kind: 'user_text', text: '我的年假还剩几天', timeLabel: '10:00' });
    expect((await fetch(`${base}/console/api/chat/Nobody`)).status).to.equal(404);
    const empty = await fetch(`${base}/console/api/chat/WangFang/say`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text":""}' });
    expect(empty.status).to.equal(400);
  });

  it('有变化时推送 change 事件，说明是谁的对话', async () => {
    const ac = new AbortController();
    const res = await fetch(`${base}/console/api/events`, { signal: ac.signal });
    expect(res.headers.get('content-type')).to.contain('text/event-stream');
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const read = async (until: string) => {
      while (!text.includes(until)) {
        const { value, done } = await reader.read();
        if (done) break;
        text += decoder.decode(value);
      }
    };
    await read('event: hello');
    await sim.enter('LiNa');
    await sim.say('LiNa', '你好');
    await read('event: change');
    expect(text).to.match(/event: change\ndata: \{"seq":\d+,"userids":\["LiNa"\]\}/);
    ac.abort();
  });

  it('打开链接：只打开本应用的地址，并换成该成员的登录身份', async () => {
    const ok = await fetch(`${base}/console/open?as=WangFang&url=${encodeURIComponent('http://app.example:3000/payslip?t=abc')}`, { redirect: 'manual' });
    expect(ok.status).to.equal(302);
    expect(ok.headers.get('location')).to.equal('/payslip?t=abc');
    const cookies = ok.headers.getSetCookie().join('\n');
    expect(cookies).to.contain('hr_session=;').and.to.contain('wecom_sim_user=WangFang');
    for (const url of ['http://evil.example/x', '//evil.example/x', 'javascript:alert(1)', '/\\evil.example']) {
      const bad = await fetch(`${base}/console/open?as=WangFang&url=${encodeURIComponent(url)}`, { redirect: 'manual' });
      expect(bad.status, url).to.equal(400);
    }
    expect(sameSitePath('http://app.example:3000/hr/dashboard#top', ['http://app.example:3000'])).to.equal('/hr/dashboard#top');
  });
});
