import { expect } from 'chai';
import {
  chineseNumber, formatClock, interviewerChange, isBareClock, isListQuery, parseChannel, parseChoice, parseClock, parseDuration, parseKind, parsePlace,
} from '../../../flows/interview/parse.js';

const clock = (t: string) => {
  const c = parseClock(t);
  return c ? formatClock(c) : undefined;
};

describe('面试：文字里的时间、时长、形式、地点、序号', () => {
  it('钟点：3点半 → 15:30，15:30，下午三点，十点一刻，上午9点，晚上7点，中午12点', () => {
    expect(clock('3点半')).to.equal('15:30');
    expect(clock('15:30')).to.equal('15:30');
    expect(clock('15：30')).to.equal('15:30');
    expect(clock('下午三点')).to.equal('15:00');
    expect(clock('十点一刻')).to.equal('10:15');
    expect(clock('上午9点')).to.equal('09:00');
    expect(clock('晚上7点')).to.equal('19:00');
    expect(clock('中午12点')).to.equal('12:00');
    expect(clock('两点四十五分')).to.equal('14:45');
    expect(clock('9点')).to.equal('09:00'); // 8–11 without 上午/下午: the morning
    expect(clock('周二')).to.equal(undefined);
  });

  it('只说钟点的回答（改成4点 / 3点半）和带日期的说法分得开', () => {
    expect(isBareClock('改成4点')).to.equal(true);
    expect(isBareClock('3点半吧')).to.equal(true);
    expect(isBareClock('15:30')).to.equal(true);
    expect(isBareClock('下周二下午3点')).to.equal(false);
    expect(isBareClock('明早9点')).to.equal(false);
  });

  it('中文数字', () => {
    expect(chineseNumber('十二')).to.equal(12);
    expect(chineseNumber('二十')).to.equal(20);
    expect(chineseNumber('两')).to.equal(2);
    expect(chineseNumber('45')).to.equal(45);
  });

  it('时长：1小时、半小时、一个半小时、30分钟；太短太长不算', () => {
    expect(parseDuration('时长1小时')).to.equal(60);
    expect(parseDuration('半小时就够')).to.equal(30);
    expect(parseDuration('一个半小时')).to.equal(90);
    expect(parseDuration('面30分钟')).to.equal(30);
    expect(parseDuration('5分钟')).to.equal(undefined);
    expect(parseDuration('下午3点')).to.equal(undefined);
  });

  it('形式：视频会议是线上，视频面试是单向录制，到公司是现场', () => {
    expect(parseKind('视频会议')).to.equal('online');
    expect(parseKind('腾讯会议')).to.equal('online');
    expect(parseKind('视频面试')).to.equal('video');
    expect(parseKind('视频')).to.equal('video');
    expect(parseKind('现场')).to.equal('onsite');
    expect(parseKind('来公司面谈')).to.equal('onsite');
    expect(parseKind('好的')).to.equal(undefined);
  });

  it('地点：地点是… / 会议室… / 在…会议室 / 会议链接', () => {
    expect(parsePlace('地点是公司3楼301会议室')).to.equal('公司3楼301会议室');
    expect(parsePlace('会议号 123-456-789')).to.equal('会议号 123-456-789');
    expect(parsePlace('在总部5楼大会议室')).to.equal('总部5楼大会议室');
    expect(parsePlace('https://meeting.tencent.com/dm/abc123')).to.equal('https://meeting.tencent.com/dm/abc123');
    expect(parsePlace('下周二下午3点')).to.equal(undefined);
  });

  it('序号：1、第二个、选3；超出范围或不是序号的不算', () => {
    expect(parseChoice('1', 3)).to.equal(0);
    expect(parseChoice('第二个', 3)).to.equal(1);
    expect(parseChoice('选3', 3)).to.equal(2);
    expect(parseChoice('4', 3)).to.equal(undefined);
    expect(parseChoice('下午1点', 3)).to.equal(undefined);
  });

  it('邀请方式、换面试官', () => {
    expect(parseChannel('微信发送')).to.equal('wechaty');
    expect(parseChannel('用招聘微信发给他')).to.equal('wechaty');
    expect(parseChannel('我来转发')).to.equal('forward');
    expect(parseChannel('确认')).to.equal(undefined);
    expect(interviewerChange('面试官换成王强')).to.equal('王强');
    expect(interviewerChange('面试官改为欧阳娜娜吧')).to.equal('欧阳娜娜');
  });

  it('查询还是安排：今天有哪些面试 / 张伟的面试 是查询；帮我约张伟面试 不是', () => {
    expect(isListQuery('今天有哪些面试', false)).to.equal(true);
    expect(isListQuery('张伟的面试', false)).to.equal(true);
    expect(isListQuery('这周的面试安排', false)).to.equal(true);
    expect(isListQuery('帮我约张伟面试', false)).to.equal(false);
    expect(isListQuery('把张伟的面试改到周三', false)).to.equal(false);
    expect(isListQuery('张伟的面试', true)).to.equal(false);
  });
});
