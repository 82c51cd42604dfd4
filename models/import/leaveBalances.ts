/**
 * `import leave-balances`: userid,leave_type,days — the balance each employee
 * has now. Applied as adjustment entries for the difference, so importing the
 * same file twice changes nothing and the ledger explains every change.
 */
import { EmployeeModel } from '../employee.js';
import { LEAVE_TYPE_CODES, isLeaveTypeCode, type LeaveTypeCode } from '../leaveType.js';
import { setBalance } from '../leaveLedger.js';
import { audit } from '../auditLog.js';
import { fail, readCsv, type ImportProblem, type ImportResult } from './csv.js';

export async function importLeaveBalances(text: string | Buffer, actor: string): Promise<ImportResult> {
  const { rows } = readCsv(text, ['userid', 'leave_type', 'days']);
  const problems: ImportProblem[] = [];
  const parsed: Array<{ line: number; userid: string; leaveType: LeaveTypeCode; days: number }> = [];
  const seen = new Map<string, number>();
  const userids = [...new Set(rows.map((r) => r.fields['userid'] ?? ''))];
  const known = new Set((await EmployeeModel.find({ userid: { $in: userids } }, { userid: 1 }).lean()).map((e) => e.userid));

  for (const { line, fields } of rows) {
    const userid = fields['userid'] ?? '';
    const type = fields['leave_type'] ?? '';
    const daysRaw = fields['days'] ?? '';
    const days = Number(daysRaw);
    if (!known.has(userid)) problems.push({ line, message: `员工 ${userid || '（空）'} 不存在，请先导入员工` });
    if (!isLeaveTypeCode(type)) problems.push({ line, message: `假期类型 "${type}" 未知（可用：${LEAVE_TYPE_CODES.join(', ')}）` });
    if (daysRaw === '' || !Number.isFinite(days) || days < 0 || days > 366 || Math.round(days * 2) !== days * 2) {
      problems.push({ line, message: `天数 "${daysRaw}" 应为 0 到 366 之间、以 0.5 为单位的数字` });
    }
    const k = `${userid}/${type}`;
    const first = seen.get(k);
    if (first !== undefined) problems.push({ line, message: `${userid} 的 ${type} 与第 ${first} 行重复` });
    else seen.set(k, line);
    if (isLeaveTypeCode(type)) parsed.push({ line, userid, leaveType: type, days });
  }
  if (problems.length > 0) return fail(problems);

  let updated = 0;
  let unchanged = 0;
  for (const r of parsed) {
    const outcome = await setBalance(r.userid, r.leaveType, r.days, actor, '导入余额');
    if (outcome === 'changed') updated += 1;
    else unchanged += 1;
  }
  if (updated > 0) {
    await audit({ actor, actorKind: 'hr', action: 'import.leave-balances', subjectKind: 'leave-account', subjectId: '*', channel: 'cli', details: { updated, unchanged } });
  }
  return { ok: true, created: 0, updated, unchanged };
}
