/**
 * The JSON the interview page and its API exchange. Shared by the server
 * routes and the browser script (pure types, bundled into the page).
 *
 *   GET  /api/interview/:token/state                        PageState
 *   POST /api/interview/:token/consent                      {version, review}            → PageState
 *   POST /api/interview/:token/network-check                (≤ 512 KiB of anything)      → {bytes}
 *   POST /api/interview/:token/text-mode                    {reason}                      → PageState
 *   POST /api/interview/:token/integrity                    {events: IntegrityInput[]}    → {stored}
 *   POST /api/interview/:token/questions/:qid/attempts      {mimeType}                    → AttemptView
 *   GET  /api/interview/:token/recordings/:rid              → AttemptView (how much the server has)
 *   POST /api/interview/:token/recordings/:rid/chunks?offset=N   raw bytes (Content-Type = the recording's type)
 *                                                           → UploadAck (409 with UploadAck when the offset is wrong)
 *   POST /api/interview/:token/recordings/:rid/complete     {totalBytes}                  → AttemptView (422 when unusable)
 *   POST /api/interview/:token/recordings/:rid/keep         → PageState
 *   POST /api/interview/:token/questions/:qid/text          {text}                        → PageState
 *
 * Every refusal is `{error: '中文说明'}` with its HTTP status (the app's error handler).
 */

export type ReviewChoice = 'ai' | 'human';
export type RecordingKind = 'video' | 'audio';

export interface QuestionView {
  readonly id: string;
  readonly text: string;
  readonly thinkSec: number;
  readonly answerSec: number;
  /** Retakes allowed after the first take. */
  readonly retakes: number;
}

/** An attempt the server knows about. `uploading` can be resumed from `receivedBytes`. */
export interface AttemptView {
  readonly recordingId: string;
  readonly questionId: string;
  readonly attempt: number;
  readonly kind: RecordingKind;
  readonly mimeType: string;
  readonly status: 'uploading' | 'complete' | 'final' | 'rejected';
  readonly receivedBytes: number;
  readonly maxBytes: number;
  readonly durationSec: number | null;
  readonly rejectReason: string | null;
}

export type AnswerProgress =
  /** Not answered yet: how many usable takes were spent, and the last take awaiting a decision, if any. */
  | { readonly state: 'open'; readonly takesUsed: number; readonly takesAllowed: number; readonly pending: AttemptView | null }
  | { readonly state: 'answered'; readonly kind: 'video' | 'audio' | 'text' };

export interface PageState {
  readonly token: string;
  readonly companyName: string;
  readonly jobTitle: string;
  readonly candidateName: string;
  /** ISO instant: recordings must be done by then. */
  readonly deadline: string;
  readonly deadlineText: string;
  readonly questions: readonly QuestionView[];
  /** By question id. */
  readonly progress: Readonly<Record<string, AnswerProgress>>;
  readonly consent: { readonly version: string; readonly review: ReviewChoice } | null;
  /** The version the page shows now; a consent with another version must be given again. */
  readonly consentVersion: string;
  readonly retentionDays: number;
  readonly textFallback: boolean;
  readonly completed: boolean;
  readonly limits: { readonly maxChunkBytes: number; readonly maxTextChars: number };
  /** Where the candidate asks for deletion (the invitation page's form). */
  readonly deletionUrl: string;
  readonly inviteUrl: string;
}

export interface UploadAck {
  readonly receivedBytes: number;
  /** True when these bytes were already there (a retried request). */
  readonly duplicate?: boolean;
  readonly error?: string;
}

export type IntegrityKind = 'page_hidden' | 'tab_switched' | 'paste' | 'blur';

export interface IntegrityInput {
  readonly kind: IntegrityKind;
  readonly questionId?: string;
  readonly detail?: string;
}
