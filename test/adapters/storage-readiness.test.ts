import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { startApp, type App } from '../../adapters/app.ts';
import { HEALTH_PATHS } from '../../src/health.ts';
import { silentLogger } from '../../src/log.ts';
import { DATABASE_FILE } from '../../src/storage/database.ts';
import { describeDatabaseUrl } from '../../src/storage/postgres-store.ts';
import { canMountDisk, mountSmallDisk, type FullDisk } from '../storage/full-disk.ts';
import { postgresBackend, postgresUrl } from '../storage/support/backends.ts';
import { CapturedOutput, typedInput } from './console/streams.ts';

let app: App | null = null;
let disk: FullDisk | null = null;
afterEach(async () => {
  await app?.stop();
  disk?.unmount();
  app = null;
  disk = null;
});

const readiness = async (port: number) => {
  const response = await fetch(`http://127.0.0.1:${port}${HEALTH_PATHS.readiness}`);
  return { code: response.status, status: ((await response.json()) as { status: string }).status };
};

describe.skipIf(!canMountDisk)('/readyz follows the database (DATA_DIR on a real tmpfs)', () => {
  it('503 naming bot.sqlite while writes fail with a full disk; the user is told nothing was saved; 200 once a write works', async () => {
    disk = mountSmallDisk()!;
    const input = typedInput();
    const output = new CapturedOutput();
    app = await startApp({
      env: { DATA_DIR: disk.dataDir, PORT: '0' },
      stdin: input,
      stdout: output,
      logger: silentLogger,
      digestCron: false,
    });
    const port = app.healthPort!;
    expect((await readiness(port)).code).toBe(200);

    disk.fill();
    input.write('subscribe weekly\n');
    await output.waitFor('Not saved');
    expect(await readiness(port)).toEqual({
      code: 503,
      status: `storage failing: ${path.join(disk.dataDir, DATABASE_FILE)}: database or disk is full (SQLITE_FULL)`,
    });

    disk.free();
    const from = output.text.length;
    input.write('subscribe weekly\n');
    await output.waitFor('Subscribed', from);
    expect(await readiness(port)).toEqual({ code: 200, status: 'ok' });
  });
});

const TEST_DATABASE_URL = postgresUrl();

describe.skipIf(!TEST_DATABASE_URL)('/readyz follows the database (DATABASE_URL on a real PostgreSQL)', () => {
  const backend = postgresBackend(TEST_DATABASE_URL ?? '');
  afterEach(() => backend.cleanUp());

  it('503 naming the server and database while a write is refused (privilege revoked); the user is told nothing was saved; 200 once a write works', async () => {
    const { databaseUrl } = await backend.fresh();
    const input = typedInput();
    const output = new CapturedOutput();
    app = await startApp({
      env: { DATABASE_URL: databaseUrl!, DATA_DIR: mkdtempSync(path.join(tmpdir(), 'k8s-bot-pg-ready-')), PORT: '0' },
      stdin: input,
      stdout: output,
      logger: silentLogger,
      digestCron: false,
    });
    const port = app.healthPort!;
    expect((await readiness(port)).code).toBe(200);

    // The bot's own role loses the right to write its table, as a mistaken migration or an operator could do.
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    try {
      await admin.query('REVOKE INSERT, UPDATE ON subscriptions FROM CURRENT_USER');
      input.write('subscribe weekly\n');
      await output.waitFor('Not saved');
      expect(await readiness(port)).toEqual({
        code: 503,
        status: `storage failing: ${describeDatabaseUrl(databaseUrl!)}: permission denied for table subscriptions (42501)`,
      });

      await admin.query('GRANT INSERT, UPDATE ON subscriptions TO CURRENT_USER');
    } finally {
      await admin.end();
    }
    const from = output.text.length;
    input.write('subscribe weekly\n');
    await output.waitFor('Subscribed', from);
    expect(await readiness(port)).toEqual({ code: 200, status: 'ok' });
  });

  it('503 naming the server when it ends the connection of a write in flight (pg_terminate_backend); 200 once a write works', async () => {
    const { databaseUrl } = await backend.fresh();
    const schema = new URL(databaseUrl!).searchParams.get('options')!.replace('-c search_path=', '');
    // The bot's connections carry the schema's name, so only they are ended (other test files share the server).
    const botUrl = new URL(databaseUrl!);
    botUrl.searchParams.set('application_name', schema);
    const input = typedInput();
    const output = new CapturedOutput();
    app = await startApp({
      env: {
        DATABASE_URL: botUrl.toString(),
        DATA_DIR: mkdtempSync(path.join(tmpdir(), 'k8s-bot-pg-ready-')),
        PORT: '0',
      },
      stdin: input,
      stdout: output,
      logger: silentLogger,
      digestCron: false,
    });
    const port = app.healthPort!;
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    try {
      // Hold the table so the bot's write is in flight on the server when its connection is ended.
      await admin.query('BEGIN');
      await admin.query(`LOCK TABLE ${schema}.subscriptions IN ACCESS EXCLUSIVE MODE`);
      input.write('subscribe weekly\n');
      const waiting = `SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'`;
      await expect.poll(async () => (await admin.query(waiting, [schema])).rowCount, { timeout: 10_000 }).toBe(1);
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [schema]);
      await output.waitFor('Not saved');
      expect(await readiness(port)).toEqual({
        code: 503,
        status: `storage failing: ${describeDatabaseUrl(databaseUrl!)}: terminating connection due to administrator command (57P01)`,
      });
      await admin.query('COMMIT');
    } finally {
      await admin.end();
    }
    const from = output.text.length;
    input.write('subscribe weekly\n');
    await output.waitFor('Subscribed', from);
    expect(await readiness(port)).toEqual({ code: 200, status: 'ok' });
  });
});

describe('an unusable DATA_DIR', () => {
  it('fails start-up naming the variable and the reason (a regular file where the directory should be)', async () => {
    const notADirectory = path.join(mkdtempSync(path.join(tmpdir(), 'k8s-bot-datadir-')), 'file');
    writeFileSync(notADirectory, 'x');
    await expect(
      startApp({ env: { DATA_DIR: notADirectory, PORT: '0' }, logger: silentLogger, digestCron: false }),
    ).rejects.toThrow(new RegExp(`^DATA_DIR \\(${notADirectory}\\) cannot hold the bot database: EEXIST`));
  });
});
