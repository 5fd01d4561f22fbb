// The index defers its vocabulary (most of a build: the English word set, the title index) to its first use,
// so a start can listen before it. Counted through the real buildVocabulary, wrapped.
import { describe, expect, it, vi } from 'vitest';
import { loadDataset } from '../../src/data/load.ts';
import { createEngine } from '../../src/engine/index.ts';
import { buildIndex } from '../../src/engine/engine-index.ts';

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

const dataset = loadDataset();
const now = new Date('2026-11-21T12:00:00Z');

describe('buildIndex: the vocabulary', () => {
  it('is built on first use, once', () => {
    const before = vocabularies.built;
    const index = buildIndex(dataset);
    expect(vocabularies.built).toBe(before);
    const vocabulary = index.vocabulary;
    expect(vocabularies.built).toBe(before + 1);
    expect(index.vocabulary).toBe(vocabulary);
    expect(vocabularies.built).toBe(before + 1);
    expect(vocabulary.gates.get('jobmanagedby')?.name).toBe('JobManagedBy');
  });

  it('is built by the first question that needs it, which is answered as before', () => {
    const engine = createEngine(dataset);
    const before = vocabularies.built;
    const answer = engine.answer('did sidecars make it to GA?', now);
    expect(vocabularies.built).toBe(before + 1);
    expect(answer.title).toBe('KEP-753: Sidecar Containers');
    // Another engine's first question builds its own.
    expect(createEngine(dataset).answer('who’s leading 1.36', now).intent).toBe('team');
    expect(vocabularies.built).toBe(before + 2);
  });
});
