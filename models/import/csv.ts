/**
 * CSV reading for HR imports: UTF-8 with or without the BOM Excel writes,
 * quoted fields, Chinese text. Every row keeps its line number so problems can
 * be reported the way HR sees the file.
 */
import { parse } from 'csv-parse/sync';

export interface CsvRow {
  readonly line: number;
  readonly fields: Readonly<Record<string, string>>;
}

export interface ImportProblem {
  /** 1-based line in the file; 1 is the header. */
  readonly line: number;
  readonly message: string;
}

export class CsvFormatError extends Error {
  override readonly name = 'CsvFormatError';
  constructor(readonly problems: readonly ImportProblem[]) {
    super(problems.map((p) => `第 ${p.line} 行：${p.message}`).join('\n'));
  }
}

/** Parses the text; checks the header has every required column (extra columns are allowed). */
export function readCsv(text: string | Buffer, required: readonly string[]): { header: string[]; rows: CsvRow[] } {
  let records: Array<{ record: Record<string, string>; info: { lines: number } }>;
  let header: string[] = [];
  try {
    records = parse(text, {
      bom: true,
      columns: (h: string[]) => {
        header = h.map((c) => c.trim());
        return header;
      },
      skip_empty_lines: true,
      trim: true,
      info: true,
      relax_column_count: false,
    }) as Array<{ record: Record<string, string>; info: { lines: number } }>;
  } catch (err) {
    const e = err as { message?: string; lines?: number };
    throw new CsvFormatError([{ line: e.lines ?? 1, message: `文件格式不正确：${e.message ?? String(err)}` }]);
  }
  const missing = required.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    throw new CsvFormatError([{ line: 1, message: `缺少列：${missing.join(', ')}（需要 ${required.join(',')}）` }]);
  }
  const dupes = header.filter((c, i) => header.indexOf(c) !== i);
  if (dupes.length > 0) throw new CsvFormatError([{ line: 1, message: `列名重复：${[...new Set(dupes)].join(', ')}` }]);
  return { header, rows: records.map((r) => ({ line: r.info.lines, fields: r.record })) };
}

/** Import outcome shared by all importers. Nothing is applied when `ok` is false. */
export type ImportResult =
  | { readonly ok: true; readonly created: number; readonly updated: number; readonly unchanged: number }
  | { readonly ok: false; readonly problems: readonly ImportProblem[] };

export function formatProblems(problems: readonly ImportProblem[]): string {
  return problems.map((p) => `第 ${p.line} 行：${p.message}`).join('\n');
}

export function fail(problems: readonly ImportProblem[]): ImportResult {
  return { ok: false, problems: [...problems].sort((a, b) => a.line - b.line) };
}
