import { expect } from 'chai';
import { withBoundPort } from '../../server/runtimeConfig.js';

describe('server/runtimeConfig withBoundPort', () => {
  it('PORT=0：默认的对外地址改成真实端口；显式配置的 PUBLIC_BASE_URL 不动', () => {
    expect(withBoundPort({ port: 0, publicBaseUrl: 'http://localhost:0' }, 41234)).to.deep.equal({ port: 41234, publicBaseUrl: 'http://localhost:41234' });
    expect(withBoundPort({ port: 0, publicBaseUrl: 'https://hr.example.com' }, 41234)).to.deep.equal({ port: 41234, publicBaseUrl: 'https://hr.example.com' });
    const same = { port: 3000, publicBaseUrl: 'http://localhost:3000' };
    expect(withBoundPort(same, 3000)).to.equal(same);
  });
});
