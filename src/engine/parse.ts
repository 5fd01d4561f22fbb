import type { KepStage } from '../domain/kep.ts';
import { correctKeyword, FEATURE_QUESTION_WORDS, INTENT_WORDS, SIG_ALIASES, STOPWORDS } from './lexicon.ts';
import type { FeatureRef, ListStage, ParseNotes, Query, ScheduleTarget, VersionRef } from './query.ts';
import { cleanQuestion } from './sanitize.ts';

/**
 * Chat text in, a Query out. Never throws. The parser needs no dataset: it finds versions, KEP
 * numbers, SIGs, stages and intent words, and leaves whatever else the user wrote as the subject
 * for the executor to resolve against the data. `now` does not change how text is read (relative
 * versions stay symbolic); it is part of the signature so callers treat parse and execute alike.
 */
export function parse(text: string, now?: Date): Query {
  void now;
  try {
    return parseClean(text);
  } catch {
    // Defensive: a parser bug must not take down a chat handler.
    return { kind: 'search', text: '', notes: { corrections: [], truncated: false, stripped: false } };
  }
}

interface Extracted {
  /** The question lower-cased, with versions, KEP numbers and SIGs replaced by placeholders. */
  text: string;
  versions: VersionRef[];
  keps: number[];
  sig: string | null;
  /** "latest patch" was asked for: the "latest" is about the patch, not the minor. */
  latestPatch: boolean;
  /** A group/version such as "policy/v1beta1", kept as written. */
  apiVersion: string | null;
}

const VERSION_PLACEHOLDER = 'ver';
const NUMBERED_VERSION = /\bver(\d+)\b/g;
const RELEASE_WORD = '(?:k8s |kubernetes )?(?:release|releases|version|minor|cycle|one|k8s|kubernetes)';
/** "latest release", "next one", "previous version"…, compiled once. */
const RELATIVE_VERSIONS: ReadonlyArray<readonly [RegExp, Extract<VersionRef, { kind: 'relative' }>['which']]> = [
  [new RegExp(`\\b(?:previous|prior|preceding)(?: ${RELEASE_WORD})?\\b`, 'g'), 'previous'],
  [new RegExp(`\\b(?:the )?(?:release|version) before (?:the )?(?:latest|current|last)(?: ${RELEASE_WORD})?\\b`, 'g'), 'previous'],
  [new RegExp(`\\b(?:next|upcoming|future|coming)(?: ${RELEASE_WORD}\\b|(?= ?$| (?:have|has|include|bring|contain)))`, 'g'), 'next'],
  [new RegExp(`\\b(?:this|current|in-progress|ongoing)(?: ${RELEASE_WORD}\\b|(?= ?$))`, 'g'), 'current'],
  [new RegExp(`\\b(?:latest|newest|most recent|recent|last)(?: ${RELEASE_WORD}\\b|(?= ?$| (?:ga|stable|beta|alpha)))`, 'g'), 'latest'],
  [/\b(?:latest|newest)\b/g, 'latest'],
];
const SIG_ALIASES_LONGEST_FIRST = [...SIG_ALIASES].sort((a, b) => b[0].length - a[0].length);
const INTRODUCED = /\b(introduced|added|created|proposed|start(ed)?|begin|began)\b/;
const KEP_PLACEHOLDER = 'kepref';
const SIG_PLACEHOLDER = 'sigref';
const PLACEHOLDERS = new Set([VERSION_PLACEHOLDER, KEP_PLACEHOLDER, SIG_PLACEHOLDER]);

function parseClean(raw: string): Query {
  const clean = cleanQuestion(raw);
  const notes: ParseNotes = { corrections: [], truncated: clean.truncated, stripped: clean.stripped };
  if (!clean.text) return { kind: 'help', reason: 'empty', notes };

  const x = extract(clean.text, notes);
  const s = x.text;
  const has = (pattern: RegExp): boolean => pattern.test(s);
  const subject = subjectOf(s, INTENT_WORDS);
  // A feature's name may hold words that elsewhere signal an intent ("leader election", "pod
  // priority"); once no other intent claimed the question, only question words are dropped.
  const featureWords = subjectOf(s, FEATURE_QUESTION_WORDS);
  const subjectText = restoreCase(featureWords.length > 0 ? featureWords : subject, clean.text);
  const version = x.versions[0] ?? null;

  if (isHelp(s, subject, x)) return { kind: 'help', reason: 'asked', notes };

  // 10. Compare: two releases side by side.
  if (x.versions.length >= 1 && (has(/\b(compare|comparison|vs|versus|differences?|diff|differ)\b/) || (x.versions.length >= 2 && has(/\bbetween ver and ver\b/))) && x.keps.length === 0 && !x.sig) {
    return { kind: 'compare', a: x.versions[0]!, b: x.versions[1] ?? null, notes };
  }

  // 8a. Upgrades: removals across a span of releases.
  const span = has(/\bfrom ver (to|through|thru|until|->) ver\b/) || has(/\bver (->|to) ver\b/);
  if (has(/\b(upgrad\w*|migrat\w*)\b/) || (span && x.versions.length === 2)) {
    const explicitFrom = has(/\bfrom ver\b/) || span;
    const from = x.versions.length >= 2 || explicitFrom ? version : null;
    const to = x.versions.length >= 2 ? x.versions[1]! : explicitFrom ? null : version;
    return { kind: 'deprecations', version: null, upgrade: { from, to }, focus: 'removed', subject: null, notes };
  }

  // 6. Team.
  const role = roleOf(s);
  if (
    (role !== null && (SELF_NAMED_ROLES.has(role) || has(/\b(who|whom|lead|leads|led|leader|shadows?|team|ran|handled|in charge)\b/))) ||
    has(/\brelease team\b|\bshadows?\b|\bwho\b.*\b(led|lead|ran|managed|in charge)\b|\bled\b/) ||
    (!x.sig && has(/\bteams?\b/))
  ) {
    if (subject.length === 0 || has(/\brelease team\b/)) {
      return { kind: 'team', version, role: role ?? (has(/\bled\b|\bwho\b.*\blead\b/) ? 'lead' : null), shadows: has(/\bshadows?\b/), notes };
    }
  }

  // 7. Support.
  const asksPatch = x.latestPatch || has(/\bpatch (release|version)s?\b/) || (x.versions.length > 0 && has(/\bpatch(es)?\b/));
  const asksEol = has(/\b(eol|end of life|end of support|support ends?|support end|out of support|maintenance)\b/);
  const asksSupport = has(/\b(supported|unsupported|still maintained|maintained|support (status|window|period|policy))\b/);
  if ((asksPatch || asksEol || asksSupport) && subject.length === 0) {
    const ask = asksPatch ? 'latest-patch' : asksEol ? 'eol' : version ? 'status' : 'list';
    return { kind: 'support', version, ask, notes };
  }

  // 8b. Deprecations and removals.
  const deprecated = has(/\bdeprecat\w*/);
  const removed = has(/\b(remov\w*|delet\w*|dropped|drop|gone|breaks?|breaking|no longer served)\b/);
  if (deprecated || removed) {
    const focus = deprecated && removed ? 'both' : removed ? 'removed' : 'deprecated';
    const words = subject.filter((word) => !x.apiVersion?.includes(word));
    const named = x.apiVersion ? [x.apiVersion, ...words].join(' ') : subject.length > 0 && subject.length <= 4 ? restoreCase(subject, clean.text) : null;
    if (subject.length <= 4 || x.apiVersion) {
      return { kind: 'deprecations', version, upgrade: null, focus, subject: named, notes };
    }
  }

  // An API group/version ("extensions/v1beta1 ingress") is a question about its deprecation.
  if (x.apiVersion && subject.length <= 3) {
    return { kind: 'deprecations', version: null, upgrade: null, focus: 'both', subject: [x.apiVersion, ...subject.filter((word) => !x.apiVersion!.includes(word))].join(' '), notes };
  }

  // 5. Schedule.
  const target = scheduleTargetOf(s, subject);
  const countdown = has(/\b(how long|how many (days|weeks|hours)|countdown|until|till|days left|time left|remaining)\b/);
  const asksSchedule = has(/\b(schedule|schedules|timeline|calendar|dates|milestones|deadlines?|key dates)\b/);
  if (target !== null || (asksSchedule && subject.length === 0)) {
    return { kind: 'schedule', version, target, countdown, notes };
  }

  const stage = stageOf(s);
  const asksWhen = has(/\b(when|since when|which (release|version|milestone)|what (release|version|milestone))\b/);

  // 3/4. A KEP by number.
  if (x.keps.length > 0) {
    const ref: FeatureRef = { kind: 'number', number: x.keps[0]! };
    if (asksWhen || has(/\bhistory\b/)) return { kind: 'history', ref, stage: stage ?? (has(INTRODUCED) ? 'alpha' : null), notes };
    return { kind: 'kep', ref, askStage: isYesNo(s) ? stage : null, version, notes };
  }

  // 2/3/4. Stage words: a list when there is no subject, otherwise a question about one feature.
  if (stage) {
    if (subject.length === 0) {
      return { kind: 'stage-list', version, stage: stage === 'alpha' || stage === 'beta' ? stage : ('stable' satisfies ListStage), sig: x.sig, notes };
    }
    const ref: FeatureRef = { kind: 'text', text: subjectText };
    if (asksWhen) return { kind: 'history', ref, stage, notes };
    return { kind: 'kep', ref, askStage: stage, version, notes };
  }

  // 9. SIG view.
  if (x.sig && subject.length === 0) return { kind: 'sig', sig: x.sig, version, notes };

  if (subject.length > 0) {
    const ref: FeatureRef = { kind: 'text', text: subjectText };
    if (has(/\bhistory\b/) || (asksWhen && has(/\b(introduced|added|created|proposed|start(ed)?|begin|began|released?|arrive[ds]?|land(ed)?)\b/))) {
      return { kind: 'history', ref, stage: has(INTRODUCED) ? 'alpha' : null, notes };
    }
    if (x.sig) return { kind: 'sig', sig: x.sig, version, notes };
    return { kind: 'search', text: subjectText, notes };
  }

  // 1. A release with nothing else asked about it.
  if (version || has(/\b(release|releases|version|versions|codename)\b/)) return { kind: 'release-summary', version, notes };

  return { kind: 'help', reason: 'empty', notes };
}

/** The subject words as the user cased them, so "NFTablesProxyMode" reads back as written. */
function restoreCase(words: string[], cleanText: string): string {
  const original = new Map<string, string>();
  for (const token of cleanText.split(/[^\p{L}\p{N}/\-]+/u)) {
    const lower = token.toLowerCase();
    if (!original.has(lower)) original.set(lower, token);
  }
  return words.map((word) => original.get(word) ?? word).join(' ');
}

/** Roles whose name alone asks for a person: "1.32 branch manager". */
const SELF_NAMED_ROLES = new Set(['branch-manager', 'emeritus-adviser', 'patch-release']);

function isHelp(s: string, subject: string[], x: Extracted): boolean {
  if (x.versions.length || x.keps.length || x.sig) return false;
  if (/^\s*(help|usage|commands|h|\?+|menu|examples?)\s*$/.test(s)) return true;
  if (/^\s*(what can (you|i) (do|ask)|how (do|can) i use|what do you (do|know)|what questions)\b/.test(s)) return true;
  return subject.length === 0 && /^\s*(hi|hello|hey|help|thanks|thank you|yo)\b/.test(s);
}

function isYesNo(s: string): boolean {
  return /^\s*(is|are|was|were|did|does|has|have|will|can)\b/.test(s) || /\b(yet|already)\b/.test(s);
}

/** Finds versions, KEP numbers, SIG and corrections; returns the text with those replaced by placeholders. */
function extract(cleanText: string, notes: ParseNotes): Extracted {
  let s = cleanText
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/->|→|=>|⇒|➡/g, ' to ');
  const keps: number[] = [];
  let apiVersion: string | null = null;

  const kepFound = (_: string, digits: string): string => {
    const number = Number(digits);
    if (number > 0 && !keps.includes(number)) keps.push(number);
    return ` ${KEP_PLACEHOLDER} `;
  };
  // Each pattern only runs when the text could hold it: most questions have no URL, "#" or "kep".
  if (s.includes('/')) {
    s = s
      .replace(/(?:https?:\/\/)?github\.com\/kubernetes\/enhancements\/(?:issues|pull)\/(\d{1,5})\S*/g, kepFound)
      .replace(/\bkeps\/sig-[a-z-]+\/(\d{1,5})-\S*/g, kepFound)
      .replace(/https?:\/\/\S+/g, ' ');
  }
  if (s.includes('kep')) s = s.replace(/\bkeps?\s*[-#:]?\s*(\d{1,5})\b(?![.,]\d)/g, kepFound);
  if (s.includes('enhancement')) s = s.replace(/(?:kubernetes\/)?enhancements?\s*(?:#|issue\s*#?)\s*(\d{1,5})\b/g, kepFound);
  if (s.includes('#')) s = s.replace(/(?<![\w&])#\s?(\d{1,5})\b(?![.,]\d)/g, kepFound);

  s = s
    .replace(/\bg\.a\.?(?=\s|$|[?!,;:])/g, ' ga ')
    .replace(/\bga(?:'d|'ed|-ed|ed|'s)(?=\W|$)/g, ' ga ')
    .replace(/\bgenerally available\b|\bgeneral availability\b/g, ' ga ')
    .replace(/(\w)'s\b/g, '$1')
    .replace(/n't\b/g, ' not')
    .replace(/\b(?:(?:current|latest|newest) )?stable (?:k8s |kubernetes )?(?:version|release)\b/g, ' latest release ')
    .replace(/\bend[- ]of[- ]life\b/g, 'end of life')
    .replace(/\bend[- ]of[- ]support\b/g, 'end of support');

  const api = /\b([a-z0-9][a-z0-9.-]*\/v\d+(?:(?:alpha|beta)\d+)?)\b/.exec(s);
  if (api) apiVersion = api[1]!;

  // Versions, written v1.31, 1.31, 1.31.2 or 1,31. Majors other than 1 are kept so "2.0" gets an honest reply.
  // Each version becomes a numbered placeholder so exact and relative ones keep the order they were written in.
  const found: VersionRef[] = [];
  const placeholder = (ref: VersionRef): string => ` ${VERSION_PLACEHOLDER}${found.push(ref) - 1} `;
  s = s.replace(/(?<![\w.\/#-])v?\s?([12])[.,](\d{1,3})(?:\.(\d{1,3}))?(?![\w]|[.,]\d)/g, (match, major: string, minor: string, patch: string | undefined) => {
    if (apiVersion && match.trim().startsWith('v') && apiVersion.includes(match.trim())) return match;
    const minorText = `${major}.${Number(minor)}`;
    return placeholder({ kind: 'exact', minor: minorText, patch: patch != null ? `${minorText}.${Number(patch)}` : null });
  });

  s = s
    .replace(/[^\p{L}\p{N}\s/\-#>]+/gu, ' ')
    .replace(/(^|\s)[-#>/]+(?=\s|$)/g, '$1')
    .replace(/\s-(?!>)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

  // Keyword typos ("shedule", "depreciated"); feature names are left to the fuzzy search.
  s = s
    .split(' ')
    .map((word) => {
      const corrected = correctKeyword(word);
      if (!corrected) return word;
      notes.corrections.push({ from: word, to: corrected });
      return corrected;
    })
    .join(' ');

  let latestPatch = false;
  s = s.replace(/\b(latest|newest|most recent|last|current|recent)\s+(patch|patches|patch release|patch version)\b/g, () => {
    latestPatch = true;
    return ' patch ';
  });

  const relative = (which: Extract<VersionRef, { kind: 'relative' }>['which']) => (): string => placeholder({ kind: 'relative', which });
  for (const [pattern, which] of RELATIVE_VERSIONS) s = s.replace(pattern, relative(which));

  let sig: string | null = null;
  const sigMatch = /\bsig[\s-]+([a-z]+(?:[\s-][a-z]+){0,2})/.exec(s) ?? /\b(api machinery|cluster lifecycle|cloud provider|[a-z]+) sig\b/.exec(s);
  if (sigMatch) {
    const words = sigMatch[1]!.replace(/-/g, ' ');
    const alias = SIG_ALIASES_LONGEST_FIRST.find(([name]) => words === name || words.startsWith(`${name} `));
    const first = words.split(' ')[0]!;
    if (alias || (!STOPWORDS.has(first) && !INTENT_WORDS.has(first) && !PLACEHOLDERS.has(first))) {
      const slug = alias ? alias[1] : first;
      sig = `sig-${slug}`;
      const consumed = alias ? alias[0] : first;
      s = s.replace(new RegExp(`\\bsig[\\s-]+${consumed.replace(/[ -]/g, '[\\s-]')}\\b|\\b${consumed.replace(/[ -]/g, '[\\s-]')} sig\\b`), ` ${SIG_PLACEHOLDER} `);
    }
  }

  const versions: VersionRef[] = [];
  s = s.replace(NUMBERED_VERSION, (_, index: string) => {
    versions.push(found[Number(index)]!);
    return VERSION_PLACEHOLDER;
  });
  return { text: s.replace(/\s+/g, ' ').trim(), versions, keps, sig, latestPatch, apiVersion };
}

/** Phrases that belong to an intent; removed before the subject is taken. */
const INTENT_PHRASES = [
  /\b(code|enhancements?|kep|feature|prr|production readiness|feature blog|blog|test|docs?|documentation) freeze\b/g,
  /\bcode thaw\b/g,
  /\brelease candidates?\b|\brc\d*\b/g,
  /\bend of (life|support)\b/g,
  /\brelease (team|notes|signal|lead|date|day)\b/g,
  /\b(ci signal|bug triage|branch manager|emeritus advis[eo]r|communications|comms|docs lead|test infra|patch release team)\b/g,
  /\b(what breaks|how long|how many|go ga|come out|comes out|came out|cycle start|kick ?off)\b/g,
  /\bstill maintained\b/g,
];

function subjectOf(s: string, intentWords: ReadonlySet<string>): string[] {
  let rest = s;
  for (const pattern of INTENT_PHRASES) rest = rest.replace(pattern, ' ');
  return rest
    .split(' ')
    .map((word) => word.replace(/^[-/#>]+|[-/#>]+$/g, ''))
    .filter((word) => word.length > 0 && !STOPWORDS.has(word) && !intentWords.has(word) && !PLACEHOLDERS.has(word) && !/^\d+$/.test(word));
}

function stageOf(s: string): KepStage | null {
  if (/\b(ga|stable)\b/.test(s)) return 'stable';
  if (/\bbeta\b/.test(s)) return 'beta';
  if (/\balpha\b/.test(s)) return 'alpha';
  if (/\b(graduat\w*|promot\w*)\b/.test(s)) return 'stable';
  return null;
}

function roleOf(s: string): string | null {
  if (/\b(comms|communications|marketing)\b/.test(s)) return 'comms';
  if (/\b(enhancements?|features?) (lead|shadows?|team)\b/.test(s)) return 'enhancements';
  if (/\brelease notes\b/.test(s)) return 'release-notes';
  if (/\b(docs|documentation) (lead|shadows?|team)\b/.test(s)) return 'docs';
  if (/\bci signal\b/.test(s)) return 'ci-signal';
  if (/\brelease signal\b/.test(s)) return 'release-signal';
  if (/\bbug triage\b/.test(s)) return 'bug-triage';
  if (/\b(branch manager|release branch)\b/.test(s)) return 'branch-manager';
  if (/\bemeritus\b|\badvis[eo]r\b/.test(s)) return 'emeritus-adviser';
  if (/\btest infra\b/.test(s)) return 'test-infra';
  if (/\bpatch release (team|managers?)\b/.test(s)) return 'patch-release';
  if (/\b(release (team )?lead|led|release manager)\b/.test(s)) return 'lead';
  return null;
}

function scheduleTargetOf(s: string, subject: string[]): ScheduleTarget | null {
  if (/\bcode freeze\b/.test(s)) return 'code-freeze';
  if (/\b(enhancements?|kep|feature) freeze\b/.test(s)) return 'enhancements-freeze';
  if (/\b(prr|production readiness) freeze\b/.test(s)) return 'prr-freeze';
  if (/\b(feature blog|blog) freeze\b/.test(s)) return 'feature-blog-freeze';
  if (/\btest freeze\b/.test(s)) return 'test-freeze';
  if (/\b(docs?|documentation) freeze\b/.test(s)) return 'docs-freeze';
  if (/\b(code )?thaw\b/.test(s)) return 'thaw';
  if (/\b(release candidates?|rc\d*)\b/.test(s)) return 'rc';
  if (/\b(cycle (start|starts|begins?)|kick ?off|start of (the )?cycle)\b/.test(s)) return 'cycle-start';
  if (/\bfreezes?\b|\bfrozen\b/.test(s)) return 'any-freeze';
  if (subject.length > 0) return null;
  if (/\b(when|how long|how many days|days until|until|till|countdown)\b/.test(s) && /\bver\b/.test(s) && !/\b(ga|stable|beta|alpha)\b/.test(s.replace(/\bgo ga\b/, ''))) return 'release';
  const asksRelease = /\b(released?|release (date|day)|come out|comes out|came out|ship date|launch(ed|es)?|go out|out yet|ga date|due)\b/.test(s);
  if (asksRelease && (/\b(when|date|day|how long|until|till|what day|due)\b/.test(s) || /\bout yet\b/.test(s))) return 'release';
  return null;
}
