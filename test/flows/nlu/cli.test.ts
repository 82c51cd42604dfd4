/** `npm run --silent nlu`: one JSON line out per line in, nothing else on stdout. */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));

function runCli(input: string, env: Record<string, string> = {}): { stdout: string; status: number | null } {
  const res = spawnSync('npm', ['run', '--silent', 'nlu'], {
    cwd: root,
    input,
    encoding: 'utf8',
    // A process TZ far from Shanghai: every date must still come out in TZ_NAME.
    env: { ...process.env, TZ: 'America/New_York', TZ_NAME: 'Asia/Shanghai', ...env },
    timeout: 60_000,
  });
  return { stdout: res.stdout, status: res.status };
}

describe('npm run nlu（JSON 行进，JSON 行出）', function () {
  this.timeout(60_000);

  it('每行输入一行输出，坏行给 error 并继续，stdout 没有别的东西', () => {
    const lines = [
      JSON.stringify({ text: '明天下午请半天', now: '2026-11-22T10:00:00+08:00' }),
      'this is not json',
      '',
      JSON.stringify({ text: '约张伟下周二下午3点面试产品经理', now: '2026-11-22T10:00:00+08:00' }),
      JSON.stringify({ now: '2026-11-22T10:00:00+08:00' }),
      JSON.stringify({ text: '上个月工资条', now: 'yesterday' }),
      JSON.stringify({ text: '上个月工资条', now: '2026-11-22T10:00:00+08:00' }),
    ];
    const { stdout, status } = runCli(`${lines.join('\n')}\n`);
    expect(status).to.equal(0);
    const out = stdout.split('\n');
    expect(out.pop()).to.equal(''); // trailing newline, nothing after it
    expect(out).to.have.length(6); // the blank line is not an input
    const parsed = out.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(parsed[0]).to.deep.equal({
      intent: 'leave.request',
      slots: { start: '2026-11-23', end: '2026-11-23', startPeriod: 'pm', endPeriod: 'pm', days: 0.5 },
      confidence: parsed[0]!['confidence'],
    });
    expect(parsed[0]!['confidence']).to.be.a('number');
    expect(parsed[1]).to.have.keys('error');
    expect(parsed[2]).to.deep.include({ intent: 'interview.schedule' });
    expect(parsed[2]!['slots']).to.deep.equal({ candidateName: '张伟', position: '产品经理', time: '2026-11-24T15:00' });
    expect(parsed[3]).to.have.keys('error');
    expect(parsed[4]).to.have.keys('error');
    expect(parsed[5]).to.deep.include({ intent: 'payslip.query', slots: { month: '2026-10' } });
  });

  it('节日名用产品自带的节假日日历：春节后第一天', () => {
    const line = `${JSON.stringify({ text: '春节后第一天请两天年假', now: '2026-01-20T10:00:00+08:00' })}\n`;
    const out = JSON.parse(runCli(line).stdout) as { slots: Record<string, unknown> };
    expect(out.slots).to.deep.include({ start: '2026-02-24', days: 2, leaveType: 'annual' });
  });

  it('TZ_NAME 决定“明天”是哪天', () => {
    const line = `${JSON.stringify({ text: '明天请假', now: '2026-11-22T10:00:00+08:00' })}\n`;
    const ny = JSON.parse(runCli(line, { TZ_NAME: 'America/New_York', TZ: 'UTC' }).stdout) as { slots: { start: string } };
    expect(ny.slots.start).to.equal('2026-11-22');
    const sh = JSON.parse(runCli(line, { TZ: 'UTC' }).stdout) as { slots: { start: string } };
    expect(sh.slots.start).to.equal('2026-11-23');
  });
});
