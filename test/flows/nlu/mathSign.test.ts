import { expect } from 'chai';
import { warmUp, understand } from '../../../flows/nlu/index.js';

describe('加载 natural 不影响全局 Math.sign', () => {
  it('warmUp 之后 Math.sign(0) 仍然是 0', () => {
    warmUp();
    understand('我的年假还剩几天', { now: new Date('2026-11-22T10:00:00+08:00'), tz: 'Asia/Shanghai' });
    expect(Math.sign(0)).to.equal(0);
    expect(Math.sign(-3)).to.equal(-1);
  });
});
