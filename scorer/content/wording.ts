/**
 * Every line of Chinese the content scorer writes for HR, in one place. The
 * lines are short, factual, and about the answer, never the person.
 */
import type { CoherenceResult } from './coherence.js';
import type { CoverageResult } from './coverage.js';
import type { GateResult } from './gate.js';
import type { RelevanceResult } from './relevance.js';
import type { StructureResult } from './structure.js';

const pct = (x: number): string => `${Math.round(x * 100)}%`;

export function explainCoverage(c: CoverageResult, stuffing: boolean): string {
  const n = c.keyPoints.length;
  if (n === 0) return '题目没有设置评分要点，本项不计';
  const base = `${n} 个要点中覆盖 ${c.covered} 个、部分覆盖 ${c.partial} 个`;
  return stuffing ? `${base}；只罗列要点用词、没有具体内容的句子不计分` : base;
}

export function explainStructure(s: StructureResult): string {
  if (s.noExample && s.methodActions > 0) return '没有讲具体经历，只讲了一般做法';
  if (s.noExample) return '没有具体经历，也没有讲做法';
  const parts: string[] = [];
  parts.push(s.situation === 'strong' ? '有具体情境' : s.situation === 'weak' ? '情境交代不够具体' : '缺少情境');
  if (s.task) parts.push('说明了任务或目标');
  parts.push(s.storyActions > 0 ? `${s.storyActions} 处本人行动` : '没有讲自己具体做了什么');
  if (s.result) parts.push(s.figureInResult ? `结果有数字（${s.figures.slice(0, 2).join('、')}）` : '有结果但没有量化');
  else parts.push('缺少结果');
  if (s.reflection) parts.push('有反思或改进');
  return parts.join('，');
}

export function explainRelevance(r: RelevanceResult, sentences: number): string {
  const onTopic = Math.round(r.onTopicShare * sentences);
  return `与题目和参考答案的相关度 ${pct(Math.min(1, r.cosine))}，${sentences} 句中 ${onTopic} 句切题`;
}

export function explainCoherence(c: CoherenceResult): string {
  const parts = [`口头禅占 ${pct(c.fillerRatio)}`];
  if (c.repeatedShare >= 0.1) parts.push('有重复');
  if (c.fragmentShare >= 0.2) parts.push('零碎短句较多');
  if (c.connectives.length > 0) parts.push(`用了「${c.connectives.slice(0, 3).join('、')}」等连接词`);
  return parts.join('，');
}

export function explainUnrated(gate: Extract<GateResult, { pass: false }>): string {
  switch (gate.detail) {
    case 'empty':
      return '回答为空，无法评分（不是低分）';
    case 'short_recording':
      return '录音过短，无法评分（不是低分）';
    case 'few_chars':
      return '有效内容太少（不足 10 个字），无法评分（不是低分）';
    case 'few_words':
      return '有效词语太少，无法评分（不是低分）';
    case 'not_language':
      return '转写内容无法识别，无法评分（不是低分）';
  }
}

export function explainCap(flag: 'keyword_stuffing' | 'off_topic' | 'filler_heavy', cap: number, figure: number): string {
  switch (flag) {
    case 'keyword_stuffing':
      return `罗列评分要点用词（占内容词 ${pct(figure)}），没有具体经历或结果，总分上限 ${cap}`;
    case 'off_topic':
      return `内容与题目基本无关（相关度 ${pct(figure)}），总分上限 ${cap}`;
    case 'filler_heavy':
      return `口头禅占 ${pct(figure)}，要点不易听清，总分上限 ${cap}`;
  }
}
