import type { Answer, AnswerFact, AnswerSection, AnswerVerdict } from '../domain/answer.ts';
import type { EngineIndex } from './engine-index.ts';
import type { Kep } from '../domain/kep.ts';
import { isoDay, pacificDay } from '../domain/dates.ts';
import { kepItem } from './format.ts';
import { makeAnswer, plural, section } from '../domain/answer-builders.ts';
import type { Query } from './kinds/registry.ts';
import type { StageListQuery } from './kinds/stage-list.ts';
import type { FollowUp, Period } from './refs.ts';
import { isShipped, resolveVersion } from './versions.ts';
import { singleSpaced } from '../domain/plain-text.ts';
import { sameQuery } from './same-query.ts';
import { memoForObject } from '../domain/memo.ts';

/**
 * What every answer gets once its kind has answered, in one place: the other parts of a two-part
 * question, a polite correction where a statement's date is not what the data says, and "Try:"
 * lines that never repeat the question just asked.
 */

const FOLLOW_UP_FACTS = 6;
const FOLLOW_UP_ITEMS = 12;

type Answerer = (query: Query) => Answer;
type Reader = (text: string) => Query;

/** The second answer, short: its summary line and its key facts (or the head of its list). */
export function followUpSection(answer: Answer): AnswerSection {
  const facts = answer.facts.slice(0, FOLLOW_UP_FACTS);
  const list = facts.length ? [] : (answer.sections.find((part) => part.items.length > 0)?.items ?? []);
  return section(answer.title, {
    lines: [answer.summary],
    facts,
    items: list.slice(0, FOLLOW_UP_ITEMS),
    omitted: Math.max(0, list.length - FOLLOW_UP_ITEMS),
  });
}

const STAGE_ORDER = { alpha: 1, beta: 2, stable: 3 } as const;
const NAMED_IN_SUMMARY = 5;

function named(keps: readonly Kep[]): string {
  const shown = keps.slice(0, NAMED_IN_SUMMARY).map((kep) => `KEP-${kep.number} ${kep.title}`);
  return `${shown.join('; ')}${keps.length > NAMED_IN_SUMMARY ? '; …' : ''}`;
}

/**
 * "Which features that went beta in 1.30 became GA in 1.32?": the KEPs whose kep.yaml records the
 * first stage in the first release and the later stage in the second. Null when the two lists do
 * not narrow each other (same stage, or the later stage first).
 */
export function narrowedList(
  first: StageListQuery,
  then: StageListQuery,
  index: EngineIndex,
  now: Date,
): Answer | null {
  if (STAGE_ORDER[then.stage] <= STAGE_ORDER[first.stage]) return null;
  const from = resolveVersion(index, first.version, now, 'stage-list');
  const to = resolveVersion(index, then.version, now, 'stage-list');
  if (!from.ok) return from.answer;
  if (!to.ok) return to.answer;
  const [a, b] = [from.release.version, to.release.version];
  const sig = first.sig ?? then.sig;
  const keps = index.dataset.keps
    .filter((kep) => kep.milestones[first.stage] === a && kep.milestones[then.stage] === b)
    .filter((kep) => !sig || kep.owningSig === sig)
    .sort((x, y) => x.number - y.number);
  const shipped = isShipped(to.release, now);
  const verb = shipped ? 'reached' : 'target';
  const stageName = then.stage === 'stable' ? 'stable (GA)' : then.stage;
  const path = `${first.stage} ${a} → ${then.stage} ${b}`;
  const summary = keps.length
    ? `${plural(keps.length, 'KEP')} that went ${first.stage} in ${a} ${verb} ${stageName} in ${b}, by kep.yaml: ` +
      `${named(keps)}.`
    : `No KEP that went ${first.stage} in ${a} ${shipped ? 'reached' : 'targets'} ${stageName} in ${b}, by kep.yaml.`;
  return makeAnswer(index.footer, {
    intent: 'stage-list',
    title: `${first.stage} in ${a} → ${then.stage} in ${b}`,
    summary: shipped ? summary : `${summary} ${b} is not released yet (as of ${isoDay(now)}): this is the plan.`,
    release: b,
    sections: [section(`${first.stage} in ${a}, ${then.stage} in ${b}`, { items: keps.map((k) => kepItem(k, path)) })],
    suggestions: [`${first.stage} features in ${a}`, `what went GA in ${b}`],
  });
}

/** The whole answer to a question in parts: the first part's answer (or the narrowed list), the others as sections. */
export function withFollowUps(
  query: Query,
  answer: Answer,
  followUps: readonly FollowUp[],
  read: Reader,
  answerOf: Answerer,
  index: EngineIndex,
  now: Date,
): Answer {
  let result = answer;
  for (const followUp of followUps) {
    const next = read(followUp.text);
    if (followUp.relation === 'then' && query.kind === 'stage-list' && next.kind === 'stage-list') {
      const narrowed = narrowedList(query, next, index, now);
      if (narrowed) {
        result = narrowed;
        continue;
      }
    }
    result = { ...result, sections: [...result.sections, followUpSection(answerOf(next))] };
  }
  return result;
}

/** What a statement says happened, and the answer's fact that says when it did. */
const STATED_EVENTS: ReadonlyArray<{ said: RegExp; fact: RegExp; phrase: string }> = [
  {
    said: /\b(?:ship(?:s|ped)?|released?|came out|comes out|launch(?:ed|es)?|goes ga|went ga|out on)\b/i,
    fact: /^(?:Released|Release date|Planned release)$/,
    phrase: 'was released on',
  },
  {
    said: /\b(?:eol|end[- ]of[- ](?:life|support)|out of support|unsupported|support ends)\b/i,
    fact: /^End of life$/,
    phrase: 'reaches end of life on',
  },
  { said: /\bmaintenance\b/i, fact: /^Maintenance mode$/, phrase: 'enters maintenance mode on' },
  { said: /\bcode freeze\b/i, fact: /\bcode freeze\b/i, phrase: 'has code freeze on' },
];
const WH_QUESTION = /^\s*(?:what|which|who|whom|when|where|how|why)\b/i;

function factDay(fact: AnswerFact): string | null {
  return typeof fact.raw === 'string' && /^\d{4}-\d{2}-\d{2}/.test(fact.raw) ? fact.raw.slice(0, 10) : null;
}

/** A timed deadline agrees with the day it falls on in UTC or in Pacific time, where the release team sets it. */
function agrees(stated: string, fact: AnswerFact): boolean {
  const raw = fact.raw as string;
  return raw.slice(0, 10) === stated || (raw.length > 10 && pacificDay(raw) === stated);
}

/**
 * "Kubernetes 1.27 shipped on April 18, 2023": where the data says another day, the answer starts by
 * saying so ("Not quite — …"; "No — …" to a yes/no question). A wh-question's date is no claim.
 */
export function correctStatement(
  asked: string,
  stated: { dates: readonly string[]; periods: readonly Period[] },
  answer: Answer,
  yesNo = false,
): Answer {
  if ((!stated.dates.length && !stated.periods.length) || WH_QUESTION.test(asked)) return answer;
  for (const event of STATED_EVENTS) {
    if (!event.said.test(asked)) continue;
    const fact = answer.facts.find((candidate) => event.fact.test(candidate.label) && factDay(candidate));
    if (!fact) continue;
    const day = factDay(fact)!;
    if (stated.dates.some((date) => agrees(date, fact))) return answer;
    if (stated.periods.some((period) => day >= period.from && day <= period.to)) return answer;
    const subject = answer.release ? `Kubernetes ${answer.release}` : 'it';
    const lead = yesNo ? 'No' : 'Not quite';
    const claimed = [...stated.dates, ...stated.periods.map((period) => `in ${period.label}`)].join(' or ');
    const correction = `${lead} — ${subject} ${event.phrase} ${day}, not ${claimed}.`;
    return { ...answer, verdict: 'no', summary: `${correction} ${withoutLead(answer.summary)}` };
  }
  return answer;
}

const LEAD_WORDS: Record<AnswerVerdict, string> = { yes: 'Yes', no: 'No', 'not-yet': 'Not yet', partly: 'Partly' };
/** A summary that already opens with its verdict ("No — …", "Only for critical fixes — …"). */
const LEAD = /^(?:Yes|No|Not yet|Not quite|Not|Partly|Only [^—]{1,40}) — /;

const withoutLead = (summary: string): string => summary.replace(LEAD, '');

/**
 * A yes/no question's answer opens with its verdict ("Yes — 17 enhancements graduated to stable in 1.30 …"):
 * the kind says what is true (`answer.verdict`), this says it first. A summary that already leads with one is kept.
 */
export function leadWithVerdict(answer: Answer, yesNo: boolean): Answer {
  if (!yesNo || !answer.verdict || LEAD.test(answer.summary)) return answer;
  return { ...answer, summary: `${LEAD_WORDS[answer.verdict]} — ${answer.summary}` };
}

/** Suggestion text compared loosely: case, quotes, punctuation and spacing do not make another question. */
export function normaliseQuestion(text: string): string {
  return singleSpaced(text.toLowerCase().replace(LOOSE_PUNCTUATION, ' '));
}
const LOOSE_MARKS = '“”"\'‘’`?!.,;:';
const LOOSE_PUNCTUATION = new RegExp(`[${LOOSE_MARKS}]+`, 'g');
/** ASCII character code → 1 where normaliseQuestion makes the character part of a gap (punctuation, whitespace). */
const LOOSE_ASCII = new Uint8Array(128);
for (const mark of `${LOOSE_MARKS} \t\n\v\f\r`) if (mark.charCodeAt(0) < 128) LOOSE_ASCII[mark.charCodeAt(0)] = 1;
const A = 65;
const Z = 90;
const TO_LOWER = 32;
const SPACE = 32;

/**
 * Whether `text` normalises to `normalised` (a normaliseQuestion result), walked in place: it stops at the first
 * character that differs, where normalising `text` would copy it three times (once per answer, for the question
 * asked, though most answers suggest nothing like it). Text with other than ASCII is normalised as usual.
 */
export function normalisesTo(text: string, normalised: string): boolean {
  let at = 0;
  let gap = false;
  for (let read = 0; read < text.length; read++) {
    const code = text.charCodeAt(read);
    if (code > 127) return normaliseQuestion(text) === normalised;
    if (LOOSE_ASCII[code] === 1) {
      gap = at > 0;
      continue;
    }
    if (gap) {
      if (normalised.charCodeAt(at++) !== SPACE) return false;
      gap = false;
    }
    if (normalised.charCodeAt(at++) !== (code >= A && code <= Z ? code + TO_LOWER : code)) return false;
  }
  return at === normalised.length;
}

const READINGS_KEPT = 4_000;

/**
 * A suggestion as the asked question is compared with it: its normalised text and the query it reads as, with that
 * query's kind beside it (most suggestions are of another kind than the question, and are ruled out without reading
 * the query object).
 */
interface Reading {
  normalised: string;
  kind: Query['kind'];
  query: Query;
}
/** Suggestions come from a few templates: each is read once per dataset and kept. */
const readingsOf = memoForObject((_index: EngineIndex) => new Map<string, Reading>());

function readingOf(text: string, cache: Map<string, Reading>, read: Reader): Reading {
  let reading = cache.get(text);
  if (reading === undefined) {
    const query = read(text);
    reading = { normalised: normaliseQuestion(text), kind: query.kind, query };
    if (cache.size < READINGS_KEPT) cache.set(text, reading);
  }
  return reading;
}

/** "Try:" without the question just asked, whether it is written the same or only reads the same. */
export function withoutAskedSuggestions(
  answer: Answer,
  query: Query,
  asked: readonly string[],
  read: Reader,
  index: EngineIndex,
): Answer {
  const all = answer.suggestions;
  if (!all.length) return answer;
  const cache = readingsOf(index);
  let kept: string[] | null = null;
  for (let at = 0; at < all.length; at++) {
    const suggestion = all[at]!;
    const reading = readingOf(suggestion, cache, read);
    const isAsked =
      asked.some((text) => normalisesTo(text, reading.normalised)) ||
      (reading.kind === query.kind && sameQuery(reading.query, query));
    if (isAsked) kept ??= all.slice(0, at);
    else kept?.push(suggestion);
  }
  return kept ? { ...answer, suggestions: kept } : answer;
}
