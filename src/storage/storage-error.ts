import { SqliteError } from './database.ts';

/**
 * A failure of the bot's own database (disk full, damaged file, I/O error, locked too long, a PostgreSQL
 * server gone or refusing). Its message names the file (or the server and database), so an operator can act
 * on it; callers tell users only that their change was not saved.
 */
export class StorageError extends Error {
  constructor(
    readonly file: string,
    /** SQLite's result code (SQLITE_FULL, SQLITE_CORRUPT) or PostgreSQL's (see asPostgresStorageError). */
    readonly code: string,
    detail: string,
    options?: ErrorOptions,
  ) {
    super(`${file}: ${detail} (${code})`, options);
    this.name = 'StorageError';
  }

  /** The SQLite message without the file path: safe to show in a chat. */
  get reason(): string {
    return this.message.slice(this.file.length + 2);
  }
}

export const isSqliteError = (error: unknown): error is Error & { code: string } => error instanceof SqliteError;

/** A SQLite failure as a StorageError naming `file`; anything else (a programming error) unchanged. */
export function asStorageError(file: string, error: unknown): unknown {
  if (error instanceof StorageError || !isSqliteError(error)) return error;
  return new StorageError(file, error.code, error.message, { cause: error });
}
