/**
 * The one error type of the interview page's API. Koa's error handler
 * (server/middleware/errors.ts) turns it into `{error: message}` with its
 * status; the message is Chinese and safe to show the candidate.
 */
export type PageErrorStatus = 400 | 403 | 404 | 409 | 410 | 413 | 415 | 422;

export class PageError extends Error {
  override readonly name = 'PageError';
  readonly expose = true;
  constructor(
    readonly status: PageErrorStatus,
    message: string,
    /** Extra fields for the JSON body (e.g. `receivedBytes` on a wrong offset). */
    readonly extra: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}
