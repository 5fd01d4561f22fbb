import type { EngineIndex } from './engine-index.ts';
import { SCORE, type Candidate } from './kinds/kind.ts';
import { bestCandidate, CUE_WORDS, KINDS, type Query } from './kinds/registry.ts';
import type { ParseNotes } from './refs.ts';
import { cleanQuestion, MAX_RAW_CHARS } from './sanitize.ts';
import { askedAfterContext, splitQuestion } from './two-part.ts';
import { extractEntities } from './understand/entities.ts';
import { asksYesNo, readQuestion, type Question } from './understand/question.ts';

/** Every registered kind scores the question once read; the best candidate wins (see bestCandidate). */
function bestReading(question: Question): Candidate<Query> | null {
  const candidates = [];
  for (const kind of KINDS) {
    const candidate = kind.recognize(question);
    if (candidate) candidates.push(candidate);
  }
  return bestCandidate(candidates as Parameters<typeof bestCandidate>[0]);
}

/** Kinds that read a question's structure; a part read only as search or help is no part of its own. */
const UNSTRUCTURED = new Set<string>(['search', 'help']);

/**
 * The one front door: chat text in, a Query out. Never throws. The question is read once (the
 * entity pass, against the dataset's vocabulary in `index`), every registered kind scores it, and
 * the best candidate wins (see bestCandidate). A question in two parts that each read well on their
 * own is answered part by part (see two-part.ts): the Query is the first part's, the others ride in
 * `notes.followUps`. Relative versions stay symbolic; the kind's answer resolves them at `now`.
 */
export function parse(text: string, index: EngineIndex, now: Date): Query {
  const raw = typeof text === 'string' ? text.slice(0, MAX_RAW_CHARS) : '';
  const clean = cleanQuestion(text);
  const notes: ParseNotes = { corrections: [], truncated: clean.truncated, stripped: clean.stripped };
  if (!clean.text) return { kind: 'help', reason: 'empty', notes };
  try {
    const focused = focusedQuestion(clean.text, index, now);
    const question = readQuestion(raw, focused, index, now, notes, CUE_WORDS);
    const best = bestReading(question);
    if (!best) return { kind: 'help', reason: 'empty', notes };
    notes.asked = clean.text;
    if (question.entities.dates.length) notes.statedDates = [...question.entities.dates];
    if (question.entities.periods.length) notes.statedPeriods = [...question.entities.periods];
    const parts =
      best.query.kind === 'subscription'
        ? null
        : splitQuestion(focused, question, (part) => readPart(part, index, now));
    // A two-part question's first part asks yes or no on its own ("what went GA in 1.33, did sidecars make it?").
    if (parts ? asksYesNo(parts.firstText.toLowerCase()) : question.yesNo) notes.yesNo = true;
    if (parts) {
      notes.followUps = parts.followUps;
      return { ...parts.first, notes } as Query;
    }
    return { ...best.query, notes } as Query;
  } catch {
    // Defensive: a recogniser bug must not take down a chat handler.
    return { kind: 'search', text: '', list: false, plain: false, notes };
  }
}

const UPGRADE_CONTEXT = /\b(upgrad\w*|migrat\w*|moving|going|bump\w*)\b/i;

/**
 * A long message's context before "… need to know when …" is not the question; the words after it are, when they
 * read as a question of their own and the context names nothing the data knows ("For EKS, can you tell me when 1.30
 * …" keeps EKS) and no upgrade.
 */
function focusedQuestion(text: string, index: EngineIndex, now: Date): string {
  const after = askedAfterContext(text);
  if (!after || readPart(after.asked, index, now) === null) return text;
  const notes: ParseNotes = { corrections: [], truncated: false, stripped: false };
  const context = extractEntities(after.context, index, notes, CUE_WORDS, now);
  const named =
    context.platforms.length +
    context.components.length +
    context.sigs.length +
    context.features.length +
    context.apis.length +
    context.keps.length;
  // "We're upgrading to 1.33 and need to know which APIs go": the upgrade is what is asked about.
  return named === 0 && !UPGRADE_CONTEXT.test(after.context) ? after.asked : text;
}

/**
 * One part of a question read on its own: its query when a structured kind reads it with some confidence, else null.
 */
function readPart(text: string, index: EngineIndex, now: Date): Candidate<Query>['query'] | null {
  const notes: ParseNotes = { corrections: [], truncated: false, stripped: false };
  const question = readQuestion(text, text, index, now, notes, CUE_WORDS);
  const best = bestReading(question);
  if (!best || best.score < SCORE.likely || UNSTRUCTURED.has(best.query.kind)) return null;
  return best.query;
}
