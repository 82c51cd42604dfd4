import { expect } from 'chai';
import nock from 'nock';
import { chunk, splitDays, splitSeconds } from '../../../../bot/wecom/api/checkin-split.js';
import { tokenBucket } from '../../../../bot/wecom/api/rate-limit.js';
import { API, CORP_ID, harness, SECRET } from './harness.js';

const DAY = 86_400;
/** 2026-10-01 00:00 Asia/Shanghai. */
const OCT1 = Date.UTC(2026, 8, 30, 16, 0, 0) / 1000;
const USERS = Array.from({ length: 250 }, (_, i) => `u${String(i + 1).padStart(3, '0')}`);
const ok = { errcode: 0, errmsg: 'ok' };

describe('bot/wecom/api 打卡接口的拆分与限流', () => {
  afterEach(() => nock.cleanAll());

  it('纯函数：按 100 人、30 天切分', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).to.deep.equal([[1, 2], [3, 4], [5]]);
    expect(chunk([], 100)).to.deep.equal([]);
    expect(splitSeconds(OCT1, OCT1 + 45 * DAY - 1)).to.deep.equal([
      [OCT1, OCT1 + 30 * DAY - 1],
      [OCT1 + 30 * DAY, OCT1 + 45 * DAY - 1],
    ]);
    expect(splitSeconds(OCT1, OCT1 + 30 * DAY - 1)).to.have.length(1);
    expect(splitSeconds(OCT1, OCT1 + 30 * DAY)).to.have.length(2);
    expect(splitDays(OCT1, OCT1 + 44 * DAY)).to.deep.equal([
      [OCT1, OCT1 + 29 * DAY],
      [OCT1 + 30 * DAY, OCT1 + 44 * DAY],
    ]);
    expect(splitDays(OCT1, OCT1)).to.deep.equal([[OCT1, OCT1]]);
    expect(() => splitSeconds(OCT1 + 1, OCT1)).to.throw(RangeError);
  });

  it('250 人 × 45 天的打卡记录：6 次请求，请求体逐一核对，结果按时间段再按批次合并', async () => {
    const h = harness();
    nock(API).get('/cgi-bin/gettoken').query({ corpid: CORP_ID, corpsecret: SECRET }).reply(200, { ...ok, access_token: 'T', expires_in: 7200 });
    const windows: Array<[number, number]> = [
      [OCT1, OCT1 + 30 * DAY - 1],
      [OCT1 + 30 * DAY, OCT1 + 45 * DAY - 1],
    ];
    const batches = [USERS.slice(0, 100), USERS.slice(100, 200), USERS.slice(200)];
    const order: string[] = [];
    for (const [starttime, endtime] of windows) {
      for (const useridlist of batches) {
        const body = { opencheckindatatype: 3, starttime, endtime, useridlist };
        nock(API)
          .post('/cgi-bin/checkin/getcheckindata', body)
          .query({ access_token: 'T' })
          .reply(200, () => {
            order.push(`${starttime}:${useridlist[0]}`);
            return { ...ok, checkindata: [{ userid: useridlist[0], checkin_time: starttime, checkin_type: '上班打卡', exception_type: '' }] };
          });
      }
    }
    const records = await h.client.checkin.getData({
      opencheckindatatype: 3,
      starttime: OCT1,
      endtime: OCT1 + 45 * DAY - 1,
      useridlist: USERS,
    });
    expect(nock.pendingMocks()).to.deep.equal([]);
    expect(order).to.deep.equal([
      `${OCT1}:u001`, `${OCT1}:u101`, `${OCT1}:u201`,
      `${OCT1 + 30 * DAY}:u001`, `${OCT1 + 30 * DAY}:u101`, `${OCT1 + 30 * DAY}:u201`,
    ]);
    expect(records.map((r) => `${r.checkin_time}:${r.userid}`)).to.deep.equal(order);
    expect(h.sleeps).to.deep.equal([]); // 6 calls fit in the burst
  });

  it('250 人 × 45 天的日报：按天切分（结束日为当天 0 点）', async () => {
    const h = harness();
    nock(API).get('/cgi-bin/gettoken').query(true).reply(200, { ...ok, access_token: 'T', expires_in: 7200 });
    const expected = [
      { starttime: OCT1, endtime: OCT1 + 29 * DAY, useridlist: USERS.slice(0, 100) },
      { starttime: OCT1, endtime: OCT1 + 29 * DAY, useridlist: USERS.slice(100, 200) },
      { starttime: OCT1, endtime: OCT1 + 29 * DAY, useridlist: USERS.slice(200) },
      { starttime: OCT1 + 30 * DAY, endtime: OCT1 + 44 * DAY, useridlist: USERS.slice(0, 100) },
      { starttime: OCT1 + 30 * DAY, endtime: OCT1 + 44 * DAY, useridlist: USERS.slice(100, 200) },
      { starttime: OCT1 + 30 * DAY, endtime: OCT1 + 44 * DAY, useridlist: USERS.slice(200) },
    ];
    const order: number[] = [];
    expected.forEach((body, i) => {
      nock(API)
        .post('/cgi-bin/checkin/getcheckin_daydata', body)
        .query(true)
        .reply(200, () => {
          order.push(i);
          return { ...ok, datas: [] };
        });
    });
    await h.client.checkin.getDayData({ starttime: OCT1, endtime: OCT1 + 44 * DAY, useridlist: USERS });
    expect(nock.pendingMocks()).to.deep.equal([]);
    expect(order).to.deep.equal([0, 1, 2, 3, 4, 5]);
  });

  it('没有人要查时不发请求', async () => {
    const h = harness();
    expect(await h.client.checkin.getData({ opencheckindatatype: 1, starttime: OCT1, endtime: OCT1 + DAY - 1, useridlist: [] })).to.deep.equal([]);
  });

  it('客户端限流：超出突发额度的调用等待，而不是撞 45009', async () => {
    const h = harness({ rateLimits: { checkinDataPerMinute: 20 } });
    nock(API).get('/cgi-bin/gettoken').query(true).reply(200, { ...ok, access_token: 'T', expires_in: 7200 });
    nock(API).post('/cgi-bin/checkin/getcheckindata').query(true).times(6).reply(200, { ...ok, checkindata: [] });
    await h.client.checkin.getData({ opencheckindatatype: 3, starttime: OCT1, endtime: OCT1 + 45 * DAY - 1, useridlist: USERS });
    // burst 2, then 18 per minute: one permit every 3333.3 ms.
    expect(h.sleeps).to.have.length(4);
    for (const ms of h.sleeps) expect(ms).to.be.within(3333, 3334);
  });

  it('令牌桶：100/分钟 → 先放行 10 个，之后每 667 ms 一个；并发等待者依次排队', async () => {
    const sleeps: number[] = [];
    let clock = 0;
    const bucket = tokenBucket({ perMinute: 100, now: () => clock, sleep: async (ms) => void sleeps.push(ms) });
    await Promise.all(Array.from({ length: 12 }, () => bucket.acquire()));
    expect(sleeps).to.deep.equal([667, 1334]);
    clock += 60_000; // a quiet minute refills the burst, never more
    sleeps.length = 0;
    await Promise.all(Array.from({ length: 10 }, () => bucket.acquire()));
    expect(sleeps).to.deep.equal([]);
    await bucket.acquire();
    expect(sleeps).to.deep.equal([667]);
  });

  it('令牌桶：任意 60 秒内不超过每分钟上限', async () => {
    let clock = 0;
    const times: number[] = [];
    const bucket = tokenBucket({
      perMinute: 600,
      now: () => clock,
      sleep: async (ms) => {
        clock += ms;
      },
    });
    for (let i = 0; i < 2000; i += 1) {
      await bucket.acquire();
      times.push(clock);
    }
    let worst = 0;
    for (let i = 0, j = 0; i < times.length; i += 1) {
      while ((times[i] ?? 0) - (times[j] ?? 0) >= 60_000) j += 1;
      worst = Math.max(worst, i - j + 1);
    }
    expect(worst).to.be.at.most(600);
  });
});
