/**
 * `import jobs FILE.json|FILE.csv`: jobs and their question banks.
 *
 * JSON: `{"jobs": [{code, title, department, description, status, questions:
 * [{id, text, competency, keyPoints: [...], idealAnswer, thinkSec, answerSec,
 * retakes}]}]}` (a bare array works too). Problems name the field path
 * (`jobs[1].questions[0].answerSec`) and the line where that job starts.
 *
 * CSV: one row per question, the job's columns repeated (or left empty after
 * the first row): job_code,title,department,description,status,question_id,
 * question,competency,key_points,model_answer,think_sec,answer_sec,retakes.
 * Key points are separated by `|`. Problems name the line and the column.
 *
 * The whole file is checked before anything is written; jobs are matched by
 * code, so importing the same file twice changes nothing.
 */
import { z } from 'zod';
import { audit } from '../auditLog.js';
import { JobModel, type Job, type JobQuestion } from '../job.js';
import { CsvFormatError, fail, readCsv, type ImportProblem, type ImportResult } from './csv.js';

export const JOB_CSV_COLUMNS = [
  'job_code', 'title', 'department', 'description', 'status', 'question_id', 'question', 'competency', 'key_points', 'model_answer', 'think_sec', 'answer_sec', 'retakes',
] as const;
const REQUIRED_CSV = ['job_code', 'title', 'question', 'competency'] as const;

const ID = /^[A-Za-z0-9_-]{1,32}$/;

const questionSchema = z.object({
  id: z.string().trim().regex(ID, '题目编号只能是 1–32 位字母、数字、_ 或 -').optional(),
  text: z.string({ error: '缺少题目内容 text' }).trim().min(1, '题目内容不能为空').max(500, '题目内容最多 500 字'),
  competency: z.string({ error: '缺少考察能力 competency' }).trim().min(1, '考察能力不能为空').max(40, '考察能力最多 40 字'),
  keyPoints: z.union([z.array(z.string().trim().min(1).max(200)), z.string()])
    .optional()
    .transform((v) => (typeof v === 'string' ? splitPoints(v) : v ?? [])),
  idealAnswer: z.string().trim().max(4000, '参考答案最多 4000 字').optional(),
  thinkSec: z.number({ error: '准备时间 thinkSec 应为秒数' }).int('准备时间应为整数秒').min(0, '准备时间不能为负').max(600, '准备时间最多 600 秒').default(30),
  answerSec: z.number({ error: '作答时间 answerSec 应为秒数' }).int('作答时间应为整数秒').min(10, '作答时间至少 10 秒').max(600, '作答时间最多 600 秒').default(120),
  retakes: z.number({ error: '重录次数 retakes 应为数字' }).int('重录次数应为整数').min(0, '重录次数不能为负').max(5, '重录次数最多 5 次').default(1),
});

export const jobSchema = z.object({
  code: z.string({ error: '缺少岗位代码 code' }).trim().regex(ID, '岗位代码只能是 1–32 位字母、数字、_ 或 -'),
  title: z.string({ error: '缺少岗位名称 title' }).trim().min(1, '岗位名称不能为空').max(60, '岗位名称最多 60 字'),
  department: z.string().trim().max(60, '部门最多 60 字').default(''),
  description: z.string().trim().max(2000, '岗位描述最多 2000 字').default(''),
  status: z.enum(['open', 'closed'], { error: 'status 只能是 open 或 closed' }).default('open'),
  questions: z.array(questionSchema, { error: '缺少题目列表 questions' }).min(1, '每个岗位至少要有 1 道题').max(20, '每个岗位最多 20 道题'),
});

export type JobDraft = z.output<typeof jobSchema> & { questions: JobQuestion[] };

function splitPoints(s: string): string[] {
  return s.split(/[|｜；;\n]/).map((x) => x.trim()).filter(Boolean);
}

/** Gives unnamed questions ids q1, q2 … and checks ids are unique. */
function finishQuestions(qs: ReadonlyArray<z.output<typeof questionSchema>>): { questions: JobQuestion[]; duplicate: string | undefined } {
  const used = new Set(qs.map((q) => q.id).filter((x): x is string => !!x));
  let n = 0;
  const nextId = () => {
    do n += 1; while (used.has(`q${n}`));
    used.add(`q${n}`);
    return `q${n}`;
  };
  const questions = qs.map((q) => ({ ...q, id: q.id ?? nextId(), keyPoints: q.keyPoints, idealAnswer: q.idealAnswer || undefined }));
  const duplicate = questions.find((q, i) => questions.findIndex((o) => o.id === q.id) !== i)?.id;
  return { questions, duplicate };
}

/** Checks one job (from the HR page or a file); problems are field paths with Chinese messages. */
export function checkJob(raw: unknown, path = ''): { job?: JobDraft; problems: Array<{ path: string; message: string }> } {
  const parsed = jobSchema.safeParse(raw);
  if (!parsed.success) {
    return { problems: parsed.error.issues.map((i) => ({ path: joinPath(path, i.path), message: i.message })) };
  }
  const { questions, duplicate } = finishQuestions(parsed.data.questions);
  if (duplicate) return { problems: [{ path: joinPath(path, ['questions']), message: `题目编号 ${duplicate} 重复` }] };
  return { job: { ...parsed.data, questions }, problems: [] };
}

function joinPath(prefix: string, parts: ReadonlyArray<PropertyKey>): string {
  let out = prefix;
  for (const p of parts) out += typeof p === 'number' ? `[${p}]` : `${out ? '.' : ''}${String(p)}`;
  return out;
}

/** Line (1-based) where the `nth` job with this code appears in the JSON text, for messages. */
function lineOf(text: string, code: unknown, nth: number): number {
  if (typeof code !== 'string' || !code) return 1;
  const re = new RegExp(`"code"\\s*:\\s*"${code.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`, 'g');
  let m: RegExpExecArray | null;
  let seen = 0;
  while ((m = re.exec(text)) !== null) {
    if (seen === nth) return text.slice(0, m.index).split('\n').length;
    seen += 1;
  }
  return 1;
}

export function parseJobsJson(text: string): { jobs: JobDraft[]; problems: ImportProblem[] } {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    const m = /position (\d+)/.exec(String((err as Error).message));
    const line = m ? text.slice(0, Number(m[1])).split('\n').length : 1;
    return { jobs: [], problems: [{ line, message: `不是有效的 JSON：${(err as Error).message}` }] };
  }
  const list = Array.isArray(value) ? value : typeof value === 'object' && value !== null && Array.isArray((value as { jobs?: unknown }).jobs) ? (value as { jobs: unknown[] }).jobs : undefined;
  if (!list) return { jobs: [], problems: [{ line: 1, message: '应为岗位数组，或 {"jobs": [...]}' }] };
  const jobs: JobDraft[] = [];
  const problems: ImportProblem[] = [];
  const codes = new Map<string, number>();
  const seenTimes = new Map<string, number>();
  list.forEach((raw, i) => {
    const rawCode = typeof raw === 'object' && raw !== null ? (raw as { code?: unknown }).code : undefined;
    const code = typeof rawCode === 'string' ? rawCode.trim() : undefined;
    const nth = code ? seenTimes.get(code) ?? 0 : 0;
    if (code) seenTimes.set(code, nth + 1);
    const line = lineOf(text, rawCode, nth);
    const r = checkJob(raw, `jobs[${i}]`);
    for (const p of r.problems) problems.push({ line, message: `${p.path}：${p.message}` });
    if (code) {
      const first = codes.get(code);
      if (first !== undefined) problems.push({ line, message: `jobs[${i}].code：岗位代码 ${code} 与 jobs[${first}] 重复` });
      else codes.set(code, i);
    }
    if (r.job) jobs.push(r.job);
  });
  return { jobs, problems };
}

function intField(v: string | undefined): number | undefined | 'bad' {
  if (v === undefined || v.trim() === '') return undefined;
  return /^-?\d+$/.test(v.trim()) ? Number(v.trim()) : 'bad';
}

export function parseJobsCsv(text: string | Buffer): { jobs: JobDraft[]; problems: ImportProblem[] } {
  const { rows } = readCsv(text, REQUIRED_CSV);
  const problems: ImportProblem[] = [];
  const byCode = new Map<string, { line: number; job: Record<string, unknown>; questions: Array<Record<string, unknown>>; lines: number[] }>();
  for (const { line, fields } of rows) {
    const code = (fields['job_code'] ?? '').trim();
    if (!code) {
      problems.push({ line, message: 'job_code：岗位代码不能为空' });
      continue;
    }
    let entry = byCode.get(code);
    if (!entry) {
      entry = { line, job: { code, title: fields['title'] ?? '', department: fields['department'] ?? '', description: fields['description'] ?? '', status: (fields['status'] ?? '') || 'open' }, questions: [], lines: [] };
      byCode.set(code, entry);
    } else {
      for (const col of ['title', 'department', 'description', 'status'] as const) {
        const v = (fields[col] ?? '').trim();
        const key = col;
        if (v && v !== entry.job[key]) problems.push({ line, message: `${col}：与第 ${entry.line} 行同一岗位 ${code} 的“${String(entry.job[key])}”不一致` });
      }
    }
    const question: Record<string, unknown> = {
      text: fields['question'] ?? '', competency: fields['competency'] ?? '', keyPoints: fields['key_points'] ?? '',
      ...(fields['question_id'] ? { id: fields['question_id'] } : {}),
      ...(fields['model_answer'] ? { idealAnswer: fields['model_answer'] } : {}),
    };
    for (const [col, key] of [['think_sec', 'thinkSec'], ['answer_sec', 'answerSec'], ['retakes', 'retakes']] as const) {
      const n = intField(fields[col]);
      if (n === 'bad') problems.push({ line, message: `${col}：“${fields[col]}”应为整数` });
      else if (n !== undefined) question[key] = n;
    }
    entry.questions.push(question);
    entry.lines.push(line);
  }
  const jobs: JobDraft[] = [];
  for (const entry of byCode.values()) {
    const r = checkJob({ ...entry.job, questions: entry.questions });
    for (const p of r.problems) {
      // questions[2].answerSec → the line of that question's row, column named as in the file.
      const m = /^questions\[(\d+)\](?:\.(\w+))?/.exec(p.path);
      const line = m ? entry.lines[Number(m[1])] ?? entry.line : entry.line;
      problems.push({ line, message: `${csvColumn(m?.[2] ?? p.path)}：${p.message}` });
    }
    if (r.job) jobs.push(r.job);
  }
  return { jobs, problems };
}

function csvColumn(field: string): string {
  const map: Record<string, string> = {
    code: 'job_code', title: 'title', department: 'department', description: 'description', status: 'status', questions: 'question',
    id: 'question_id', text: 'question', competency: 'competency', keyPoints: 'key_points', idealAnswer: 'model_answer',
    thinkSec: 'think_sec', answerSec: 'answer_sec', retakes: 'retakes',
  };
  return map[field] ?? field;
}

export type SaveOutcome = 'created' | 'updated' | 'unchanged';

function sameJob(a: Pick<Job, 'title' | 'department' | 'description' | 'status' | 'questions'>, b: JobDraft): boolean {
  const norm = (qs: readonly JobQuestion[]) => JSON.stringify(qs.map((q) => ({
    id: q.id, text: q.text, competency: q.competency, keyPoints: [...q.keyPoints], idealAnswer: q.idealAnswer ?? '', thinkSec: q.thinkSec, answerSec: q.answerSec, retakes: q.retakes,
  })));
  return a.title === b.title && a.department === b.department && a.description === b.description && a.status === b.status && norm(a.questions) === norm(b.questions);
}

/** Creates or updates one job by code (the HR page and the importer both use it). */
export async function saveJob(draft: JobDraft, actor: string, channel: string): Promise<SaveOutcome> {
  const existing = await JobModel.findOne({ code: draft.code }).lean();
  if (existing && sameJob(existing, draft)) return 'unchanged';
  const fields = { title: draft.title, department: draft.department, description: draft.description, status: draft.status, questions: draft.questions };
  if (!existing) {
    try {
      await JobModel.create({ code: draft.code, ...fields, ownerUserid: actor });
    } catch (err) {
      if ((err as { code?: unknown }).code !== 11000) throw err;
      await JobModel.updateOne({ code: draft.code }, { $set: fields });
    }
  } else {
    await JobModel.updateOne({ code: draft.code }, { $set: fields });
  }
  await audit({ actor, actorKind: 'hr', action: existing ? 'job.update' : 'job.create', subjectKind: 'job', subjectId: draft.code, channel, details: { questions: draft.questions.length, status: draft.status } });
  return existing ? 'updated' : 'created';
}

/** Validates the whole file, then applies it (nothing when any problem is found). */
export async function importJobs(text: string | Buffer, actor: string, format?: 'json' | 'csv', channel = 'cli'): Promise<ImportResult> {
  const str = typeof text === 'string' ? text : text.toString('utf8');
  const kind = format ?? (/^\s*[[{]/.test(str.replace(/^\uFEFF/, '')) ? 'json' : 'csv');
  let parsed: { jobs: JobDraft[]; problems: ImportProblem[] };
  try {
    parsed = kind === 'json' ? parseJobsJson(str) : parseJobsCsv(str);
  } catch (err) {
    if (err instanceof CsvFormatError) return fail(err.problems);
    throw err;
  }
  if (parsed.problems.length > 0) return fail(parsed.problems);
  if (parsed.jobs.length === 0) return fail([{ line: 1, message: '文件里没有岗位' }]);
  let created = 0;
  let updated = 0;
  let unchanged = 0;
  for (const job of parsed.jobs) {
    const r = await saveJob(job, actor, channel);
    if (r === 'created') created += 1;
    else if (r === 'updated') updated += 1;
    else unchanged += 1;
  }
  return { ok: true, created, updated, unchanged };
}
