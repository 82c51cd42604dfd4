import { expect } from 'chai';
import { useTestDatabase } from '../../helpers/db.js';
import { mongoTokenStore } from '../../../bot/wecom/mongoTokenStore.js';
import { CacheEntryModel } from '../../../models/cacheEntry.js';

describe('bot/wecom/mongoTokenStore 多实例共享的 access_token', () => {
  useTestDatabase();

  it('没有时读到 undefined；写入后任何实例都读到同一个；再写覆盖', async () => {
    const a = mongoTokenStore('wecom:token:ww1:1');
    const b = mongoTokenStore('wecom:token:ww1:1');
    expect(await a.read()).to.equal(undefined);
    await a.write({ token: 'T1', expiresAt: Date.UTC(2026, 10, 22, 4) });
    expect(await b.read()).to.deep.equal({ token: 'T1', expiresAt: Date.UTC(2026, 10, 22, 4) });
    await b.write({ token: 'T2', expiresAt: Date.UTC(2026, 10, 22, 5) });
    expect((await a.read())?.token).to.equal('T2');
    expect(await CacheEntryModel.countDocuments()).to.equal(1);
    expect(await mongoTokenStore('wecom:jsapi:ww1').read()).to.equal(undefined);
  });

  it('两个实例同时第一次写入也不会出错', async () => {
    const stores = Array.from({ length: 6 }, () => mongoTokenStore('wecom:token:race'));
    await Promise.all(stores.map((s, i) => s.write({ token: `T${i}`, expiresAt: Date.now() + 7_200_000 })));
    expect(await CacheEntryModel.countDocuments({ _id: 'wecom:token:race' })).to.equal(1);
  });
});
