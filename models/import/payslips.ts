/**
 * `import payslips`: one month of payslips from HR's spreadsheet.
 *
 * File layout (UTF-8 CSV, Excel's BOM allowed):
 *
 *   userid,month,基本工资,绩效奖金,加班费,社保个人部分,公积金个人部分,个税,扣款,（出勤天数）,实发工资
 *   zhangsan,2026-10,12000,2000,350.50,-1050,-960,-816.05,,21.5,11524.45
 *
 * - `userid`, `month` (`YYYY-MM`) and `实发工资` (net pay) are required; every
 *   other column is a line item, named as the company names it, shown on the
 *   slip in the file's order.
 * - **Deductions are written as negative numbers** (社保 -1050). Then the rule
 *   is simple and checked on every row: the money items add up to 实发工资,
 *   to the fen. A positive amount in a column named like a deduction (个税,
 *   社保…, 公积金…, 扣款) is refused as a sign mistake. A column whose header is in brackets — `（出勤天数）`,
 *   `(备注)`, `[应发合计]` — is a memo: shown as written, never summed (use it
 *   for subtotals and non-money facts the company prints on the slip).
 * - An empty cell means the item is not on that person's slip.
 * - **One month per file.** A row with a different month is an error; to load
 *   several months, import one file per month.
 *
 * Every row is validated first and every problem reported with its line
 * number; nothing is written unless the whole file is clean. Re-importing a
 * month replaces it atomically (new batch, then one guarded switch of
 * `PayslipMonth.activeBatchId`; readers only see the active batch; old batches
 * are deleted afterwards). Problem messages never echo an amount from the file.
 */
import { Types } from 'mongoose';
import { EmployeeModel } from '../employee.js';
import { audit } from '../auditLog.js';
import { PayslipModel, PayslipMonthModel, sealSlip, type SlipLine } from '../payslip.js';
import { CsvFormatError, readCsv, type CsvRow, type ImportProblem } from './csv.js';

export const NET_COLUMN = '实发工资';
const FIXED = ['userid', 'month'] as const;
const MAX_ITEM_NAME = 20;
const MAX_MEMO = 40;
/** 1 亿元: anything larger is a typo. */
const MAX_CENTS = 10_000_000_000;
/**
 * Columns that are deductions by name (社保个人部分, 个税, 扣款 …): a positive
 * amount there is a sign mistake, even when 实发工资 was computed to match it.
 * Refunds (个税退还, 社保补缴返还 …) may be positive.
 */
const DEDUCTION_NAME = /个税|所得税|社保|社会保险|公积金|扣款|扣除|代扣|罚款/;
const REFUND_NAME = /退|返|补贴/;

export function isDeductionName(name: string): boolean {
  return DEDUCTION_NAME.test(name) && !REFUND_NAME.test(name);
}

/** A crashed import leaves an inactive batch behind; it is swept once it is this old. */
const ORPHAN_AFTER_MS = 60 * 60_000;

export interface ItemColumn {
  readonly name: string;
  readonly kind: 'money' | 'memo';
}

export interface ParsedRow {
  readonly line: number;
  readonly userid: string;
  readonly lines: readonly SlipLine[];
  readonly netCents: number;
}

export type ParseResult =
  | { readonly ok: true; readonly month: string; readonly columns: readonly ItemColumn[]; readonly rows: readonly ParsedRow[] }
  | { readonly ok: false; readonly problems: readonly ImportProblem[] };

export type PayslipImportResult =
  | {
      readonly ok: true;
      readonly month: string;
      readonly employees: number;
      /** The month existed before and was replaced. */
      readonly replaced: boolean;
      /** The month was already published: employees now see the new figures. */
      readonly published: boolean;
      readonly batchId: string;
    }
  | { readonly ok: false; readonly problems: readonly ImportProblem[] };

export interface PayslipImportOptions {
  /** `keys.payslip`. */
  readonly key: Buffer;
  readonly actor: string;
  readonly channel: 'cli' | 'web';
  readonly now?: Date;
}

/** `（出勤天数）` / `(备注)` / `[应发合计]` → memo named 出勤天数 / 备注 / 应发合计. */
export function itemColumn(header: string): ItemColumn {
  const m = /^[（(\[【]\s*(.+?)\s*[）)\]】]$/.exec(header);
  return m ? { name: m[1]!, kind: 'memo' } : { name: header, kind: 'money' };
}

/**
 * Reads `12000`, `-1,050.5`, `¥350.50` as fen. Two decimals at most; no
 * exponent, no spaces inside. Undefined when it is not such a number.
 */
export function parseCents(raw: string): number | undefined {
  const s = raw.replace(/^[¥￥]/, '').replace(/^(-)[¥￥]/, '$1');
  const m = /^(-)?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return undefined;
  const yuan = Number(m[2]!.replace(/,/g, ''));
  const fen = Number((m[3] ?? '').padEnd(2, '0'));
  const cents = yuan * 100 + fen;
  if (!Number.isSafeInteger(cents) || cents > MAX_CENTS) return undefined;
  return m[1] ? -cents : cents;
}

/** Pure validation of the whole file against the known employees. */
export function parsePayslips(header: readonly string[], rows: readonly CsvRow[], known: ReadonlySet<string>): ParseResult {
  const problems: ImportProblem[] = [];
  const itemHeaders = header.filter((h) => !(FIXED as readonly string[]).includes(h) && h !== NET_COLUMN);
  if (!header.includes(NET_COLUMN)) problems.push({ line: 1, message: `缺少“${NET_COLUMN}”列（实发金额）` });
  if (itemHeaders.length === 0) problems.push({ line: 1, message: '没有任何工资项目列（如 基本工资、个税）' });
  const columns = itemHeaders.map(itemColumn);
  for (const [i, c] of columns.entries()) {
    if (c.name.length === 0 || c.name.length > MAX_ITEM_NAME) problems.push({ line: 1, message: `第 ${i + 3} 列的项目名称应为 1 到 ${MAX_ITEM_NAME} 个字` });
  }
  const names = columns.map((c) => c.name);
  const dupes = names.filter((n, i) => names.indexOf(n) !== i);
  if (dupes.length > 0) problems.push({ line: 1, message: `项目名称重复：${[...new Set(dupes)].join('、')}` });
  if (rows.length === 0) problems.push({ line: 1, message: '文件里没有数据行' });
  if (problems.length > 0) return { ok: false, problems };

  let month: string | undefined;
  let monthLine = 0;
  const seen = new Map<string, number>();
  const parsed: ParsedRow[] = [];
  for (const { line, fields } of rows) {
    const userid = fields['userid'] ?? '';
    const rowMonth = fields['month'] ?? '';
    if (!known.has(userid)) problems.push({ line, message: `员工 ${userid || '（空）'} 不存在，请先导入员工` });
    const first = seen.get(userid);
    if (first !== undefined) problems.push({ line, message: `${userid} 与第 ${first} 行重复（每人每月一行）` });
    else if (userid) seen.set(userid, line);

    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(rowMonth)) {
      problems.push({ line, message: `月份“${rowMonth || '（空）'}”应写成 YYYY-MM，例如 2026-10` });
    } else if (month === undefined) {
      month = rowMonth;
      monthLine = line;
    } else if (rowMonth !== month) {
      problems.push({ line, message: `一个文件只能有一个月份：第 ${monthLine} 行是 ${month}，本行是 ${rowMonth}。多个月份请分成多个文件导入` });
    }

    const lines: SlipLine[] = [];
    let sum = 0;
    let rowOk = true;
    for (const [i, col] of columns.entries()) {
      const raw = fields[itemHeaders[i]!] ?? '';
      if (raw === '') continue;
      if (col.kind === 'memo') {
        if (raw.length > MAX_MEMO) {
          problems.push({ line, message: `“${col.name}”内容太长（最多 ${MAX_MEMO} 个字）` });
          rowOk = false;
        }
        lines.push({ name: col.name, kind: 'memo', text: raw });
        continue;
      }
      const cents = parseCents(raw);
      if (cents === undefined) {
        problems.push({ line, message: `“${col.name}”不是有效金额（应为数字，最多两位小数，扣除项写负数）` });
        rowOk = false;
        continue;
      }
      if (cents > 0 && isDeductionName(col.name)) {
        problems.push({ line, message: `“${col.name}”是扣除项，应写成负数（例如 -320.50）` });
        rowOk = false;
        continue;
      }
      sum += cents;
      lines.push({ name: col.name, kind: 'money', cents });
    }
    const netRaw = fields[NET_COLUMN] ?? '';
    const net = netRaw === '' ? undefined : parseCents(netRaw);
    if (net === undefined) {
      problems.push({ line, message: `“${NET_COLUMN}”${netRaw === '' ? '为空' : '不是有效金额'}` });
      rowOk = false;
    } else if (rowOk && sum !== net) {
      problems.push({ line, message: `各项合计与“${NET_COLUMN}”不一致。扣除项（社保、公积金、个税、扣款等）请写成负数；小计等不参与合计的列请把列名写在括号里，如“（应发合计）”` });
      rowOk = false;
    }
    if (rowOk && lines.length === 0) {
      problems.push({ line, message: '这一行没有任何工资项目' });
      rowOk = false;
    }
    if (rowOk && net !== undefined) parsed.push({ line, userid, lines, netCents: net });
  }
  if (problems.length > 0 || month === undefined) return { ok: false, problems: [...problems].sort((a, b) => a.line - b.line) };
  return { ok: true, month, columns, rows: parsed };
}

/** Validates, then writes a new batch and switches the month to it. */
export async function importPayslips(text: string | Buffer, opts: PayslipImportOptions): Promise<PayslipImportResult> {
  let csv: ReturnType<typeof readCsv>;
  try {
    csv = readCsv(text, [...FIXED]);
  } catch (err) {
    if (err instanceof CsvFormatError) return { ok: false, problems: err.problems };
    throw err;
  }
  const userids = [...new Set(csv.rows.map((r) => r.fields['userid'] ?? '').filter(Boolean))];
  // Anyone on the books, active or not: people who left this month still get their last slip.
  const known = new Set((await EmployeeModel.find({ userid: { $in: userids } }, { userid: 1 }).lean()).map((e) => e.userid));
  const parsed = parsePayslips(csv.header, csv.rows, known);
  if (!parsed.ok) return parsed;
  return writeBatch(parsed.month, parsed.columns, parsed.rows, opts);
}

async function writeBatch(month: string, columns: readonly ItemColumn[], rows: readonly ParsedRow[], opts: PayslipImportOptions): Promise<PayslipImportResult> {
  const now = opts.now ?? new Date();
  const previous = await PayslipMonthModel.findOne({ month }, { activeBatchId: 1, publishedAt: 1 }).lean();
  const batchId = new Types.ObjectId();
  const docs = rows.map((r) => ({
    userid: r.userid, month, batchId, sealed: sealSlip(opts.key, { userid: r.userid, month, lines: r.lines, netCents: r.netCents }),
  }));
  for (let i = 0; i < docs.length; i += 500) await PayslipModel.insertMany(docs.slice(i, i + 500), { ordered: true });

  const meta = { itemOrder: columns.map((c) => c.name), employeeCount: rows.length, importedBy: opts.actor, importedAt: now, activeBatchId: batchId };
  let switched: boolean;
  if (previous) {
    // Guarded by the batch we replace: of two imports racing for a month, one wins; the other is told.
    const r = await PayslipMonthModel.updateOne({ month, activeBatchId: previous.activeBatchId }, { $set: meta });
    switched = r.modifiedCount === 1;
  } else {
    try {
      await PayslipMonthModel.create({ month, ...meta });
      switched = true;
    } catch (err) {
      if ((err as { code?: unknown }).code !== 11000) throw err;
      switched = false;
    }
  }
  if (!switched) {
    await PayslipModel.deleteMany({ batchId });
    return { ok: false, problems: [{ line: 1, message: `${month} 的工资条刚刚被另一次导入更新了，本次没有生效，请确认后重新导入` }] };
  }
  if (previous) await PayslipModel.deleteMany({ month, batchId: previous.activeBatchId });
  // Batches left by a crashed import (never activated) are swept once clearly abandoned.
  await PayslipModel.deleteMany({ month, batchId: { $ne: batchId }, createdAt: { $lt: new Date(now.getTime() - ORPHAN_AFTER_MS) } });

  await audit({
    actor: opts.actor, actorKind: 'hr', action: previous ? 'payslip.reimport' : 'payslip.import', subjectKind: 'payslip-month', subjectId: month,
    channel: opts.channel, details: { employees: rows.length, batchId: String(batchId), items: columns.length },
  });
  return { ok: true, month, employees: rows.length, replaced: previous !== null, published: Boolean(previous?.publishedAt), batchId: String(batchId) };
}
