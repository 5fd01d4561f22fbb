import { z } from 'zod';
import { PolicyTopic } from '../../domain/policy.ts';
import { supportPolicy } from '../intents/support-policy.ts';
import { ParseNotes, VersionRef } from '../refs.ts';
import type { Question } from '../understand/question.ts';
import { overSpan, untilOf } from '../span.ts';
import { type QuestionKind, SCORE, words } from './kind.ts';
import { entryOf } from '../../domain/lookup.ts';

export const PolicyClaim = z.object({
  unit: z.enum(['minors', 'months', 'per-year', 'monthly', 'lts']),
  value: z.number().int().nonnegative(),
});
export type PolicyClaim = z.infer<typeof PolicyClaim>;

export const SupportPolicyQuery = z.object({
  kind: z.literal('support-policy'),
  /** null: the whole policy in brief. */
  topic: PolicyTopic.nullable(),
  version: VersionRef.nullable(),
  /** The other end of a range ("k8s.io/api tags for 1.34 to 1.36"): every release from `version` to it. */
  until: VersionRef.optional(),
  /** A Go module the user named, "k8s.io/client-go". */
  module: z
    .string()
    .regex(/^k8s\.io\/[a-z0-9-]+$/)
    .nullable(),
  /** A module version the user named, "v0.29.3": the Kubernetes release it matches. */
  moduleVersion: z
    .string()
    .regex(/^v0\.\d+(\.\d+)?$/)
    .nullable(),
  /**
   * What a yes/no question claims of the policy ("does Kubernetes support 4 versions?", "do patches come monthly?",
   * "is there an LTS?"): the answer checks it against the policy's own words.
   */
  claim: PolicyClaim.optional(),
  notes: ParseNotes,
});
export type SupportPolicyQuery = z.infer<typeof SupportPolicyQuery>;

export const SUPPORT_POLICY_EXAMPLES = [
  'how long do patches keep coming for a minor?',
  'what is maintenance mode?',
  'which k8s.io/api tag matches 1.33?',
];

/**
 * Cue patterns → topic, first match wins. Each asks about the policy itself, not one release's dates; each with the
 * words one of which it cannot match without, so a question holding none of them skips it.
 */
const TOPICS: ReadonlyArray<readonly [RegExp, PolicyTopic, readonly string[]]> = [
  [
    /\b(client libraries|client library|go modules?|client-go|k8s\.io (libraries|modules|packages))\b|(?<![\w.-])k8s\.io\/(?!v\d)[a-z0-9-]+\b|\bv0\.x\b/,
    'client-libraries',
    ['client', 'go module', 'k8s.io', 'v0.x'],
  ],
  [
    /\b(what (is|are|does)|what'?s|define|definition|meaning|means?)\b.*\bmaintenance mode\b|\bmaintenance mode mean/,
    'maintenance-mode',
    ['maintenance mode'],
  ],
  [
    /\b(what|which)\b.*\b(fixed|fixes|allowed|happens?|gets?)\b.*\bmaintenance mode\b|\bmaintenance mode\b.*\b(cve|fixes|fixed)\b/,
    'maintenance-mode',
    ['maintenance mode'],
  ],
  [/\bmaintenance (period|phase)\b/, 'maintenance-mode', ['maintenance ']],
  [
    /\b(what (is|does)|whats|define|meaning|means?)\b.*\b(eol|end of life)\b|\b28th\b|\bafter (eol|end of life)\b/,
    'end-of-life',
    ['eol', 'end of life', '28th'],
  ],
  [
    /\bhow often\b.*\bpatch|\bpatch (release )?(cadence|frequency)|\bmonthly\b/,
    'patch-cadence',
    ['how often', 'patch', 'monthly'],
  ],
  [
    /\bhow often\b.*\b(release|minor|version)|\breleases? (a|per) year\b|\brelease cadence\b/,
    'release-cadence',
    ['how often', 'year', 'release cadence'],
  ],
  [
    /\bcherry[- ]?pick(s|ed|ing)? (process|rules?|policy|criteria)\b|\bhow (do|to|can) (i|you|we)? ?cherry[- ]?pick|\bwho decides\b.*\bcherry[- ]?pick/,
    'cherry-picks',
    ['cherry'],
  ],
  [
    /\brelease branches\b|\bhow many (minor )?(releases|versions|branches) (does|do|are) (the project|kubernetes|k8s)? ?(maintain|support)/,
    'release-branches',
    ['release branches', 'how many'],
  ],
  [
    /\bhow long\b.*\b(patch(es|ed)?|supported|support|maintained)\b|\b(support|patch) (period|window|policy|lifecycle|lifetime|lifespan)\b|\bpatch support\b|\b(lifetime|lifespan|life span) of (a|each|every) (minor|release|version)\b/,
    'patch-support',
    ['how long', 'period', 'window', 'policy', 'lifecycle', 'lifetime', 'lifespan', 'life span', 'patch support'],
  ],
  [
    /\b(one|1) year of (patch )?support\b|\byearly support\b|\bmonths of patch(es)?\b|\blts releases?\b|\bwhat is the (support )?policy\b/,
    'patch-support',
    ['year', 'months of patch', 'lts', 'policy'],
  ],
];

/** Every word any topic needs, in one test: most questions hold none. */
const MIGHT_NAME_TOPIC = new RegExp(
  TOPICS.flatMap(([, , needs]) => needs)
    .map((word) => word.replace(/[.]/g, '\\.'))
    .join('|'),
);

const COUNT_WORDS: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6 };
const COUNT = String.raw`(\d{1,2}|an?|one|two|three|four|five|six)`;
const count = (word: string): number => entryOf(COUNT_WORDS, word) ?? Number(word);
const PER_YEAR = new RegExp(
  String.raw`\b${COUNT} (?:minor )?(?:releases?|minors?|versions?|times) (?:a|per|each) year\b`,
);
const MINORS = new RegExp(
  String.raw`\b${COUNT} (?:minor |most recent |recent |latest )?(?:versions|releases|minors|release branches|branches)\b`,
);
const PERIOD = new RegExp(String.raw`\b${COUNT} (months?|years?)\b`);

/** Every claim below names one of these. */
const MIGHT_CLAIM = /lts|long[- ]term|month|year|versions|releases|minors|branches/;

/** The claim a yes/no question makes about the policy, with the topic it is about; null when it makes none. */
function claimOf(text: string): { claim: PolicyClaim; topic: PolicyTopic } | null {
  if (!MIGHT_CLAIM.test(text)) return null;
  if (/\blts\b|\blong[- ]term support\b/.test(text))
    return { claim: { unit: 'lts', value: 0 }, topic: 'patch-support' };
  if (/\bmonthly\b|\bevery month\b|\bonce a month\b/.test(text) && /\bpatch/.test(text))
    return { claim: { unit: 'monthly', value: 1 }, topic: 'patch-cadence' };
  const perYear = PER_YEAR.exec(text);
  if (perYear) return { claim: { unit: 'per-year', value: count(perYear[1]!) }, topic: 'release-cadence' };
  const minors = MINORS.exec(text);
  if (minors && /\b(support\w*|maintain\w*|patch\w*)\b/.test(text))
    return { claim: { unit: 'minors', value: count(minors[1]!) }, topic: 'release-branches' };
  const period = PERIOD.exec(text);
  if (period && /\b(support\w*|patch\w*|maintain\w*)\b/.test(text)) {
    const months = count(period[1]!) * (period[2]!.startsWith('year') ? 12 : 1);
    return { claim: { unit: 'months', value: months }, topic: 'patch-support' };
  }
  return null;
}

/**
 * The topic the question's words name, read in both its forms: as read (versions as "ver", typos fixed) and as
 * written (a module path, "v0.x"). Most questions hold no word a topic needs, and are not joined into one text.
 */
function namedTopic(question: Question): PolicyTopic | undefined {
  if (!MIGHT_NAME_TOPIC.test(question.text) && !MIGHT_NAME_TOPIC.test(question.lowered)) return undefined;
  const spaced = `${question.text} ${question.lowered}`;
  return TOPICS.find(([pattern, , needs]) => needs.some((word) => spaced.includes(word)) && pattern.test(spaced))?.[1];
}

function moduleOf(question: Question): string | null {
  // A Go module ("k8s.io/client-go"), not an API group/version that ends in k8s.io ("apiextensions.k8s.io/v1beta1").
  const named = /(?<![\w.-])k8s\.io\/(?!v\d)[a-z0-9-]+/.exec(question.lowered)?.[0];
  return named ?? (question.has(/\bclient-go\b/) ? 'k8s.io/client-go' : null);
}

export const supportPolicyKind: QuestionKind<SupportPolicyQuery> = {
  schema: SupportPolicyQuery,
  kind: 'support-policy',
  intent: 'support-policy',
  recognize: (question) => {
    // "when did 1.30 go into maintenance mode": the release's own maintenance date beside the policy.
    const releaseMaintenance =
      question.version && question.has(/\bmaintenance mode\b/) ? 'maintenance-mode' : undefined;
    // A claim asked ("does Kubernetes support 4 versions?") or stated ("minors are supported for 2 years").
    const claimed = !question.version && question.entities.platforms.length === 0 ? claimOf(question.lowered) : null;
    const topic = claimed?.topic ?? namedTopic(question) ?? releaseMaintenance;
    if (!topic) return null;
    const module = topic === 'client-libraries' ? moduleOf(question) : null;
    const moduleVersion =
      topic === 'client-libraries' ? (/\bv0\.\d+(?:\.\d+)?\b/.exec(question.original)?.[0] ?? null) : null;
    return {
      score: SCORE.certain + 5,
      query: {
        kind: 'support-policy',
        topic,
        version: question.version,
        module,
        moduleVersion,
        ...(claimed ? { claim: claimed.claim } : {}),
        ...untilOf(question.entities),
      },
    };
  },
  answer: overSpan(supportPolicy, 'support-policy', (from, to) => `Kubernetes ${from} to ${to}: client libraries`),
  examples: SUPPORT_POLICY_EXAMPLES,
  vocabulary: words(
    'policy cadence often cherry pick cherry-pick branches module modules library libraries tag tags client-go',
  ),
};
