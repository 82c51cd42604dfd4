/** Builders for pure flow tests: a text turn with a hand-written NLU result. */
import type { NluResult, Intent, Slots } from '../../flows/nlu/types.js';
import type { TextTurn } from '../../flows/flow.js';
import type { Employee } from '../../models/employee.js';

export const WANGFANG: Employee = {
  userid: 'wangfang', name: '王芳', departments: [2], managerUserid: 'lina', roles: ['employee'], active: true, source: 'seed',
};

export function textTurn(text: string, nlu: Partial<NluResult> & { intent: Intent; slots?: Slots }, opts: { today?: string; employee?: Employee } = {}): TextTurn {
  const today = opts.today ?? '2026-11-22';
  const now = new Date(`${today}T10:00:00+08:00`);
  return {
    inbound: { kind: 'text', key: `msg:${Math.random()}`, from: { channel: 'wecom', id: (opts.employee ?? WANGFANG).userid }, at: now, text },
    user: { channel: 'wecom', id: (opts.employee ?? WANGFANG).userid },
    employee: opts.employee ?? WANGFANG,
    now, tz: 'Asia/Shanghai', today, publicBaseUrl: 'http://localhost:3000',
    text,
    nlu: { confidence: 0.9, correction: false, slots: {}, ...nlu },
  };
}
