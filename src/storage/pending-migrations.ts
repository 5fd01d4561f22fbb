/** One schema migration still to apply: its version (1-based, as recorded once applied) and its SQL. */
export interface PendingMigration {
  version: number;
  sql: string;
}

/**
 * The migrations a database at schema version `current` still needs, in order: the one versioning rule both
 * backends share (SQLite records the version in `PRAGMA user_version`, PostgreSQL in `schema_migrations`).
 * A database migrated by a newer build is refused rather than run against a schema this build does not know.
 */
export function pendingMigrations(migrations: readonly string[], current: number): PendingMigration[] {
  const latest = migrations.length;
  if (current > latest) {
    throw new Error(`schema version ${current} is newer than this build knows (${latest}); upgrade the bot`);
  }
  return migrations.slice(current).map((sql, index) => ({ version: current + index + 1, sql }));
}
