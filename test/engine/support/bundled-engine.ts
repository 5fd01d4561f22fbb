// The engine over the bundled data/, built once per test file (before its tests, not at import).
import { beforeAll } from 'vitest';
import { loadDataset } from '../../../src/data/load.ts';
import { createEngine, type Engine } from '../../../src/engine/index.ts';

/** Call at a test file's top level; the returned function gives the engine inside tests. */
export function bundledEngine(): () => Engine {
  let engine: Engine | undefined;
  beforeAll(() => {
    engine = createEngine(loadDataset());
  });
  return () => {
    if (!engine) throw new Error('bundledEngine(): the engine is built in beforeAll; use it inside a test');
    return engine;
  };
}
