import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startApp, type App } from '../../adapters/app.ts';
import { HEALTH_PATHS } from '../../src/health.ts';
import { silentLogger } from '../../src/log.ts';
import { DATABASE_FILE } from '../../src/storage/database.ts';
import { canMountDisk, mountSmallDisk, type FullDisk } from '../storage/full-disk.ts';
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

describe('an unusable DATA_DIR', () => {
  it('fails start-up naming the variable and the reason (a regular file where the directory should be)', async () => {
    const notADirectory = path.join(mkdtempSync(path.join(tmpdir(), 'k8s-bot-datadir-')), 'file');
    writeFileSync(notADirectory, 'x');
    await expect(
      startApp({ env: { DATA_DIR: notADirectory, PORT: '0' }, logger: silentLogger, digestCron: false }),
    ).rejects.toThrow(new RegExp(`^DATA_DIR \\(${notADirectory}\\) cannot hold the bot database: EEXIST`));
  });
});
