/**
 * Notes, while a question is on screen, when the page is hidden (another app,
 * another tab) and for how long, and when the window loses focus. The server
 * stores them for HR as context; they never decide anything. The consent step
 * told the candidate about this.
 */
import { INTEGRITY_DETAIL } from '../../interview/wording.js';
import type { IntegrityInput } from '../../interview/apiTypes.js';

export type Report = (events: IntegrityInput[], beacon: boolean) => void;

export class IntegrityWatcher {
  private questionId: string | null = null;
  private hiddenAt: number | null = null;
  private blurTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly report: Report) {
    document.addEventListener('visibilitychange', () => this.onVisibility());
    window.addEventListener('blur', () => this.onBlur());
    window.addEventListener('focus', () => this.clearBlur());
  }

  /** Watch while this question is on screen; null stops watching. */
  watch(questionId: string | null): void {
    this.questionId = questionId;
    this.hiddenAt = null;
    this.clearBlur();
  }

  pasted(chars: number): void {
    if (this.questionId) this.report([{ kind: 'paste', questionId: this.questionId, detail: INTEGRITY_DETAIL.paste(chars) }], false);
  }

  private onVisibility(): void {
    const q = this.questionId;
    if (!q) return;
    if (document.visibilityState === 'hidden') {
      this.hiddenAt = Date.now();
      this.clearBlur();
      this.report([{ kind: 'page_hidden', questionId: q }], true);
    } else if (this.hiddenAt !== null) {
      const sec = Math.round((Date.now() - this.hiddenAt) / 1000);
      this.hiddenAt = null;
      this.report([{ kind: 'tab_switched', questionId: q, detail: INTEGRITY_DETAIL.away(sec) }], false);
    }
  }

  /** A blur that is not followed by hiding within a moment: another window took focus. */
  private onBlur(): void {
    const q = this.questionId;
    if (!q) return;
    this.clearBlur();
    this.blurTimer = setTimeout(() => {
      this.blurTimer = null;
      if (document.visibilityState === 'visible' && !document.hasFocus()) this.report([{ kind: 'blur', questionId: q }], false);
    }, 1500);
  }

  private clearBlur(): void {
    if (this.blurTimer !== null) clearTimeout(this.blurTimer);
    this.blurTimer = null;
  }
}
