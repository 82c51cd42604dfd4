/**
 * Simulated 打卡: the demo company's generated month follows the 2026 holiday
 * calendar (调休 Saturdays included), is the same on every call, leaves approved
 * leave days empty, and is served in WeCom's shapes with its limits.
 */
import { expect } from 'chai';
import { startOfLocalDay } from '../../lib/time.js';
import { bundledHolidayLookup } from '../../simulator/demo/calendar.js';
import { demoCheckins, DEMO_RULE } from '../../simulator/demo/checkins.js';
import { demoLeaves } from '../../simulator/demo/leaves.js';
import { call, Clock, startRig, token, type Rig } from './harness.js';

const TZ = 'Asia/Shanghai';
const lookup = bundledHolidayLookup();
const ts = (date: string, time = '00:00') => Math.floor(new Date(`${date}T${time}:00+08:00`).getTime() / 1000);

describe('企业微信模拟器：打卡数据', () => {
  describe('演示公司的打卡（生成）', () => {
    const clock = new Clock(new Date('2026-10-12T10:30:00+08:00').getTime());
    const source = demoCheckins({ anchor: '2026-10-12', tz: TZ, lookup, leaves: demoLeaves('2026-10-12', lookup), userids: ['WangFang', 'MaLin', 'SunHao'], now: clock.now });

    it('国庆假期没有打卡，10月10日（周六调休上班）要打卡，周日休息', () => {
      expect(source.day('WangFang', '2026-10-01')).to.deep.include({ workday: false, punches: [] });
      const sat = source.day('WangFang', '2026-10-10');
      expect(sat?.workday).to.equal(true);
      expect(sat?.punches.map((p) => p.kind)).to.deep.equal(['on', 'off']);
      expect(source.day('WangFang', '2026-10-11')).to.deep.include({ workday: false });
    });

    it('同一天每次都一样；数据从锚点前 31 天开始，未来没有', () => {
      expect(source.day('SunHao', '2026-09-29')).to.deep.equal(source.day('SunHao', '2026-09-29'));
      expect(source.day('SunHao', '2026-09-10')).to.equal(undefined);
      expect(source.day('SunHao', '2026-10-13')).to.equal(undefined);
      expect(source.day('Stranger', '2026-09-29')).to.equal(undefined);
    });

    it('王芳有两天迟到、一天缺下班卡（剧本），其余按 9:00–18:00 打卡', () => {
      let late = 0;
      let missing = 0;
      for (let d = new Date('2026-09-11T12:00:00Z'); d <= new Date('2026-10-11T12:00:00Z'); d.setUTCDate(d.getUTCDate() + 1)) {
        const day = source.day('WangFang', d.toISOString().slice(0, 10));
        for (const p of day?.punches ?? []) {
          if (p.at === undefined) missing += 1;
          else if (p.kind === 'on' && p.at > p.scheduledAt) late += 1;
        }
      }
      expect(late).to.be.at.least(2);
      expect(missing).to.be.at.least(1);
    });

    it('今天只有已经发生的打卡：10:30 时有上班卡，没有下班卡', () => {
      const today = source.day('WangFang', '2026-10-12');
      expect(today?.punches.map((p) => p.kind)).to.deep.equal(['on']);
    });

    it('已批准的整天假：没有打卡，带请假信息', () => {
      const leaves = demoLeaves('2026-11-22', lookup);
      const malin = leaves.find((l) => l.key === 'malin-annual')!;
      const src = demoCheckins({ anchor: '2026-11-22', tz: TZ, lookup, leaves, userids: ['MaLin'], now: () => new Date('2026-11-22T10:00:00+08:00') });
      expect(src.day('MaLin', malin.start)).to.deep.include({ workday: true, punches: [], leave: { vacationId: 1, name: '年假', seconds: 86_400 } });
    });
  });

  describe('打卡接口', () => {
    let rig: Rig;
    beforeEach(async () => {
      const clock = new Clock(new Date('2026-11-22T10:00:00+08:00').getTime());
      const source = demoCheckins({ anchor: '2026-11-22', tz: TZ, lookup, leaves: demoLeaves('2026-11-22', lookup), userids: ['WangFang', 'LiNa'], now: clock.now });
      rig = await startRig({ clock, checkins: source });
    });
    afterEach(() => rig.stop());

    it('应用的客户端按 30 天拆分查询；每条记录是企业微信的字段，缺卡是“未打卡”', async () => {
      const records = await rig.client.checkin.getData({ opencheckindatatype: 3, starttime: ts('2026-10-22'), endtime: ts('2026-11-21', '23:59'), useridlist: ['WangFang', 'LiNa'] });
      expect(records.length).to.be.greaterThan(40);
      const first = records[0]!;
      expect(first).to.have.keys(['userid', 'groupname', 'checkin_type', 'exception_type', 'checkin_time', 'location_title', 'location_detail', 'wifiname', 'notes', 'wifimac', 'mediaids', 'lat', 'lng', 'deviceid', 'sch_checkin_time', 'groupid', 'schedule_id', 'timeline_id']);
      expect(first.groupname).to.equal(DEMO_RULE.groupName);
      const missed = records.filter((r) => r.exception_type === '未打卡');
      expect(missed.length).to.be.at.least(1);
      expect(missed.every((r) => r.checkin_time === r.sch_checkin_time && r.location_title === '')).to.equal(true);
      expect(records.some((r) => r.exception_type === '时间异常' && r.checkin_type === '上班打卡')).to.equal(true);
    });

    it('日报：迟到、缺卡的异常码，休息日 day_type=1', async () => {
      const days = await rig.client.checkin.getDayData({ starttime: ts('2026-11-01'), endtime: ts('2026-11-21'), useridlist: ['WangFang'] });
      expect(days).to.have.length(21);
      const sunday = days.find((d) => d.base_info.date === ts('2026-11-01'));
      expect(sunday?.base_info.day_type).to.equal(1);
      const codes = days.flatMap((d) => (d.exception_infos ?? []).map((e) => e.exception));
      expect(codes).to.include(1);
      expect(days.every((d) => d.base_info.rule_info.checkintime[0]?.work_sec === 9 * 3600)).to.equal(true);
      expect(days[0]?.base_info).to.include({ acctid: 'WangFang', name: '王芳', date: Math.floor(startOfLocalDay('2026-11-01', TZ).getTime() / 1000) });
    });

    it('超过 30 天或开始晚于结束：301024；超过 100 人：参数错误', async () => {
      const t = await token(rig.base);
      const body = (b: Record<string, unknown>) => call(rig.base, '/cgi-bin/checkin/getcheckindata', { query: { access_token: t }, body: { opencheckindatatype: 3, useridlist: ['WangFang'], ...b } });
      expect(await body({ starttime: ts('2026-10-01'), endtime: ts('2026-11-21') })).to.include({ errcode: 301024 });
      expect(await body({ starttime: ts('2026-11-21'), endtime: ts('2026-11-01') })).to.include({ errcode: 301024 });
      expect(await body({ starttime: ts('2026-11-01'), endtime: ts('2026-11-02'), useridlist: Array.from({ length: 101 }, (_, i) => `u${i}`) })).to.include({ errcode: 40058 });
    });

    it('打卡规则：固定 9:00–18:00，同步法定节假日', async () => {
      const info = await rig.client.checkin.getOption({ datetime: ts('2026-11-23'), useridlist: ['WangFang'] });
      expect(info[0]?.group).to.include({ groupname: DEMO_RULE.groupName, sync_holidays: true });
      expect(info[0]?.group.checkindate[0]?.checkintime[0]).to.include({ work_sec: 32_400, off_work_sec: 64_800 });
    });
  });
});
