import { expect } from 'chai';
import { ConfigError, loadConfig } from '../../lib/config.js';

const WECOM = {
  WECOM_CORP_ID: 'wx5823bf96d3bd56c7',
  WECOM_AGENT_ID: '1000002',
  WECOM_SECRET: 's3cr3t-value',
  WECOM_TOKEN: 'QDG6eK',
  WECOM_ENCODING_AES_KEY: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
  APP_SECRET: 'a-long-enough-app-secret',
};

describe('配置 lib/config', () => {
  it('没有任何变量时以演示模式和默认值启动', () => {
    const c = loadConfig({});
    expect(c.mode).to.equal('demo');
    expect(c.port).to.equal(3000);
    expect(c.publicBaseUrl).to.equal('http://localhost:3000');
    expect(c.tz).to.equal('Asia/Shanghai');
    expect(c.dataDir).to.equal('./data');
    expect(c.wecomApiBase).to.equal('https://qyapi.weixin.qq.com');
    expect(c.recordingRetentionDays).to.equal(180);
    expect(c.mongodbUri).to.equal(undefined);
    expect(c.host).to.equal('127.0.0.1');
  });

  it('五项企业微信配置齐全时进入 wecom 模式', () => {
    const c = loadConfig({ ...WECOM, PORT: '8080', PUBLIC_BASE_URL: 'https://hr.example.com/' });
    expect(c.mode).to.equal('wecom');
    expect(c.wecom?.agentId).to.equal(1000002);
    expect(c.publicBaseUrl).to.equal('https://hr.example.com');
    expect(c.host).to.equal('0.0.0.0');
  });

  it('错误的值会报出变量名', () => {
    expect(() => loadConfig({ PORT: 'abc' })).to.throw(ConfigError, /PORT/);
    expect(() => loadConfig({ TZ_NAME: 'Mars/Base' })).to.throw(ConfigError, /TZ_NAME/);
    expect(() => loadConfig({ MONGODB_URI: 'postgres://x' })).to.throw(ConfigError, /MONGODB_URI/);
    expect(() => loadConfig({ ...WECOM, WECOM_ENCODING_AES_KEY: 'short' })).to.throw(ConfigError, /WECOM_ENCODING_AES_KEY/);
  });

  it('只设置部分企业微信配置时指出缺少哪几项', () => {
    try {
      loadConfig({ WECOM_CORP_ID: 'x' });
      expect.fail('should throw');
    } catch (err) {
      expect(err).to.be.instanceOf(ConfigError);
      expect((err as ConfigError).message).to.match(/WECOM_SECRET/).and.match(/WECOM_TOKEN/);
    }
  });

  it('错误信息里不回显密钥的值', () => {
    try {
      loadConfig({ ...WECOM, WECOM_TOKEN: 'bad token with spaces!' });
      expect.fail('should throw');
    } catch (err) {
      expect((err as Error).message).to.match(/WECOM_TOKEN/);
      expect((err as Error).message).not.to.include('bad token with spaces');
    }
  });

  it('生产模式必须有 APP_SECRET', () => {
    const { APP_SECRET: _omit, ...rest } = WECOM;
    expect(() => loadConfig(rest)).to.throw(ConfigError, /APP_SECRET/);
  });
});
