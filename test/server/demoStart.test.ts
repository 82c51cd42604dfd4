/**
 * `npm start`'s entry point on a fresh data directory with PORT=0, as a
 * process manager might start it: the app picks a free port, prints it, and
 * the demo's WeCom simulator (which lives at that port) carries a message to
 * the bot and the answer back.
 */
import { expect } from 'chai';
import { startDemoApp, type DemoApp } from '../browser/console.harness.js';

interface ChatItem { readonly kind: string; readonly content?: { readonly msgtype: string; readonly content?: string } }

describe('npm start：演示模式，PORT=0', function () {
  this.timeout(90_000);
  let app: DemoApp;
  before(async () => {
    app = await startDemoApp();
  });
  after(() => app?.stop());

  it('打印真实端口；健康检查正常；在控制台说“帮助”经模拟器到达机器人，回复回到聊天里', async () => {
    expect(app.url).to.match(/^http:\/\/localhost:[1-9]\d*$/);
    const health = (await (await fetch(`${app.url}/healthz`)).json()) as { status: string; db: string; mode: string };
    expect(health).to.include({ status: 'ok', db: 'up', mode: 'demo' });
    const said = await fetch(`${app.url}/console/api/chat/WangFang/say`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', Origin: app.url }, body: JSON.stringify({ text: '帮助' }),
    });
    expect(said.status, await said.clone().text()).to.equal(200);
    const deadline = Date.now() + 30_000;
    let texts: string[] = [];
    while (Date.now() < deadline) {
      const chat = (await (await fetch(`${app.url}/console/api/chat/WangFang`)).json()) as { items: ChatItem[] };
      texts = chat.items.filter((i) => i.kind === 'bot' && i.content?.msgtype === 'text').map((i) => i.content?.content ?? '');
      if (texts.some((t) => t.includes('请假'))) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(texts.some((t) => t.includes('请假')), texts.join('\n')).to.equal(true);
  });
});
