// "Try:" suggestions that name two releases go forwards only (src/engine/intents/suggestions.ts): the helper on its
// own, then every answer of the version-bearing kinds, for every release in the bundled data, at moments before,
// during and after each release, checked by reading each suggestion back through the real parser.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../../src/data/load.ts';
import type { Dataset } from '../../../src/domain/dataset.ts';
import { compareMinor } from '../../../src/domain/version.ts';
import { createEngine, type Engine, type Query } from '../../../src/engine/index.ts';
import { forwardSuggestion } from '../../../src/engine/intents/suggestions.ts';
import type { VersionRef } from '../../../src/engine/refs.ts';

let dataset: Dataset;
let engine: Engine;
beforeAll(() => {
  dataset = loadDataset();
  engine = createEngine(dataset);
});

describe('forwardSuggestion', () => {
  it('suggests going from an older release to a newer one', () => {
    expect(forwardSuggestion('1.29', '1.30')).toEqual(['what breaks if I upgrade from 1.29 to 1.30']);
    expect(forwardSuggestion('1.9', '1.10')).toEqual(['what breaks if I upgrade from 1.9 to 1.10']);
  });

  it('suggests nothing backwards, nothing to the same release, nothing with a release missing', () => {
    expect(forwardSuggestion('1.30', '1.29')).toEqual([]);
    expect(forwardSuggestion('1.10', '1.9')).toEqual([]);
    expect(forwardSuggestion('1.31', '1.31')).toEqual([]);
    expect(forwardSuggestion(undefined, '1.31')).toEqual([]);
    expect(forwardSuggestion('1.31', null)).toEqual([]);
  });

  it('phrases the pair as asked', () => {
    expect(forwardSuggestion('1.30', '1.31', (a, b) => `compare ${a} and ${b}`)).toEqual(['compare 1.30 and 1.31']);
  });
});

const exact = (ref: VersionRef | null): string | null => (ref?.kind === 'exact' ? ref.minor : null);

/** The two releases a suggestion goes between, read by the parser, or null when it names no direction. */
function direction(query: Query): [string, string] | null {
  if (query.kind === 'upgrade') {
    const [from, to] = [exact(query.from), exact(query.to)];
    return from && to ? [from, to] : null;
  }
  if (query.kind === 'version-skew' && query.ask === 'upgrade-path') {
    const [from, to] = [exact(query.againstVersion), exact(query.version)];
    return from && to ? [from, to] : null;
  }
  return null;
}

/** "from 1.30 to 1.29", "1.30 → 1.29", "compare 1.31 and 1.30": the pair a suggestion's words name, in order. */
const WORDED = /\bfrom (1\.\d+) to (1\.\d+)|(1\.\d+) → (1\.\d+)|\bcompare (1\.\d+) and (1\.\d+)/;

const QUESTIONS = (v: string, previous: string | null, next: string | null): string[] => [
  `is ${v} still supported`,
  `when does ${v} reach end of life`,
  `latest patch of ${v}`,
  `tell me about ${v}`,
  `what was removed in ${v}`,
  `deprecations in ${v}`,
  `urgent upgrade notes for ${v}`,
  `what went GA in ${v}`,
  ...(previous
    ? [
        `upgrade from ${previous} to ${v}`,
        `upgrade from ${v} to ${previous}`,
        `compare ${v} and ${previous}`,
        `can I upgrade from ${v} to ${previous} directly?`,
        `can I upgrade from ${previous} to ${v} directly?`,
      ]
    : []),
  ...(next ? [`what breaks going ${v} → ${next}`, `kubelet ${next} with apiserver ${v}`] : []),
];

describe('no suggestion ever goes backwards', () => {
  it('over every release, before its release day, on it, and at the data date', () => {
    const releases = dataset.releases.map((release) => release.version);
    const dataDate = new Date(`${dataset.manifest.dataDate}T12:00:00Z`);
    let checked = 0;
    const backwards: string[] = [];
    releases.forEach((v, at) => {
      const gaDate = dataset.releases[at]!.gaDate;
      const ga = gaDate ? new Date(`${gaDate}T12:00:00Z`) : dataDate;
      const nows = [new Date(ga.getTime() - 30 * 86_400_000), ga, dataDate];
      for (const now of nows) {
        for (const question of QUESTIONS(v, releases[at - 1] ?? null, releases[at + 1] ?? null)) {
          for (const suggestion of engine.answer(question, now).suggestions) {
            checked += 1;
            const worded = WORDED.exec(suggestion)?.slice(1).filter(Boolean) as [string, string] | undefined;
            const read = direction(engine.understand(suggestion, now));
            for (const pair of [worded, read]) {
              if (pair && compareMinor(pair[0], pair[1]) >= 0)
                backwards.push(`${now.toISOString().slice(0, 10)} “${question}” → Try: “${suggestion}”`);
            }
          }
        }
      }
    });
    expect(checked).toBeGreaterThan(1_000);
    expect(backwards).toEqual([]);
  });
});
