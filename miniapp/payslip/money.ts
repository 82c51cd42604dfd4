/**
 * Money on the payslip page and PDF: fen in, `12,000.00` out, and the three
 * totals people look for (应发, 扣除, 实发). Pure.
 */
import type { SlipContent } from '../../models/payslip.js';

/** 1234567 → `12,345.67`; −80000 → `-800.00`. */
export function formatYuan(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const yuan = Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${yuan}.${String(abs % 100).padStart(2, '0')}`;
}

export interface SlipTotals {
  /** Sum of the positive money lines (应发合计). */
  readonly grossCents: number;
  /** Sum of the negative money lines, as a negative number (扣除合计). */
  readonly deductionCents: number;
  readonly netCents: number;
}

export function slipTotals(c: Pick<SlipContent, 'lines' | 'netCents'>): SlipTotals {
  let gross = 0;
  let deductions = 0;
  for (const l of c.lines) {
    if (l.kind !== 'money') continue;
    if (l.cents >= 0) gross += l.cents;
    else deductions += l.cents;
  }
  return { grossCents: gross, deductionCents: deductions, netCents: c.netCents };
}
