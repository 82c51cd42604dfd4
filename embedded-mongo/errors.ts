/**
 * Errors of the embedded store.
 *
 * `CommandError` is what a command handler throws to answer `{ok: 0, code, codeName, errmsg}`;
 * the codes are MongoDB's own, because the driver and mongoose branch on them (11000 becomes
 * E11000 in mongoose, 48 is ignored by `createCollection`, 26 by `listIndexes` …).
 * The other classes are startup failures a human has to act on, so their messages say what to do
 * in Chinese and English.
 */

/** MongoDB error codes used by this store, with the codeName the server sends next to them. */
export const ErrorCodes = {
  InternalError: 1,
  BadValue: 2,
  FailedToParse: 9,
  TypeMismatch: 14,
  IllegalOperation: 20,
  NamespaceNotFound: 26,
  IndexNotFound: 27,
  PathNotViable: 28,
  ConflictingUpdateOperators: 40,
  CursorNotFound: 43,
  NamespaceExists: 48,
  InvalidIdField: 53,
  CommandNotFound: 59,
  ImmutableField: 66,
  CannotCreateIndex: 67,
  InvalidOptions: 72,
  InvalidNamespace: 73,
  IndexOptionsConflict: 85,
  IndexKeySpecsConflict: 86,
  CommandNotSupported: 115,
  NotImplemented: 238,
  DuplicateKey: 11000,
  BSONObjectTooLarge: 10334,
  Location40324: 40324,
  Location40573: 40573,
} as const;

export type ErrorCodeName = keyof typeof ErrorCodes;
export type ErrorCode = (typeof ErrorCodes)[ErrorCodeName];

const NAMES = new Map<number, string>(Object.entries(ErrorCodes).map(([name, code]) => [code, name]));

/** The codeName MongoDB sends for a code (`Location<code>` for anonymous ones, like the server). */
export function codeNameOf(code: number): string {
  return NAMES.get(code) ?? `Location${code}`;
}

/** A command failed in a way the client should see as a MongoServerError. */
export class CommandError extends Error {
  readonly code: number;
  /** Extra top-level fields of the error reply (keyPattern/keyValue for duplicate keys). */
  readonly extra: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, message: string, extra: Readonly<Record<string, unknown>> = {}) {
    super(message);
    this.name = 'CommandError';
    this.code = code;
    this.extra = extra;
  }

  get codeName(): string {
    return codeNameOf(this.code);
  }

  /** The reply document for this error. */
  toReply(): Record<string, unknown> {
    return { ok: 0, errmsg: this.message, code: this.code, codeName: this.codeName, ...this.extra };
  }
}

/** The data directory is held by another live process (or by this one already). */
export class StoreLockedError extends Error {
  constructor(dbPath: string, pid: number) {
    super(
      `数据目录 ${dbPath} 正被另一个运行中的进程（pid ${pid}）使用，请先停止它或换一个目录。` +
        ` / The data directory ${dbPath} is in use by another running process (pid ${pid}); stop it or use another directory.`,
    );
    this.name = 'StoreLockedError';
  }
}

/** The files in the data directory are damaged before their end: refusing to start beats losing data. */
export class CorruptStoreError extends Error {
  constructor(file: string, offset: number, reason: string) {
    super(
      `数据文件已损坏：${file}，偏移 ${offset}（${reason}）。为避免丢数据，嵌入式数据库拒绝启动；请从备份恢复或联系维护人员。` +
        ` / Store file ${file} is corrupted at offset ${offset} (${reason}); refusing to start so no data is silently dropped. Restore from a backup.`,
    );
    this.name = 'CorruptStoreError';
  }
}
