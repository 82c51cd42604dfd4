/**
 * The calibration set: answers written and rated by RUBRIC.md before the scorer
 * existed. Loaded and checked with zod, so that a typo in the JSON fails loudly.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { Question } from '../types.js';

const questionSchema = z.object({
  id: z.string().min(1),
  competency: z.string().min(1),
  text: z.string().min(1),
  keyPoints: z.array(z.string().min(1)).min(1),
  idealAnswer: z.string().optional(),
});

const answerSchema = z.object({
  id: z.string().min(1),
  questionId: z.string().min(1),
  category: z.enum(['excellent', 'decent', 'vague', 'short', 'stuffing', 'offtopic', 'filler', 'nodata']),
  /** 1..5, or null when the answer has nothing to rate (the scorer should return null too). */
  rating: z.number().int().min(1).max(5).nullable(),
  transcript: z.string(),
  durationSec: z.number().min(0),
});

const fileSchema = z.object({ note: z.string().optional(), questions: z.array(questionSchema), answers: z.array(answerSchema) });

export type CalibrationAnswer = z.infer<typeof answerSchema>;
export interface CalibrationPart {
  name: 'dev' | 'heldout';
  answers: Array<CalibrationAnswer & { question: Question }>;
}

const here = dirname(fileURLToPath(import.meta.url));

function readPart(name: 'dev' | 'heldout'): z.infer<typeof fileSchema> {
  return fileSchema.parse(JSON.parse(readFileSync(join(here, `${name}.json`), 'utf8')));
}

/** Both parts; held-out answers may refer to questions defined in the dev part. */
export function loadCalibration(): { dev: CalibrationPart; heldout: CalibrationPart } {
  const dev = readPart('dev');
  const heldout = readPart('heldout');
  const questions = new Map<string, Question>();
  for (const q of [...dev.questions, ...heldout.questions]) questions.set(q.id, q);
  const resolve = (name: 'dev' | 'heldout', answers: CalibrationAnswer[]): CalibrationPart => ({
    name,
    answers: answers.map((a) => {
      const question = questions.get(a.questionId);
      if (question === undefined) throw new Error(`calibration ${name}: answer ${a.id} refers to unknown question ${a.questionId}`);
      return { ...a, question };
    }),
  });
  return { dev: resolve('dev', dev.answers), heldout: resolve('heldout', heldout.answers) };
}
