import type { Query } from './kinds/registry.ts';
import type { FollowUp } from './refs.ts';
import type { Question } from './understand/question.ts';
import { sameQuery } from './same-query.ts';

type PartQuery = Omit<Query, 'notes'>;

/**
 * Where one question ends and the next begins: a comma, semicolon, dash or question mark, or an
 * "and"/"but" that starts a new question ("… and who is leading it?"). "compare 1.30 and 1.31" has
 * no such "and", and its halves would not read on their own anyway.
 */
const QUESTION_START =
  '(?:what|which|who|whom|when|how|is|are|was|were|did|does|do|can|could|will|has|have|any|and)\\b';
/** "… and in 1.22?", "… and for 1.34": an "and" that starts the same question about another release. */
const ELLIPSIS_START = '(?:in|for)\\s+v?\\d+\\.\\d+';
const BOUNDARY = new RegExp(
  `\\s*(?:[,;]|\\s[—–-]{1,2}\\s|[—–]|\\?)\\s*(?:(?:and|but|also|plus)\\s+)?` +
    `|\\s+(?:and|but|plus)\\s+(?=${QUESTION_START}|${ELLIPSIS_START})`,
  'gi',
);
const HAS_BOUNDARY = new RegExp(BOUNDARY.source, 'i');
const MIGHT_SPLIT = /[,;?—–]|\s-\s|\sand\s|\sbut\s|\splus\s/i;
/** "which features that went beta in 1.30 became GA in 1.32": the second verb narrows the first list. */
const NARROWING = new RegExp(
  '^(.*?\\b(?:alpha|beta)\\b.*?\\bv?\\d+\\.\\d+\\b.*?)\\s+' +
    '((?:and\\s+|then\\s+|later\\s+)*(?:became|become|graduated|went|got|reached|moved|made it)\\b' +
    '.*?\\b(?:ga|stable|beta)\\b.*?\\bv?\\d+\\.\\d+\\b.*)$',
  'i',
);
const VERSION_WORD = /\bv?\d+\.\d+\b|\b(?:latest|newest|next|upcoming|current|previous|this (?:release|one|cycle))\b/i;
const LAST_VERSION = /\bv?(\d+\.\d+(?:\.\d+)?)\b(?!.*\bv?\d+\.\d+)/;
const MIN_PART_CHARS = 4;

export interface Parts {
  first: PartQuery;
  /** The first part's words, as the parts were split. */
  firstText: string;
  followUps: FollowUp[];
}

/** "1.30 - 1.33", "1.34–1.36": two versions joined by a dash are a range. */
const RANGE_DASH = /\bv?\d+\.\d+(?:\.\d+)?\s*[-–—]\s*v?\d+\.\d+/;
const VERSIONS = /\bv?\d+\.\d+(?:\.\d+)?\b/gi;
/** The versions a first part names, relative words included ("the latest release"), in order. */
const FIRST_VERSIONS = /\bv?\d+\.\d+(?:\.\d+)?\b|\b(?:latest|newest|next|upcoming|current|previous)\b/gi;
/** Words an elliptical part may hold besides its versions: "and which in 1.25?", "what about 1.29?", "and for 1.34". */
const ELLIPSIS_WORDS = new Set(
  'and but also plus so then what how about which ones one for in of on the with same too as well ver v ?'.split(' '),
);

/**
 * "… and which in 1.25?", "and for 1.34?", "what about 1.29?": a part that names only versions asks the first
 * part's question again about them. Its full question is the first part's words with the versions swapped, so it
 * inherits the kind and every other entity; null when the part says more, or the versions do not line up.
 */
export function expandEllipsis(part: string, first: string): string | null {
  const versions = part.match(VERSIONS) ?? [];
  if (versions.length === 0) return null;
  const rest = part
    .replace(VERSIONS, ' ')
    .toLowerCase()
    .split(/[\s,;:!.?]+/)
    .filter((word) => word && !ELLIPSIS_WORDS.has(word));
  if (rest.length > 0) return null;
  const named = first.match(FIRST_VERSIONS) ?? [];
  if (named.length !== versions.length) return null;
  let at = 0;
  return first.replace(FIRST_VERSIONS, () => versions[at++]!);
}

/** A part that names no version is about the release the question names ("… — which beta features became GA"). */
export function withContext(part: string, whole: string): string {
  if (VERSION_WORD.test(part)) return part;
  const version = LAST_VERSION.exec(whole)?.[1];
  return version ? `${part} in ${version}` : part;
}

/**
 * "I'm new to the release team as an enhancements shadow and need to know when enhancements freeze is for 1.37":
 * the question after a phrase that hands over to it; its context words (release team, shadow) are not what is
 * asked. Null without such a phrase.
 */
const HANDS_OVER =
  /\b(?:need to know|want to know|wondering|curious|(?:can|could|would) you (?:tell me|let me know|check|say)|do you know|tell me)\s+(?=(?:when|what|which|who|how|whether|if|is|are|does|do|did|was|were)\b)/i;

export function askedAfterContext(text: string): { context: string; asked: string } | null {
  const handover = HANDS_OVER.exec(text);
  if (!handover || handover.index === 0) return null;
  const asked = text.slice(handover.index + handover[0].length);
  return asked.length >= MIN_PART_CHARS
    ? { context: text.slice(0, handover.index), asked: withContext(asked, text) }
    : null;
}

const IT = /\bit\b/i;

/**
 * A part read on its own; one that cannot be, and says "it", is read again with the feature the question names in
 * its place ("Sidecar history, and is it on by default in 1.33?"). "… and who led it?" reads on its own, so its "it"
 * stays the release.
 */
function readWithFeature<P extends { text: string }>(
  part: P,
  feature: string | undefined,
  read: (part: string) => PartQuery | null,
): P & { query: PartQuery | null } {
  const query = read(part.text);
  if (query || !feature || !IT.test(part.text)) return { ...part, query };
  const text = part.text.replace(IT, feature);
  return { ...part, text, query: read(text) };
}

function pieces(text: string): Array<{ text: string; relation: FollowUp['relation'] }> {
  const narrowing = NARROWING.exec(text.replace(/\?+\s*$/, ''));
  if (narrowing && !HAS_BOUNDARY.test(narrowing[1]!)) {
    return [
      { text: narrowing[1]!, relation: 'and' },
      { text: narrowing[2]!, relation: 'then' },
    ];
  }
  return text
    .split(BOUNDARY)
    .map((part) => part?.trim() ?? '')
    .filter((part) => part.length >= MIN_PART_CHARS)
    .map((part) => ({ text: part, relation: 'and' as const }));
}

/**
 * A question in parts, each recognised on its own by a structured kind with a good score
 * (`read` returns null otherwise): the first part's query and the others' text, or null when the
 * question is one question. Parts that ask the same thing again are dropped.
 */
export function splitQuestion(
  text: string,
  question: Pick<Question, 'text' | 'entities'>,
  read: (part: string) => PartQuery | null,
): Parts | null {
  if (!MIGHT_SPLIT.test(text) && !/\b(?:became|become|graduated)\b/i.test(text)) return null;
  const parts = pieces(text);
  if (parts.length < 2 || question.text.length === 0) return null;
  const firstText = parts[0]!.text;
  // "release leads 1.30 - 1.33" is one range, not two questions about its ends.
  const range = question.entities.range || RANGE_DASH.test(text);
  const elliptical = (part: string, at: number) => (at > 0 && !range ? expandEllipsis(part, firstText) : null);
  const feature = question.entities.features[0]?.text;
  const read_: Array<{ text: string; relation: FollowUp['relation']; query: PartQuery }> = [];
  for (const [at, part] of parts.entries()) {
    const written = withContext(elliptical(part.text, at) ?? part.text, text);
    const partRead = readWithFeature({ ...part, text: written }, at > 0 ? feature : undefined, read);
    // One part that reads as no question of its own makes the message one question: the rest need not be read.
    if (partRead.query === null) return null;
    read_.push({ ...partRead, query: partRead.query });
  }
  const [first, ...rest] = read_;
  const seen: PartQuery[] = [first!.query];
  const followUps: FollowUp[] = [];
  for (const part of rest) {
    if (seen.some((query) => sameQuery(query, part.query))) continue;
    seen.push(part.query);
    followUps.push({ text: part.text, relation: part.relation });
  }
  return followUps.length ? { first: first!.query, firstText: first!.text, followUps } : null;
}
