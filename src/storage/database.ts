import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations.ts';
import { pendingMigrations } from './pending-migrations.ts';

export type SqliteDatabase = Database.Database;

/** The class of better-sqlite3's errors (from here: this module is the one that loads better-sqlite3). */
export const SqliteError = Database.SqliteError;

export const DATABASE_FILE = 'bot.sqlite';

/** How long a writer waits for another connection's lock before failing with SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 5000;

/**
 * Every better-sqlite3 handle (database, statement) the process creates, kept reachable until it exits.
 * better-sqlite3 12's handles are raw `node::ObjectWrap`s, whose destructor on Node 24 removes an environment
 * cleanup hook and asserts a current environment: a handle the garbage collector frees outside a JavaScript
 * call (most collections) aborts the process (`RemoveEnvironmentCleanupHook: Assertion (env) != nullptr`,
 * exit 134), at any time, not only at exit. A handle that is never collected is freed by Node's own cleanup at
 * exit, which is safe. So handles are made once and kept: each store prepares its statements once, and pragmas
 * go through `exec` or kept statements, never the `pragma` method (a new statement each call). The registry lives on
 * `globalThis` so a module instance loaded again (a test runner's isolation) keeps the same one.
 */
const HANDLES_KEY = Symbol.for('k8s-release-bot.sqlite-handles');
const processGlobals = globalThis as { [HANDLES_KEY]?: Set<object> };
processGlobals[HANDLES_KEY] ??= new Set<object>();
const handles = processGlobals[HANDLES_KEY];

/**
 * A better-sqlite3 connection that is never garbage-collected, nor is any statement it prepares (see
 * `handles`). Closing it still releases the file; only the small wrappers stay. Prepare statements once.
 */
export function sqliteConnection(file: string, options?: Database.Options): SqliteDatabase {
  const db = new Database(file, options);
  handles.add(db);
  const prepare = db.prepare.bind(db);
  db.prepare = ((source: string) => {
    const statement = prepare(source);
    handles.add(statement);
    return statement;
  }) as SqliteDatabase['prepare'];
  return db;
}

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
    problems = db.prepare<[], string>('PRAGMA quick_check(5)').pluck().all();
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
  const db = sqliteConnection(file);
  try {
    db.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.exec('PRAGMA journal_mode = WAL');
    checkIntegrity(db);
    db.exec('PRAGMA synchronous = NORMAL');
    db.exec('PRAGMA foreign_keys = ON');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw new Error(`${file}: cannot open the bot database: ${(error as Error).message}`, { cause: error });
  }
}

/** Applies every migration newer than the file's user_version, each in its own immediate transaction. */
function migrate(db: SqliteDatabase): number {
  // Prepared once and kept (not the pragma helper, a new statement per call): see sqliteConnection.
  const userVersion = db.prepare<[], number>('PRAGMA user_version').pluck();
  const applyNext = db.transaction(() => {
    // Read under the write lock: another process may have applied this one meanwhile.
    const [next] = pendingMigrations(MIGRATIONS, userVersion.get()!);
    if (!next) return false;
    db.exec(next.sql);
    db.exec(`PRAGMA user_version = ${next.version}`);
    return true;
  });
  while (applyNext.immediate()) {
    // keep going until up to date
  }
  return userVersion.get()!;
}
