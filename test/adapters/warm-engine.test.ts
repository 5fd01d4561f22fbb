// startApp listens before the engine's vocabulary is built (see EngineIndex.vocabulary) and builds it as soon
// as it is running, and again after every data refresh, so no question waits for it. Counted through the
// real buildVocabulary, wrapped.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type App, type StartedAdapter, startApp } from '../../adapters/app.ts';
import { loadDataset } from '../../src/data/load.ts';
import { silentLogger } from '../../src/log.ts';

const vocabularies = vi.hoisted(() => ({ built: 0 }));
vi.mock('../../src/engine/understand/vocabulary.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/engine/understand/vocabulary.ts')>();
  return {
    ...original,
    buildVocabulary: (...args: Parameters<typeof original.buildVocabulary>) => {
      vocabularies.built++;
      return original.buildVocabulary(...args);
    },
  };
});

const apps: App[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.stop()));
});

const quietConsole = async (): Promise<StartedAdapter> => ({
  platform: 'console',
  poster: { platform: 'console', post: async () => undefined },
  stop: async () => undefined,
});
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('startApp: the engine’s vocabulary', () => {
  it('is built once the app is running, and again for the snapshot a refresh swaps in', async () => {
    const before = vocabularies.built;
    const app = await startApp({
      env: { DATA_DIR: mkdtempSync(path.join(tmpdir(), 'warm-')), PORT: '0', DATA_REFRESH: 'off' },
      logger: silentLogger,
      adapters: { console: quietConsole },
      digestCron: false,
    });
    apps.push(app);
    expect(app.health.isReady).toBe(true);
    // Start-up itself did not build it: the probes answered without waiting for it.
    expect(vocabularies.built).toBe(before);
    await nextTurn();
    expect(vocabularies.built).toBe(before + 1);

    app.live.swap(loadDataset(), 'refreshed');
    expect(vocabularies.built).toBe(before + 1);
    await nextTurn();
    expect(vocabularies.built).toBe(before + 2);
    // The question after it finds it built.
    app.live.current().engine.answer('who led 1.24', new Date('2026-11-21T12:00:00Z'));
    expect(vocabularies.built).toBe(before + 2);
  });
});
