import type { Answer, AnswerIntent } from '../domain/answer.ts';
import { makeAnswer, section } from '../domain/answer-builders.ts';
import { compareMinor } from '../domain/version.ts';
import type { EngineIndex } from './engine-index.ts';
import type { VersionRef } from './refs.ts';
import { resolveVersion } from './versions.ts';

/** The most releases a span answer lists one by one ("GA features in 1.20 - 1.36" names the last ones). */
const MAX_SPAN = 6;

/**
 * A question over a range of releases ("GA features in 1.28 - 1.30", "deprecations 1.22 - 1.25"): each release's own
 * answer (`answerOf`), both ends included, joined into one: a line per release, then each one's lists. Null when
 * the range is one release (the caller answers it as one). An end the data does not know gets its own answer.
 */
export function spanAnswer(
  index: EngineIndex,
  range: { from: VersionRef | null; to: VersionRef },
  now: Date,
  intent: AnswerIntent,
  describe: { title: (from: string, to: string) => string },
  answerOf: (version: VersionRef) => Answer,
): Answer | null {
  const from = resolveVersion(index, range.from, now, intent);
  if (!from.ok) return from.answer;
  const to = resolveVersion(index, range.to, now, intent);
  if (!to.ok) return to.answer;
  const [low, high] =
    compareMinor(from.release.version, to.release.version) <= 0
      ? [from.release.version, to.release.version]
      : [to.release.version, from.release.version];
  if (low === high) return null;
  const span = index.releases
    .map((release) => release.version)
    .filter((version) => compareMinor(version, low) >= 0 && compareMinor(version, high) <= 0);
  const shown = span.slice(-MAX_SPAN);
  const parts = shown.map((version) => ({
    version,
    answer: answerOf({ kind: 'exact', minor: version, patch: null }),
  }));
  const cut = span.length > shown.length ? ` (the last ${shown.length} of ${span.length} releases)` : '';
  const verdicts = parts.map((part) => part.answer.verdict);
  return makeAnswer(index.footer, {
    intent,
    title: describe.title(low, high),
    summary: `Kubernetes ${low} to ${high}${cut}: ${parts.map((part) => `${part.version}: ${part.answer.summary}`).join(' ')}`,
    ...(verdicts.includes('yes')
      ? { verdict: 'yes' as const }
      : verdicts.every((v) => v === 'no')
        ? { verdict: 'no' as const }
        : {}),
    release: high,
    sections: parts.flatMap((part) =>
      part.answer.sections.length ? part.answer.sections : [section(part.version, { lines: [part.answer.summary] })],
    ),
    links: parts.flatMap((part) => part.answer.links).slice(0, 6),
    suggestions: parts.at(-1)?.answer.suggestions ?? [],
  });
}

const WRITTEN_SPAN = /\bver (?:to|through|thru|->|→) ver\b/;

/**
 * The two versions a question writes as a span ("we skipped 1.30, so going 1.29 → 1.31"): the pair either side of
 * its "to", else its first two versions; null with fewer than two.
 */
export function spanEnds(question: {
  text: string;
  entities: { versions: readonly VersionRef[] };
}): [VersionRef, VersionRef] | null {
  const { versions } = question.entities;
  if (versions.length < 2) return null;
  const written = versions.length > 2 ? WRITTEN_SPAN.exec(question.text) : null;
  const at = written ? (question.text.slice(0, written.index).match(/\bver\b/g)?.length ?? 0) : 0;
  return [versions[at]!, versions[at + 1]!];
}

/**
 * What a recogniser adds to a per-release query: the other end of the range the question names, else undefined. The
 * key is always there: overSpan reads it on every kind's query, and a key some shapes lack is a slow lookup there.
 */
export const untilOf = (entities: {
  range: boolean;
  versions: readonly VersionRef[];
}): { until: VersionRef | undefined } => ({
  until: entities.range ? entities.versions[1] : undefined,
});

/**
 * A kind's answer over a range: with `until` set, each release's own answer from `version` to `until` joined (see
 * spanAnswer); without it, or when the range is one release, the kind's answer as it is.
 */
export function overSpan<Q extends { version: VersionRef | null; until?: VersionRef }>(
  one: (query: Q, index: EngineIndex, now: Date) => Answer,
  intent: AnswerIntent,
  title: (from: string, to: string, query: Q) => string,
): (query: Q, index: EngineIndex, now: Date) => Answer {
  return (query, index, now) => {
    if (!query.until) return one(query, index, now);
    const { until, ...rest } = query;
    const single = rest as Q;
    const joined = spanAnswer(
      index,
      { from: query.version, to: until },
      now,
      intent,
      { title: (from, to) => title(from, to, query) },
      (version) => one({ ...single, version }, index, now),
    );
    return joined ?? one(single, index, now);
  };
}
