// A child process for sqlite-handles.test.ts: `store <dir>` opens, uses and closes the SQLite store five times,
// then allocates until the garbage collector has run on its own many times, and exits normally (on Node 24 a
// collected better-sqlite3 handle aborts the process with exit 134). `collect <dir> kept|raw` (run with
// --expose-gc) prints which handles the garbage collector freed after their references were dropped.
import path from 'node:path';
import Database from 'better-sqlite3';
import { sqliteConnection } from '../../../src/storage/database.ts';
import { openSqliteStore } from '../../../src/storage/subscription-store.ts';

const [mode, dir, opener] = process.argv.slice(2) as [string, string, string | undefined];

async function useStoreThenAllocate(): Promise<void> {
  const channel = { platform: 'slack', workspace: 'T1', channel: 'C1' } as const;
  for (let round = 0; round < 5; round++) {
    const store = openSqliteStore(dir);
    await store.save(channel, { kind: 'both', time: '09:00', timeZone: 'UTC', weekday: 1 }, new Date());
    await store.list();
    await store.close();
  }
  // Allocation from a timer callback: collections V8 starts itself, the kind that freed handles in production.
  setTimeout(() => {
    let kept: unknown[] = [];
    for (let i = 0; i < 3_000_000; i++) {
      kept.push({ i, text: `row ${i}` });
      if (kept.length > 10_000) kept = [];
    }
    process.stdout.write(`allocated ${kept.length}\n`);
  }, 10);
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
