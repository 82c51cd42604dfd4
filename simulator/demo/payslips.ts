/**
 * Two months of made-up payslips for the demo company, written as the CSV HR
 * would import (models/import/payslips.ts: deductions negative, items adding up
 * to 实发工资 to the fen), so the seed goes through the real importer.
 * Figures follow a plausible Shanghai pattern: social insurance and housing
 * fund on a capped base, monthly individual income tax from the 2019 table.
 */
import { DEMO_EMPLOYEES } from './company.js';

/** Monthly base pay by position, in yuan. */
const BASE: Readonly<Record<string, number>> = {
  ZhaoMin: 38000, LiNa: 28000, WangFang: 16500, ZhangWei: 19000, LiuYang: 13000, ChenJie: 21000, YangLi: 12500, GuoPeng: 15500,
  HuangLei: 24000, ZhouXin: 9500, WuTing: 11000, XuQiang: 26000, SunHao: 8000, MaLin: 9000, ZhuTao: 15000,
  HeYan: 23000, GaoJing: 9800, ChenJing: 22000, LinXiao: 10500, LuoQian: 9200,
};

const ITEMS = ['基本工资', '岗位津贴', '绩效奖金', '加班费', '餐费补贴', '养老保险（个人）', '医疗保险（个人）', '失业保险（个人）', '住房公积金（个人）', '个人所得税'] as const;

/** Shanghai 2025–2026 contribution base cap (yuan). */
const SOCIAL_CAP = 37302;

function fen(yuan: number): number {
  return Math.round(yuan * 100);
}

/** Monthly IIT on taxable income (after the 5,000 yuan allowance), 2019 monthly table, in fen. */
function incomeTaxFen(taxableFen: number): number {
  const brackets: ReadonlyArray<[number, number, number]> = [
    [3000, 0.03, 0], [12000, 0.1, 210], [25000, 0.2, 1410], [35000, 0.25, 2660], [55000, 0.3, 4410], [80000, 0.35, 7160], [Infinity, 0.45, 15160],
  ];
  const yuan = taxableFen / 100;
  if (yuan <= 0) return 0;
  const [, rate, quick] = brackets.find(([limit]) => yuan <= limit)!;
  return fen(yuan * rate - quick);
}

/** A small deterministic variation per person and month. */
function wobble(userid: string, month: string, spread: number): number {
  let h = 7;
  for (const c of `${userid}${month}`) h = (h * 31 + c.charCodeAt(0)) % 10_007;
  return ((h % 1000) / 1000 - 0.5) * 2 * spread;
}

/** The import CSV for one month, every demo employee on it. */
export function demoPayslipCsv(month: string): string {
  const rows: string[] = [['userid', 'month', ...ITEMS, '实发工资'].join(',')];
  for (const e of DEMO_EMPLOYEES) {
    const base = fen(BASE[e.userid] ?? 10000);
    const allowance = fen(Math.round((BASE[e.userid] ?? 10000) * 0.1 / 100) * 100);
    const bonus = fen(Math.round(((BASE[e.userid] ?? 10000) * (0.15 + wobble(e.userid, month, 0.08))) / 10) * 10);
    const overtime = e.roles.includes('manager') ? 0 : fen(Math.max(0, Math.round(300 + wobble(e.userid, `${month}ot`, 300))));
    const meal = fen(22 * 25);
    const socialBase = Math.min(base + allowance, fen(SOCIAL_CAP));
    const pension = -Math.round(socialBase * 0.08);
    const medical = -Math.round(socialBase * 0.02);
    const unemployment = -Math.round(socialBase * 0.005);
    const fund = -Math.round(socialBase * 0.07);
    const gross = base + allowance + bonus + overtime + meal;
    const tax = -incomeTaxFen(gross + pension + medical + unemployment + fund - fen(5000));
    const money = [base, allowance, bonus, overtime, meal, pension, medical, unemployment, fund, tax];
    const net = money.reduce((a, b) => a + b, 0);
    const cells = money.map((c, i) => (c === 0 && ITEMS[i] === '加班费' ? '' : (c / 100).toFixed(2)));
    rows.push([e.userid, month, ...cells, (net / 100).toFixed(2)].join(','));
  }
  return `${rows.join('\n')}\n`;
}
