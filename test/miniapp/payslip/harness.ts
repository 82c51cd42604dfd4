/**
 * The payslip pages on a real HTTP server, assembled from the same routers the
 * app mounts (WeCom OAuth + payslip + HR payslip), with a movable clock, a
 * memory Outbox, and WeCom's `auth/getuserinfo` played by nock.
 */
import type { Server } from 'node:http';
import Router from '@koa/router';
import nock from 'nock';
import supertest from 'supertest';
import { expect } from 'chai';
import { createApp } from '../../../server/app.js';
import { oauthRoutes } from '../../../server/auth/wecomOAuth.js';
import { createWecomClient, memoryTokenStore } from '../../../bot/wecom/api/index.js';
import { silentLogger } from '../../../lib/logger.js';
import { payslipRoutes } from '../../../miniapp/payslip/routes.js';
import { hrPayslipRoutes } from '../../../miniapp/hr/payslipRoutes.js';
import { chatLinkFor, noticeLinkFor, payslipLinks, type PayslipLinks } from '../../../miniapp/payslip/link.js';
import { acknowledge, askQuestion } from '../../../flows/payslip/feedback.js';
import { publishPayslips } from '../../../flows/payslip/publish.js';
import { MemoryOutbox } from '../../helpers/memoryOutbox.js';
import { LINK_KEY, PAYSLIP_KEY, SESSION_KEY } from '../../flows/payslip/fixtures.js';
import type { WecomConfig } from '../../../lib/config.js';
import { pageAuth } from '../../../server/auth/pageAuth.js';

export const API = 'https://qyapi.payslip.test';
/** WeCom's authorize page is played on the site itself (a browser cannot reach a made-up host). */
export const OAUTH_PATH = '/_wecom';

export interface PayslipSite {
  readonly server: Server;
  readonly base: string;
  readonly links: PayslipLinks;
  readonly outbox: MemoryOutbox;
  clock: Date;
  /** Who WeCom's authorize page signs in when a real browser comes by. */
  signInAs: string;
  chatLink(userid: string, month: string): string;
  /** A cookie-keeping browser for one person. */
  browser(): supertest.Agent;
  /** Follows the WeCom sign-in from a page that redirected to it, as `userid`; returns the page it lands on. */
  signIn(agent: supertest.Agent, path: string, userid: string): Promise<supertest.Response>;
  close(): Promise<void>;
}

let codes = 0;

export async function startPayslipSite(): Promise<PayslipSite> {
  const wecom: { -readonly [K in keyof WecomConfig]: WecomConfig[K] } = {
    corpId: 'wwpayslip', agentId: 1000002, secret: 'sec', token: 'tok', encodingAesKey: 'a'.repeat(43), apiBase: API, oauthBase: '',
  };
  const client = createWecomClient({ corpId: wecom.corpId, secret: wecom.secret, agentId: wecom.agentId, apiBase: API, tokenStore: memoryTokenStore(), logger: silentLogger });
  const site = { clock: new Date('2026-11-22T02:00:00Z'), signInAs: '' } as { clock: Date; signInAs: string };
  const fakeWecom = new Router();
  fakeWecom.get(`${OAUTH_PATH}/connect/oauth2/authorize`, (ctx) => {
    const code = `PAGE${(codes += 1)}`;
    nock(API).get('/cgi-bin/auth/getuserinfo').query({ access_token: 'T', code }).reply(200, { errcode: 0, errmsg: 'ok', userid: site.signInAs });
    ctx.redirect(`/auth/wecom/callback?code=${code}&state=${String(ctx.query['state'] ?? '')}`);
  });
  const now = () => site.clock;
  const outbox = new MemoryOutbox();
  let base = '';
  const links = payslipLinks(LINK_KEY, 'http://placeholder');
  const session = { key: SESSION_KEY, secureCookies: false, now };
  const hrAdmins: string[] = [];
  const app = createApp({
    logger: silentLogger,
    routers: [
      fakeWecom,
      oauthRoutes({ ...session, wecom, client, publicBaseUrl: 'http://placeholder', logger: silentLogger }),
      payslipRoutes({
        links, auth: pageAuth(session, hrAdmins), now, key: PAYSLIP_KEY, tz: 'Asia/Shanghai', companyName: '示例科技有限公司',
        acknowledge: (u, m) => acknowledge(u, m, 'web', { now: now() }),
        askQuestion: (u, m, t) => askQuestion(u, m, t, 'web', { key: PAYSLIP_KEY, outbox, hrAdmins, linkFor: noticeLinkFor(links), now: now() }),
      }),
      hrPayslipRoutes({
        links, auth: pageAuth(session, hrAdmins), now, key: PAYSLIP_KEY, tz: 'Asia/Shanghai',
        publish: (m, actor) => publishPayslips(m, actor, 'web', { outbox, linkFor: noticeLinkFor(links), tz: 'Asia/Shanghai', now: now() }),
      }),
    ],
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  wecom.oauthBase = `${base}${OAUTH_PATH}`;
  nock(API).persist().get('/cgi-bin/gettoken').query(true).reply(200, { errcode: 0, errmsg: 'ok', access_token: 'T', expires_in: 7200 });

  return Object.assign(site, {
    server, base, links, outbox,
    chatLink: (userid: string, month: string) => chatLinkFor(links)(userid, month, now()).replace('http://placeholder', ''),
    browser: () => supertest.agent(server),
    async signIn(agent: supertest.Agent, path: string, userid: string) {
      const first = await agent.get(path);
      expect(first.status, 'a page without a session sends the browser to sign in').to.equal(302);
      expect(first.headers['location']).to.equal(`/auth/wecom/start?next=${encodeURIComponent(path)}`);
      const start = await agent.get(first.headers['location']!);
      expect(start.status).to.equal(302);
      const authorize = new URL(start.headers['location']!.replace('#wechat_redirect', ''));
      expect(authorize.origin + authorize.pathname).to.equal(`${base}${OAUTH_PATH}/connect/oauth2/authorize`);
      const code = `CODE${(codes += 1)}`;
      nock(API).get('/cgi-bin/auth/getuserinfo').query({ access_token: 'T', code }).reply(200, { errcode: 0, errmsg: 'ok', userid });
      const back = await agent.get(`/auth/wecom/callback?code=${code}&state=${authorize.searchParams.get('state')}`);
      expect(back.status).to.equal(302);
      expect(back.headers['location']).to.equal(path);
      return agent.get(path).set('Accept', 'text/html');
    },
    async close() {
      nock.cleanAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
}
