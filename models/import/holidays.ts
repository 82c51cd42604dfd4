/**
 * `import holidays`: date,kind,name with kind `holiday` (法定节假日) or
 * `workday` (调休上班). Upserts by date; the same file twice changes nothing.
 */
import { isIsoDate } from '../../lib/time.js';
import { HolidayModel } from '../holiday.js';
import { audit } from '../auditLog.js';
import { fail, readCsv, type ImportProblem, type ImportResult } from './csv.js';

export interface HolidayRow { date: string; kind: 'holiday' | 'workday'; name: string }

export function parseHolidays(text: string | Buffer): { rows: HolidayRow[]; problems: ImportProblem[] } {
  const { rows } = readCsv(text, ['date', 'kind', 'name']);
  const problems: ImportProblem[] = [];
  const out: HolidayRow[] = [];
  const seen = new Map<string, number>();
  for (const { line, fields } of rows) {
    const date = fields['date'] ?? '';
    const kind = fields['kind'] ?? '';
    const name = fields['name'] ?? '';
    if (!isIsoDate(date)) problems.push({ line, message: `日期 "${date}" 应为 YYYY-MM-DD` });
    if (kind !== 'holiday' && kind !== 'workday') problems.push({ line, message: `kind "${kind}" 应为 holiday（放假）或 workday（调休上班）` });
    if (name === '') problems.push({ line, message: 'name 不能为空' });
    const first = seen.get(date);
    if (first !== undefined) problems.push({ line, message: `日期 ${date} 与第 ${first} 行重复` });
    else seen.set(date, line);
    if (isIsoDate(date) && (kind === 'holiday' || kind === 'workday') && name) out.push({ date, kind, name });
  }
  return { rows: out, problems };
}

export async function importHolidays(text: string | Buffer, actor: string): Promise<ImportResult> {
  const { rows, problems } = parseHolidays(text);
  if (problems.length > 0) return fail(problems);
  let created = 0;
  let updated = 0;
  let unchanged = 0;
  for (const r of rows) {
    const existing = await HolidayModel.findOne({ date: r.date }).lean();
    if (!existing) {
      await HolidayModel.create(r).catch((err: unknown) => {
        if ((err as { code?: unknown }).code !== 11000) throw err;
      });
      created += 1;
    } else if (existing.kind === r.kind && existing.name === r.name) {
      unchanged += 1;
    } else {
      await HolidayModel.updateOne({ date: r.date }, { $set: { kind: r.kind, name: r.name } });
      updated += 1;
    }
  }
  if (created + updated > 0) {
    await audit({ actor, actorKind: 'hr', action: 'import.holidays', subjectKind: 'holiday', subjectId: '*', channel: 'cli', details: { created, updated, unchanged } });
  }
  return { ok: true, created, updated, unchanged };
}
