/**
 * `npm run --silent nlu`: JSON lines in, JSON lines out.
 *
 *   in:  {"text": "明天下午请半天", "now": "2026-11-22T10:00:00+08:00"}
 *   out: {"intent": "leave.request", "slots": {…}, "confidence": 0.98}
 *
 * One output line per non-blank input line and nothing else on stdout; a bad
 * line gets {"error": "…"} and the next line is read as usual. `now` defaults
 * to the current time; the business zone comes from TZ_NAME (lib/config.ts).
 * Holiday names (春节后第一天) resolve with the calendar bundled with the product.
 */
import { createInterface } from 'node:readline';
import { loadConfig } from '../../lib/config.js';
import { bundledHolidayRows } from '../../models/seed/reference.js';
import { holidaySpans } from './dates/holidays.js';
import { understand, warmUp } from './index.js';

function parseLine(line: string): { text: string; now: Date } {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    throw new Error('不是合法的 JSON');
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error('应为 JSON 对象 {"text", "now"}');
  const { text, now } = raw as Record<string, unknown>;
  if (typeof text !== 'string') throw new Error('缺少字符串字段 "text"');
  if (now !== undefined && typeof now !== 'string') throw new Error('"now" 应为带时区的 ISO 时间字符串');
  const at = now === undefined ? new Date() : new Date(now);
  if (Number.isNaN(at.getTime()) || (now !== undefined && !/(Z|[+-]\d{2}:?\d{2})$/i.test(now))) {
    throw new Error('"now" 应为带时区的 ISO 时间，例如 2026-11-22T10:00:00+08:00');
  }
  return { text, now: at };
}

function main(): void {
  let tz: string;
  try {
    tz = loadConfig().tz;
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  }
  warmUp();
  const holidays = holidaySpans(bundledHolidayRows());
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  rl.on('line', (line) => {
    if (line.trim().length === 0) return;
    let out: unknown;
    try {
      const { text, now } = parseLine(line);
      const r = understand(text, { now, tz, holidays });
      out = { intent: r.intent, slots: r.slots, confidence: r.confidence };
    } catch (err) {
      out = { error: err instanceof Error ? err.message : String(err) };
    }
    process.stdout.write(`${JSON.stringify(out)}\n`);
  });
}

main();
