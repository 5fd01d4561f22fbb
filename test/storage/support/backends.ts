// The two store backends as the tests see them: a fresh SQLite folder, or a fresh schema on the PostgreSQL
// server named by TEST_DATABASE_URL (.ci/run starts one). Every test gets its own, so test files running in
// parallel never meet. Without TEST_DATABASE_URL the PostgreSQL tests are skipped with a loud warning,
// except under CI=true, where a missing server fails the run.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { DATABASE_FILE, sqliteConnection } from '../../../src/storage/database.ts';
import type { StoreLocation } from '../../../src/storage/open.ts';

export interface Backend {
  name: 'sqlite' | 'postgres';
  /** A new, empty database: its own folder or its own schema. */
  fresh(): Promise<StoreLocation>;
  /** Removes every database fresh() made. */
  cleanUp(): Promise<void>;
}

const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL?.trim() || undefined;

/** The server's URL, or undefined (after a warning) when the PostgreSQL tests must be skipped. */
export function postgresUrl(): string | undefined {
  if (TEST_DATABASE_URL) return TEST_DATABASE_URL;
  if (process.env.CI === 'true') {
    throw new Error(
      'CI=true but TEST_DATABASE_URL is not set: the PostgreSQL tests need a server (.ci/run starts one)',
    );
  }
  console.warn(
    '\n*** TEST_DATABASE_URL is not set: SKIPPING the PostgreSQL tests. ' +
      'Run .ci/run, or start PostgreSQL and set TEST_DATABASE_URL=postgres://user:pass@127.0.0.1:5432/db ***\n',
  );
  return undefined;
}

export const postgresAvailable = (): boolean => postgresUrl() !== undefined;

/** `base` with its search_path set to `schema`, so every connection through it works inside that schema. */
export function withSchema(base: string, schema: string): string {
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

export function sqliteBackend(): Backend {
  const dirs: string[] = [];
  return {
    name: 'sqlite',
    async fresh() {
      const dir = mkdtempSync(path.join(tmpdir(), 'k8s-bot-store-'));
      dirs.push(dir);
      return { dataDir: dir };
    },
    async cleanUp() {
      for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function postgresBackend(base: string): Backend {
  const schemas: string[] = [];
  const admin = (): pg.Client => new pg.Client({ connectionString: base });
  return {
    name: 'postgres',
    async fresh() {
      const schema = `test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
      const client = admin();
      await client.connect();
      try {
        await client.query(`CREATE SCHEMA ${schema}`);
      } finally {
        await client.end();
      }
      schemas.push(schema);
      return { databaseUrl: withSchema(base, schema), dataDir: path.join(tmpdir(), 'k8s-bot-unused') };
    },
    async cleanUp() {
      if (schemas.length === 0) return;
      const client = admin();
      await client.connect();
      try {
        for (const schema of schemas.splice(0)) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

/** Both backends, PostgreSQL only when a server is configured. */
export function availableBackends(): Backend[] {
  const url = postgresUrl();
  return url ? [sqliteBackend(), postgresBackend(url)] : [sqliteBackend()];
}

/** Every row of `table` as the database holds it, read past the store (to check what is at rest). */
export async function rawRows(location: StoreLocation, table: string): Promise<Record<string, unknown>[]> {
  if (location.databaseUrl) {
    const client = new pg.Client({ connectionString: location.databaseUrl });
    await client.connect();
    try {
      return (await client.query(`SELECT * FROM ${table}`)).rows;
    } finally {
      await client.end();
    }
  }
  const db = sqliteConnection(path.join(location.dataDir, DATABASE_FILE), { readonly: true });
  try {
    return db.prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[];
  } finally {
    db.close();
  }
}

/** Runs one statement past the store (to tamper with what is at rest). */
export async function rawExec(location: StoreLocation, sql: string, values: unknown[] = []): Promise<void> {
  if (location.databaseUrl) {
    const client = new pg.Client({ connectionString: location.databaseUrl });
    await client.connect();
    try {
      await client.query(sql, values);
    } finally {
      await client.end();
    }
    return;
  }
  const db = sqliteConnection(path.join(location.dataDir, DATABASE_FILE));
  try {
    db.prepare(sql.replace(/\$\d+/g, '?')).run(...values);
  } finally {
    db.close();
  }
}
