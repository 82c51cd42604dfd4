import { expect } from 'chai';
import { useTestDatabase } from '../helpers/db.js';
import { Scheduler, type CronJob } from '../../scheduler/registry.js';
import { CronStateModel } from '../../models/cronState.js';
import { silentLogger } from '../../lib/logger.js';
import { acquireLease, releaseLease } from '../../models/lease.js';

function job(name: string, run: CronJob['run'], timeoutMs = 1000): CronJob {
  return { name, cron: '*/5 * * * *', timeoutMs, run };
}

describe('定时任务 scheduler/registry', () => {
  useTestDatabase();
  const tick = new Date('2026-11-23T01:00:00Z');

  it('两个实例抢同一个 tick：只运行一次，运行记录可查', async () => {
    let runs = 0;
    const make = (id: string) => new Scheduler({ tz: 'Asia/Shanghai', instanceId: id, logger: silentLogger }).register(job('digest', async () => {
      runs += 1;
    }));
    const [a, b] = [make('a'), make('b')];
    const outcomes = await Promise.all([a.tick('digest', tick), b.tick('digest', new Date(tick.getTime() + 2000))]);
    expect(outcomes.sort()).to.deep.equal(['ok', 'skipped']);
    expect(runs).to.equal(1);
    const [status] = await a.status();
    expect(status).to.include({ _id: 'digest', lastOutcome: 'ok', runs: 1, failures: 0 });
    expect(await a.tick('digest', new Date(tick.getTime() + 5 * 60_000))).to.equal('ok');
    expect(runs).to.equal(2);
  });

  it('任务抛错会被记录，下一次照常运行；超时会中止并记为 timeout', async () => {
    let calls = 0;
    const s = new Scheduler({ tz: 'Asia/Shanghai', instanceId: 'x', logger: silentLogger })
      .register(job('flaky', async () => {
        calls += 1;
        if (calls === 1) throw new Error('boom');
      }))
      .register(job('slow', async ({ signal }) => {
        await new Promise((resolve) => signal.addEventListener('abort', resolve));
      }, 50));
    expect(await s.tick('flaky', tick)).to.equal('error');
    expect((await CronStateModel.findById('flaky').lean())?.lastError).to.equal('boom');
    expect(await s.tick('flaky', new Date(tick.getTime() + 300_000))).to.equal('ok');
    expect(await s.tick('slow', tick)).to.equal('timeout');
    expect((await CronStateModel.findById('slow').lean())?.lastOutcome).to.equal('timeout');
  });

  it('拒绝无效的 cron 表达式和重名任务', () => {
    const s = new Scheduler({ tz: 'Asia/Shanghai', instanceId: 'x', logger: silentLogger });
    expect(() => s.register({ ...job('bad', async () => undefined), cron: 'every day' })).to.throw(/invalid cron/);
    s.register(job('one', async () => undefined));
    expect(() => s.register(job('one', async () => undefined))).to.throw(/duplicate/);
  });

  it('租约：过期前只有持有者能续，过期后别人能拿', async () => {
    const t0 = new Date('2026-11-23T00:00:00Z');
    expect(await acquireLease('sender', 'a', 10_000, t0)).to.equal(true);
    expect(await acquireLease('sender', 'b', 10_000, new Date(t0.getTime() + 5000))).to.equal(false);
    expect(await acquireLease('sender', 'a', 10_000, new Date(t0.getTime() + 5000))).to.equal(true);
    expect(await acquireLease('sender', 'b', 10_000, new Date(t0.getTime() + 16_000))).to.equal(true);
    await releaseLease('sender', 'b');
    expect(await acquireLease('sender', 'a', 10_000, new Date(t0.getTime() + 17_000))).to.equal(true);
  });
});
