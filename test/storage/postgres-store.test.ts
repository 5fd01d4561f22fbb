import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { POSTGRES_MIGRATIONS } from '../../src/storage/postgres-migrations.ts';
import { describeDatabaseUrl, openPostgresStore, postgresSchemaVersion } from '../../src/storage/postgres-store.ts';
import { describeInstallationContract } from './installation-contract.ts';
import { describeStoreContract } from './store-contract.ts';
import { postgresBackend, postgresUrl, type Backend } from './support/backends.ts';

const url = postgresUrl();

describe('describeDatabaseUrl', () => {
  it('names the server and database but never the password', () => {
    expect(describeDatabaseUrl('postgres://bot:s3cret@db.example:5432/bot?sslmode=require')).toBe(
      'postgres://bot@db.example:5432/bot',
    );
    expect(describeDatabaseUrl('not a url')).not.toContain('not a url');
  });
});

describe.skipIf(!url)('PostgreSQL', () => {
  describeStoreContract(postgresBackend(url!));
  describeInstallationContract(postgresBackend(url!));

  describe('migrations', () => {
    let backend: Backend;
    let databaseUrl: string;
    beforeEach(async () => {
      backend = postgresBackend(url!);
      databaseUrl = (await backend.fresh()).databaseUrl!;
    });
    afterEach(() => backend.cleanUp());

    it('records every applied migration, once, however many replicas start at once', async () => {
      const stores = await Promise.all([
        openPostgresStore(databaseUrl),
        openPostgresStore(databaseUrl),
        openPostgresStore(databaseUrl),
      ]);
      expect(await postgresSchemaVersion(stores[0]!.pool)).toBe(POSTGRES_MIGRATIONS.length);
      const { rows } = await stores[0]!.pool.query('SELECT count(*)::int AS n FROM schema_migrations');
      expect(rows[0].n).toBe(POSTGRES_MIGRATIONS.length);
      for (const store of stores) await store.close();
    });

    it('refuses a database migrated by a newer build, naming the database', async () => {
      await (await openPostgresStore(databaseUrl)).close();
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [POSTGRES_MIGRATIONS.length + 1]);
      await client.end();
      await expect(openPostgresStore(databaseUrl)).rejects.toThrow(/postgres:\/\/.*newer than this build/);
    });

    it('an unreachable server fails with a message naming it, not the password', async () => {
      const unreachable = 'postgres://bot:s3cret@127.0.0.1:1/nowhere';
      const error = await openPostgresStore(unreachable).then(
        () => null,
        (e: Error) => e,
      );
      expect(error?.message).toMatch(/^postgres:\/\/bot@127\.0\.0\.1:1\/nowhere: cannot open the bot database/);
      expect(error?.message).not.toContain('s3cret');
    });
  });
});
