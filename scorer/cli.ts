/**
 * `npm run --silent score`: scores answers given as JSON lines on stdin.
 *
 *   {"question": {"id","text","competency","keyPoints","idealAnswer"?}, "answer": {"transcript","durationSec"}}
 *
 * It writes one JSON line per input line, in order: the content score
 * (overall, dimensions, evidence, flags, weights …), or {"error": "…"} for a line
 * that cannot be read. The next line is still processed. Blank lines are
 * skipped. Nothing else goes to stdout.
 */
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { scoreAnswer } from './content/scoreAnswer.js';

const inputSchema = z.object({
  question: z.object({
    id: z.string().min(1),
    text: z.string().min(1),
    competency: z.string(),
    keyPoints: z.array(z.string()),
    idealAnswer: z.string().optional(),
  }),
  answer: z.object({
    transcript: z.string(),
    durationSec: z.number().min(0).default(0),
  }),
});

/** Scores one input line; never throws. */
export function scoreLine(line: string): string {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return JSON.stringify({ error: '不是合法的 JSON' });
  }
  const parsed = inputSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return JSON.stringify({ error: `输入格式错误：${issue ? `${issue.path.join('.') || '(根)'} ${issue.message}` : '未知'}` });
  }
  try {
    return JSON.stringify(scoreAnswer(parsed.data.question, parsed.data.answer));
  } catch (err) {
    return JSON.stringify({ error: `评分失败：${err instanceof Error ? err.message : String(err)}` });
  }
}

async function main(): Promise<void> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    const out = scoreLine(line);
    if (!process.stdout.write(`${out}\n`)) await new Promise((resolve) => process.stdout.once('drain', resolve));
  }
}

await main();
