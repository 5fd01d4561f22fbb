import { z } from 'zod';
import { MONTH_WORDS, RELATIVE_WORDS } from '../understand/entities.ts';
import type { Candidate, QuestionKind } from './kind.ts';
import { calendarKind } from './calendar.ts';
import { compareKind } from './compare.ts';
import { cycleStatusKind } from './cycle-status.ts';
import { deprecationsKind } from './deprecations.ts';
import { featureGateKind } from './feature-gate.ts';
import { upgradeKind } from './upgrade.ts';
import { patchScheduleKind } from './patch-schedule.ts';
import { helpKind } from './help.ts';
import { historyKind } from './history.ts';
import { kepKind } from './kep.ts';
import { managedPlatformKind } from './managed-platform.ts';
import { releaseSummaryKind } from './release-summary.ts';
import { scheduleKind } from './schedule.ts';
import { searchKind } from './search.ts';
import { sigKind } from './sig.ts';
import { stageListKind } from './stage-list.ts';
import { subscriptionKind } from './subscription.ts';
import { supportKind } from './support.ts';
import { supportPolicyKind } from './support-policy.ts';
import { teamKind } from './team.ts';
import { versionSkewKind } from './version-skew.ts';

/**
 * Every kind of question the bot answers, one module each. Adding a kind: write
 * src/engine/kinds/<name>.ts (see kind.ts and the README's "Adding a question kind") and add it
 * here. The order is the help text's order and the last tie-break (see TIE_RULES).
 */
export const KINDS = [
  releaseSummaryKind,
  stageListKind,
  kepKind,
  historyKind,
  scheduleKind,
  cycleStatusKind,
  teamKind,
  supportKind,
  deprecationsKind,
  featureGateKind,
  upgradeKind,
  patchScheduleKind,
  sigKind,
  compareKind,
  versionSkewKind,
  managedPlatformKind,
  supportPolicyKind,
  searchKind,
  calendarKind,
  subscriptionKind,
  helpKind,
] as const;

type RegisteredKind = (typeof KINDS)[number];
export type Query = z.infer<RegisteredKind['schema']>;
export type QueryKind = Query['kind'];
export type QueryOf<K extends QueryKind> = Extract<Query, { kind: K }>;

/** Every registered kind's schema; `Query.parse` checks a query built anywhere (Discord options, Slack buttons). */
export const Query = z.union(
  KINDS.map((kind) => kind.schema) as unknown as [z.ZodType<Query>, ...z.ZodType<Query>[]],
) as z.ZodType<Query>;

const BY_KIND = new Map<string, QuestionKind>(KINDS.map((kind) => [kind.kind, kind as unknown as QuestionKind]));

/** The module of a kind; the table's types guarantee every QueryKind has one. */
export function kindOf<K extends QueryKind>(kind: K): QuestionKind<QueryOf<K>> {
  return BY_KIND.get(kind) as unknown as QuestionKind<QueryOf<K>>;
}

/**
 * Tie-breaks between candidates with the same score, tried in order; the first rule that prefers
 * one of the two decides. Without a rule, the kind listed first in KINDS wins.
 */
export const TIE_RULES: ReadonlyArray<{ name: string; prefer: QueryKind; over: QueryKind | 'any' }> = [
  // A command means exactly one thing.
  { name: 'commands-first', prefer: 'subscription', over: 'any' },
  // Full-text search is the last structured resort: any kind that read the question wins a tie.
  { name: 'structured-over-search', prefer: 'release-summary', over: 'search' },
  { name: 'structured-over-search', prefer: 'stage-list', over: 'search' },
  { name: 'structured-over-search', prefer: 'kep', over: 'search' },
  { name: 'structured-over-search', prefer: 'history', over: 'search' },
  { name: 'structured-over-search', prefer: 'schedule', over: 'search' },
  { name: 'structured-over-search', prefer: 'team', over: 'search' },
  { name: 'structured-over-search', prefer: 'support', over: 'search' },
  { name: 'structured-over-search', prefer: 'deprecations', over: 'search' },
  { name: 'structured-over-search', prefer: 'sig', over: 'search' },
  { name: 'structured-over-search', prefer: 'compare', over: 'search' },
  { name: 'structured-over-search', prefer: 'feature-gate', over: 'search' },
  { name: 'structured-over-search', prefer: 'upgrade', over: 'search' },
  { name: 'structured-over-search', prefer: 'patch-schedule', over: 'search' },
  // An upgrade span is answered by the upgrade report, which includes the removals.
  { name: 'upgrade-over-deprecations', prefer: 'upgrade', over: 'deprecations' },
  { name: 'upgrade-over-deprecations', prefer: 'upgrade', over: 'compare' },
  // A feature gate asked about by name (its default, its lock) is a gate question, not the KEP's story.
  { name: 'gate-over-feature', prefer: 'feature-gate', over: 'kep' },
  { name: 'gate-over-feature', prefer: 'feature-gate', over: 'history' },
  { name: 'gate-over-feature', prefer: 'feature-gate', over: 'stage-list' },
  { name: 'gate-over-feature', prefer: 'feature-gate', over: 'compare' },
  { name: 'gate-over-feature', prefer: 'feature-gate', over: 'deprecations' },
  { name: 'structured-over-search', prefer: 'version-skew', over: 'search' },
  { name: 'structured-over-search', prefer: 'managed-platform', over: 'search' },
  { name: 'structured-over-search', prefer: 'support-policy', over: 'search' },
  // "kubelet 1.27 vs apiserver 1.30": two components' versions side by side are a skew question, not two releases.
  { name: 'components-over-compare', prefer: 'version-skew', over: 'compare' },
  // "When was dockershim deprecated": the deprecation record, not the KEP's stage history.
  { name: 'removal-over-history', prefer: 'deprecations', over: 'history' },
  // A feature named in the question is about that feature, not the SIG that owns it.
  { name: 'feature-over-sig', prefer: 'kep', over: 'sig' },
  { name: 'feature-over-sig', prefer: 'history', over: 'sig' },
];

const ORDER = new Map<string, number>(KINDS.map((kind, position) => [kind.kind, position]));

function prefers(a: string, b: string): boolean | null {
  for (const rule of TIE_RULES) {
    if (rule.prefer === a && (rule.over === b || rule.over === 'any')) return true;
    if (rule.prefer === b && (rule.over === a || rule.over === 'any')) return false;
  }
  return null;
}

/** The winning candidate: highest score, then the tie rules, then table order. */
export function bestCandidate(candidates: ReadonlyArray<Candidate<Query>>): Candidate<Query> | null {
  let best: Candidate<Query> | null = null;
  for (const candidate of candidates) {
    if (!best || candidate.score > best.score) {
      best = candidate;
      continue;
    }
    if (candidate.score < best.score) continue;
    const rule = prefers(candidate.query.kind, best.query.kind);
    if (rule === true || (rule === null && ORDER.get(candidate.query.kind)! < ORDER.get(best.query.kind)!))
      best = candidate;
  }
  return best;
}

/** Words some kind claims as cues; they are never search terms. */
export const CUE_WORDS: ReadonlySet<string> = new Set([
  ...KINDS.flatMap((kind) => kind.vocabulary),
  ...RELATIVE_WORDS,
  ...MONTH_WORDS,
]);

/** The help text: each kind's examples, in table order. A function so the help kind can call it. */
export function helpExamples(): string[] {
  examples ??= KINDS.flatMap((kind) => kind.examples);
  return [...examples];
}
let examples: readonly string[] | undefined;
