// A child process for sqlite-handles.test.ts: `store <dir>` opens, uses and closes the SQLite store now and
// then, and reads and writes its file past the store as the tests do (support/backends.ts), on each of 400
// turns of the event loop while it allocates; then it exits normally (on Node 24 a collected better-sqlite3
// handle aborts the process with exit 134). `collect <dir> kept|raw` (run with --expose-gc) prints which
// handles the garbage collector freed after their references were dropped.
import path from 'node:path';
import Database from 'better-sqlite3';
import { sqliteConnection } from '../../../src/storage/database.ts';
import { openSqliteStore } from '../../../src/storage/subscription-store.ts';
import { rawExec, rawRows } from './backends.ts';

const [mode, dir, opener] = process.argv.slice(2) as [string, string, string | undefined];

async function useStoreThenAllocate(): Promise<void> {
  const channel = { platform: 'slack', workspace: 'T1', channel: 'C1' } as const;
  const location = { dataDir: dir };
  let kept: unknown[] = [];
  for (let turn = 0; turn < 400; turn++) {
    // A turn of the event loop each time: a collection between callbacks, outside any JavaScript call, is
    // the kind that aborts when it frees a handle (one long synchronous loop of allocations did not).
    await new Promise((resolve) => setImmediate(resolve));
    if (turn % 80 === 0) {
      const store = openSqliteStore(dir);
      await store.save(channel, { kind: 'both', time: '09:00', timeZone: 'UTC', weekday: 1 }, new Date());
      await store.list();
      await store.close();
    }
    // Past the store, as the tests check what is at rest and tamper with it.
    await rawExec(location, 'UPDATE subscriptions SET time_of_day = $1', ['10:00']);
    await rawRows(location, 'subscriptions');
    for (let i = 0; i < 20_000; i++) kept.push({ i, text: `row ${i}` });
    if (kept.length > 400_000) kept = [];
  }
  process.stdout.write(`allocated ${kept.length}\n`);
}

function reportCollected(): void {
  const collected: string[] = [];
  const registry = new FinalizationRegistry<string>((name) => collected.push(name));
  const open = opener === 'kept' ? sqliteConnection : (file: string) => new Database(file);
  (() => {
    const db = open(path.join(dir, 'handles.sqlite'));
    registry.register(db, 'database');
    registry.register(db.prepare('SELECT 1'), 'statement');
    db.close();
  })();
  const gc = (globalThis as { gc?: () => void }).gc!;
  gc();
  setTimeout(() => {
    gc();
    setTimeout(() => process.stdout.write(`${JSON.stringify(collected.sort())}\n`), 50);
  }, 50);
}

if (mode === 'store') await useStoreThenAllocate();
else reportCollected();
