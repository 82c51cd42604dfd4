import { expect } from 'chai';
import { normalize } from '../../../flows/nlu/normalize.js';
import { chineseToNumber, convertNumerals } from '../../../flows/nlu/numerals.js';

describe('NLU 输入规整', () => {
  const cases: Array<[string, string, string]> = [
    ['全角数字和字母变半角', '１２月２４日请ＬＥＡＶＥ', '12月24日请假'],
    ['全角冒号和波浪线', '１５：３０～１６：００', '15:30~16:00'],
    ['繁体字转简体', '後天請假，週五面試', '后天请假,周五面试'],
    ['去掉表情和微信表情码', '明天请假🙏[捂脸]', '明天请假'],
    ['👌 当作“好”', '👌', '好'],
    ['拼音输入错字：请价/清假/年价/工资调', '请价 清假 年价 工资调', '请假请假年假工资条'],
    ['中英混输', '查下payslip', '查下工资条'],
    ['汉字之间的空格去掉，数字之间的保留', '明天 请 假 138 0013 8000', '明天请假138 0013 8000'],
    ['两天半 → 2天半', '请两天半年假', '请2天半年假'],
    ['十二月二十三号 → 12月23号', '十二月二十三号', '12月23号'],
    ['三点半 / 三点四十', '三点半到三点四十', '3点半到3点40'],
    ['二〇二六年', '二〇二六年三月五日', '2026年3月5日'],
    ['周一、查一下、快一点不变', '周一查一下，快一点', '周一查一下,快一点'],
    ['十一（国庆）单独出现不转换', '十一后请假', '十一后请假'],
  ];
  for (const [name, input, expected] of cases) {
    it(`${name}：${input}`, () => expect(normalize(input)).to.equal(expected));
  }

  it('中文数字取值', () => {
    expect(chineseToNumber('二十三')).to.equal(23);
    expect(chineseToNumber('十二')).to.equal(12);
    expect(chineseToNumber('十')).to.equal(10);
    expect(chineseToNumber('一百零五')).to.equal(105);
    expect(chineseToNumber('两')).to.equal(2);
    expect(chineseToNumber('二〇二六')).to.equal(2026);
    expect(chineseToNumber('三点')).to.equal(undefined);
  });

  it('只在计量单位前转换数字', () => {
    expect(convertNumerals('一天半')).to.equal('1天半');
    expect(convertNumerals('三天后')).to.equal('3天后');
    expect(convertNumerals('星期三')).to.equal('星期三');
    expect(convertNumerals('早一点')).to.equal('早一点');
    expect(convertNumerals('一点半')).to.equal('1点半');
  });
});
