import type { EngineIndex } from './context.ts';
import { bestCandidate, CUE_WORDS, KINDS, type Query } from './kinds/registry.ts';
import type { ParseNotes } from './refs.ts';
import { cleanQuestion, MAX_RAW_CHARS } from './sanitize.ts';
import { readQuestion } from './understand/question.ts';

/**
 * The one front door: chat text in, a Query out. Never throws. The question is read once (the
 * entity pass, against the dataset's vocabulary in `index`), every registered kind scores it, and
 * the best candidate wins (see bestCandidate). Relative versions stay symbolic; the kind's answer
 * resolves them at `now`.
 */
export function parse(text: string, index: EngineIndex, now: Date): Query {
  const raw = typeof text === 'string' ? text.slice(0, MAX_RAW_CHARS) : '';
  const clean = cleanQuestion(text);
  const notes: ParseNotes = { corrections: [], truncated: clean.truncated, stripped: clean.stripped };
  if (!clean.text) return { kind: 'help', reason: 'empty', notes };
  try {
    const question = readQuestion(raw, clean.text, index, now, notes, CUE_WORDS);
    const candidates = [];
    for (const kind of KINDS) {
      const candidate = kind.recognize(question);
      if (candidate) candidates.push(candidate);
    }
    const best = bestCandidate(candidates as Parameters<typeof bestCandidate>[0]);
    return best ? ({ ...best.query, notes } as Query) : { kind: 'help', reason: 'empty', notes };
  } catch {
    // Defensive: a recogniser bug must not take down a chat handler.
    return { kind: 'search', text: '', notes };
  }
}
