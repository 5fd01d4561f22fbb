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
  const base: ParseNotes = { corrections: [], truncated: clean.truncated, stripped: clean.stripped };
  if (!clean.text) return { kind: 'help', reason: 'empty', notes: base };
  try {
    const { text: read, question, best, notes: noticed } = readMessage(raw, clean.text, index, now, base);
    if (!best) return { kind: 'help', reason: 'empty', notes: noticed };
    const parts =
      best.query.kind === 'subscription' ? null : splitQuestion(read, question, (part) => readPart(part, index, now));
    const { dates, periods } = question.entities;
    // One literal of one shape, whatever was noticed: adding the keys one by one costs a shape change each.
    const notes: ParseNotes = {
      corrections: noticed.corrections,
      truncated: noticed.truncated,
      stripped: noticed.stripped,
      asked: clean.text,
      followUps: parts?.followUps,
      // A two-part question's first part asks yes or no on its own ("what went GA in 1.33, did sidecars make it?").
      yesNo: (parts ? asksYesNo(parts.firstText.toLowerCase()) : question.yesNo) || undefined,
      statedDates: dates.length ? [...dates] : undefined,
      statedPeriods: periods.length ? [...periods] : undefined,
    };
    return withNotes(parts ? parts.first : best.query, notes);
  } catch {
    // Defensive: a recogniser bug must not take down a chat handler.
    return { kind: 'search', text: '', list: false, plain: false, notes: base };
  }
}

/**
 * The query with its notes. Each recogniser builds its query fresh for the question it read, so the notes are set on
 * it rather than copied into a new object (a spread of 21 kinds' shapes is a slow, megamorphic copy).
 */
function withNotes(query: Candidate<Query>['query'], notes: ParseNotes): Query {
  const complete = query as Query;
  complete.notes = notes;
  return complete;
}

/** A text read once: the question with its entities, the best candidate, and the notes the reading wrote. */
interface Reading {
  text: string;
  question: Question;
  best: Candidate<Query> | null;
  notes: ParseNotes;
}

function readAs(raw: string, text: string, index: EngineIndex, now: Date, base: ParseNotes): Reading {
  const notes: ParseNotes = { ...base, corrections: [] };
  const question = readQuestion(raw, text, index, now, notes, CUE_WORDS);
  return { text, question, best: bestReading(question), notes };
}

/** Read by a structured kind with some confidence: a part of its own, or the question after a message's context. */
const structured = (best: Candidate<Query> | null): best is Candidate<Query> =>
  best !== null && best.score >= SCORE.likely && !UNSTRUCTURED.has(best.query.kind);

const UPGRADE_CONTEXT = /\b(upgrad\w*|migrat\w*|moving|going|bump\w*)\b/i;

/** Context that names nothing the data knows ("For EKS, can you tell me …" keeps EKS) and no upgrade. */
function isAside(context: string, index: EngineIndex, now: Date): boolean {
  // "We're upgrading to 1.33 and need to know which APIs go": the upgrade is what is asked about.
  if (UPGRADE_CONTEXT.test(context)) return false;
  const notes: ParseNotes = { corrections: [], truncated: false, stripped: false };
  const named = extractEntities(context, index, notes, CUE_WORDS, now);
  return (
    named.platforms.length +
      named.components.length +
      named.sigs.length +
      named.features.length +
      named.apis.length +
      named.keps.length ===
    0
  );
}

/**
 * A long message's context before "… need to know when …" is not the question: the words after it are read
 * instead, when the context is an aside and they read as a question of their own; otherwise the whole message.
 */
function readMessage(raw: string, text: string, index: EngineIndex, now: Date, base: ParseNotes): Reading {
  const after = askedAfterContext(text);
  if (after && isAside(after.context, index, now)) {
    const focused = readAs(raw, after.asked, index, now, base);
    if (structured(focused.best)) return focused;
  }
  return readAs(raw, text, index, now, base);
}

/**
 * One part of a question read on its own: its query when a structured kind reads it with some confidence, else null.
 */
function readPart(text: string, index: EngineIndex, now: Date): Candidate<Query>['query'] | null {
  const { best } = readAs(text, text, index, now, { corrections: [], truncated: false, stripped: false });
  return structured(best) ? best.query : null;
}
