import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations.ts';

export type SqliteDatabase = Database.Database;

export const DATABASE_FILE = 'bot.sqlite';

/** How long a writer waits for another connection's lock before failing with SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 5000;

/**
 * Opens (creating if needed) `<dataDir>/bot.sqlite` in WAL mode and brings its schema up to date.
 * Several processes may share the file; migrations run under an immediate transaction so only one applies them.
 */
export function openDatabase(dataDir: string): SqliteDatabase {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, DATABASE_FILE);
  const db = new Database(file);
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('journal_mode = WAL');
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

/** Applies every migration newer than the file's user_version, each in its own transaction. */
function migrate(db: SqliteDatabase): number {
  const latest = MIGRATIONS.length;
  const applyNext = db.transaction(() => {
    const current = schemaVersion(db);
    if (current > latest) {
      throw new Error(`schema version ${current} is newer than this build knows (${latest}); upgrade the bot`);
    }
    if (current === latest) return false;
    db.exec(MIGRATIONS[current]!);
    db.pragma(`user_version = ${current + 1}`);
    return true;
  });
  while (applyNext.immediate()) {
    // keep going until up to date
  }
  return schemaVersion(db);
}
