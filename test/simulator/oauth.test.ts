/**
 * The simulated WeCom page sign-in: the authorize page checks its parameters
 * like WeCom, signs in as the member chosen in the console (cookie) or offers
 * a chooser, and redirects with a code that works once, for five minutes.
 */
import { expect } from 'chai';
import { SIM_USER_COOKIE } from '../../simulator/index.js';
import { CORP, startRig, type Rig } from './harness.js';

describe('企业微信模拟器：网页授权', () => {
  let rig: Rig;
  beforeEach(async () => {
    rig = await startRig();
  });
  afterEach(() => rig.stop());

  const authorize = (params: Record<string, string>, cookie?: string) => {
    const q = new URLSearchParams({
      appid: CORP.corpId, redirect_uri: 'http://app.example:3000/auth/wecom/callback', response_type: 'code', scope: 'snsapi_base', state: 'abc123', agentid: String(CORP.agentId), ...params,
    });
    return fetch(`${rig.base}/connect/oauth2/authorize?${q.toString()}`, { redirect: 'manual', headers: cookie ? { cookie } : {} });
  };

  it('控制台选了王芳：直接带着 code 和 state 跳回应用；code 只能换一次身份', async () => {
    const res = await authorize({}, `${SIM_USER_COOKIE}=WangFang`);
    expect(res.status).to.equal(302);
    const back = new URL(res.headers.get('location') ?? '');
    expect(`${back.origin}${back.pathname}`).to.equal('http://app.example:3000/auth/wecom/callback');
    expect(back.searchParams.get('state')).to.equal('abc123');
    const code = back.searchParams.get('code') ?? '';
    expect(await rig.client.auth.getUserInfo(code)).to.deep.equal({ kind: 'member', userId: 'WangFang', userTicket: undefined });
    let err: unknown;
    try {
      await rig.client.auth.getUserInfo(code);
    } catch (e) {
      err = e;
    }
    expect(String(err)).to.contain('40029');
  });

  it('五分钟后 code 失效（40029）；snsapi_privateinfo 多给 user_ticket', async () => {
    const res = await authorize({ scope: 'snsapi_privateinfo' }, `${SIM_USER_COOKIE}=LiNa`);
    const code = new URL(res.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const fresh = await authorize({}, `${SIM_USER_COOKIE}=LiNa`);
    const later = new URL(fresh.headers.get('location') ?? '').searchParams.get('code') ?? '';
    expect((await rig.client.auth.getUserInfo(code)).kind === 'member').to.equal(true);
    rig.clock.advance(5 * 60_000 + 1);
    let err: unknown;
    try {
      await rig.client.auth.getUserInfo(later);
    } catch (e) {
      err = e;
    }
    expect(String(err)).to.contain('40029');
    const again = await authorize({ scope: 'snsapi_privateinfo' }, `${SIM_USER_COOKIE}=LiNa`);
    const c2 = new URL(again.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const who = await rig.client.auth.getUserInfo(c2);
    expect(who.kind === 'member' && who.userTicket).to.be.a('string');
  });

  it('没有选人：显示成员列表；点了谁就以谁登录并记住', async () => {
    const page = await authorize({});
    expect(page.status).to.equal(200);
    const html = await page.text();
    expect(html).to.contain('企业微信登录（模拟）').and.to.contain('王芳').and.to.contain('李娜');
    expect(html).to.not.contain('离职者');
    const picked = await authorize({ userid: 'LiNa' });
    expect(picked.status).to.equal(302);
    expect(picked.headers.get('set-cookie')).to.contain(`${SIM_USER_COOKIE}=LiNa`);
    const code = new URL(picked.headers.get('location') ?? '').searchParams.get('code') ?? '';
    expect(await rig.client.auth.getUserInfo(code)).to.include({ userId: 'LiNa' });
  });

  it('参数不对就停在错误页：appid、回调域名不在可信域名、state 含特殊字符、agentid 不对', async () => {
    for (const bad of [{ appid: 'other' }, { redirect_uri: 'http://evil.example/cb' }, { state: 'a b' }, { agentid: '1' }, { response_type: 'token' }] as Array<Record<string, string>>) {
      const res = await authorize(bad, `${SIM_USER_COOKIE}=WangFang`);
      expect(res.status, JSON.stringify(bad)).to.equal(400);
      expect(await res.text()).to.contain('无法完成授权');
    }
  });
});
