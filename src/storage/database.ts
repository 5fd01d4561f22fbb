import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations.ts';
import { pendingMigrations } from './pending-migrations.ts';

export type SqliteDatabase = Database.Database;

export const DATABASE_FILE = 'bot.sqlite';

/** How long a writer waits for another connection's lock before failing with SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 5000;

const fileSize = (file: string): number | null => statSync(file, { throwIfNoEntry: false })?.size ?? null;

/**
 * SQLite treats an empty file as a new database, so a bot.sqlite truncated to 0 bytes (a failed copy, a
 * full disk during a restore) would silently start with no subscriptions. Only a missing file is new.
 */
function refuseEmptyFile(file: string): void {
  if (fileSize(file) !== 0 || (fileSize(`${file}-wal`) ?? 0) > 0) return;
  throw new Error(
    `${file}: the file exists but is empty (0 bytes), so it is not a bot database; restore it from a backup, ` +
      'or delete it to start again with no subscriptions',
  );
}

/** `PRAGMA quick_check`: a damaged file is refused at start, naming what SQLite found, instead of failing later. */
function checkIntegrity(db: SqliteDatabase): void {
  let problems: string[];
  try {
    problems = (db.pragma('quick_check(5)') as { quick_check: string }[]).map((row) => row.quick_check);
  } catch (error) {
    // A page too broken to walk stops the check itself.
    if (!/^SQLITE_CORRUPT/.test((error as { code?: string }).code ?? '')) throw error;
    problems = [(error as Error).message];
  }
  if (problems.length === 1 && problems[0] === 'ok') return;
  throw new Error(`the file is damaged (integrity check: ${problems.join('; ')}); restore it from a backup`);
}

/**
 * Opens (creating if needed) `<dataDir>/bot.sqlite` in WAL mode, checks its integrity and brings its schema
 * up to date. Several processes may share the file; migrations run under an immediate transaction so only
 * one applies them.
 */
export function openDatabase(dataDir: string): SqliteDatabase {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, DATABASE_FILE);
  refuseEmptyFile(file);
  const db = new Database(file);
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('journal_mode = WAL');
    checkIntegrity(db);
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw new Error(`${file}: cannot open the bot database: ${(error as Error).message}`, { cause: error });
  }
}

export function schemaVersion(db: SqliteDatabase): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies every migration newer than the file's user_version, each in its own immediate transaction. */
function migrate(db: SqliteDatabase): number {
  const applyNext = db.transaction(() => {
    // Read under the write lock: another process may have applied this one meanwhile.
    const [next] = pendingMigrations(MIGRATIONS, schemaVersion(db));
    if (!next) return false;
    db.exec(next.sql);
    db.pragma(`user_version = ${next.version}`);
    return true;
  });
  while (applyNext.immediate()) {
    // keep going until up to date
  }
  return schemaVersion(db);
}
