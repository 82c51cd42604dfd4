import { expect } from 'chai';
import type { Context } from 'koa';
import { isSameSiteRequest } from '../../miniapp/sameSite.js';

function ctx(headers: Record<string, string>): Context {
  return { get: (h: string) => headers[h.toLowerCase()] ?? '', protocol: 'https', host: 'hr.example.com' } as unknown as Context;
}

describe('同站表单检查 miniapp/sameSite', () => {
  it('浏览器说 same-origin 就相信（no-referrer 下 Origin 是 null）', () => {
    expect(isSameSiteRequest(ctx({ 'sec-fetch-site': 'same-origin', origin: 'null' }))).to.equal(true);
  });
  it('跨站提交被拒绝', () => {
    expect(isSameSiteRequest(ctx({ 'sec-fetch-site': 'cross-site', origin: 'https://evil.test' }))).to.equal(false);
    expect(isSameSiteRequest(ctx({ 'sec-fetch-site': 'same-site' }))).to.equal(false);
    expect(isSameSiteRequest(ctx({ origin: 'https://evil.test' }))).to.equal(false);
  });
  it('没有 Sec-Fetch-Site 的客户端：没有 Origin 或是本站 Origin 才放行', () => {
    expect(isSameSiteRequest(ctx({}))).to.equal(true);
    expect(isSameSiteRequest(ctx({ origin: 'https://hr.example.com' }))).to.equal(true);
  });
});
