// Answers lead with the answer (issue 10): through the real Bot on the bundled dataset, a yes/no question to any kind
// gets "Yes"/"No" (or "Not yet"/"Partly") as the first words of its first line, then the facts; the same question
// asked as a wh-question keeps its plain first line.
import { beforeAll, describe, expect, it } from 'vitest';
import { Bot } from '../../src/bot.ts';
import { loadDataset } from '../../src/data/load.ts';
import type { Answer } from '../../src/domain/answer.ts';

let bot: Bot;
beforeAll(() => {
  bot = new Bot(loadDataset());
});

const DEFAULT_NOW = '2026-11-21T12:00:00Z';
const ask = (question: string, now = DEFAULT_NOW): Promise<Answer> => bot.handle(question, { now: new Date(now) });

interface Case {
  q: string;
  now?: string;
  intent: string;
  /** The start of the summary (the first line under the title). */
  starts: string;
  /** Facts the rest of the line must still give. */
  has?: string[];
}

const YES_NO: Case[] = [
  // upgrade: straight there only one minor release at a time
  {
    q: 'can I go straight from 1.29 to 1.32?',
    intent: 'upgrade',
    starts: 'No — Upgrade one minor release at a time: 1.29 → 1.30 → 1.31 → 1.32.',
    has: ['crosses 3 minor releases'],
  },
  {
    q: 'is it safe to upgrade from 1.32 to 1.33?',
    intent: 'upgrade',
    starts: 'Yes — 1.32 → 1.33 is one minor release',
    has: ['4 urgent upgrade notes'],
  },
  { q: 'will anything break going 1.32 -> 1.33?', intent: 'upgrade', starts: 'Yes — Upgrading 1.32 → 1.33 crosses' },
  // compare: the release named first against the other
  {
    q: 'is 1.33 bigger than 1.32?',
    intent: 'compare',
    starts: 'Yes — 1.33 has 64 enhancements, 20 more than 1.32 (44).',
  },
  {
    q: 'did 1.31 have more enhancements than 1.30?',
    intent: 'compare',
    starts: 'No — 1.31 has 45 enhancements, as many as 1.30 (45).',
  },
  {
    q: 'did 1.31 graduate fewer features to GA than 1.30?',
    intent: 'compare',
    starts: 'Yes — 1.31 has 11 graduations to stable, 6 fewer than 1.30 (17).',
  },
  // cycle-status: where the cycle stands on the day asked
  {
    q: 'are we in code freeze right now?',
    now: '2026-06-01T12:00:00Z',
    intent: 'cycle-status',
    starts: 'No — Code Freeze for Kubernetes 1.37 is in 52 days',
  },
  {
    q: 'are we in code freeze right now?',
    now: '2026-07-30T12:00:00Z',
    intent: 'cycle-status',
    starts: 'Yes — Code Freeze for 1.37 lasts until thaw on 2026-08-26.',
  },
  {
    q: 'is enhancements freeze already over?',
    now: '2026-06-01T12:00:00Z',
    intent: 'cycle-status',
    starts: 'Not yet — Enhancements Freeze for Kubernetes 1.37 is in 16 days',
  },
  {
    q: 'is enhancements freeze over?',
    now: '2026-06-20T12:00:00Z',
    intent: 'cycle-status',
    starts: 'Yes — Enhancements Freeze for Kubernetes 1.37 was 3 days ago',
  },
  {
    q: 'is there a release cycle going on right now?',
    now: '2026-09-20T12:00:00Z',
    intent: 'cycle-status',
    starts: 'No — No release cycle is under way on 2026-09-20',
  },
  {
    q: 'we are in week 5 right?',
    now: '2026-06-01T12:00:00Z',
    intent: 'cycle-status',
    starts: 'No — Kubernetes 1.37 is in week 3 of 15',
  },
  {
    q: 'quick q: is the release branch cut yet?',
    now: '2026-07-16T12:00:00Z',
    intent: 'cycle-status',
    starts: 'Not yet — Release candidate 1.37.0-rc.0 for Kubernetes 1.37 is in 20 days: Wed 2026-08-05.',
  },
  {
    q: "code freeze is next week isn't it",
    now: '2026-07-16T12:00:00Z',
    intent: 'cycle-status',
    starts: 'Yes — Code Freeze for Kubernetes 1.37 is in 7 days',
  },
  {
    q: 'is code freeze this week?',
    now: '2026-07-16T12:00:00Z',
    intent: 'cycle-status',
    starts: 'No — Code Freeze for Kubernetes 1.37 is in 7 days',
  },
  // A statement the data contradicts is corrected first; one it confirms reads as the facts.
  {
    q: 'enhancements freeze for 1.37 has passed',
    now: '2026-06-01T12:00:00Z',
    intent: 'cycle-status',
    starts: 'Not yet — Enhancements Freeze for Kubernetes 1.37 is in 16 days',
  },
  {
    q: 'enhancements freeze for 1.37 has passed',
    now: '2026-07-16T12:00:00Z',
    intent: 'cycle-status',
    starts: 'Enhancements Freeze for Kubernetes 1.37 was 29 days ago',
  },
  { q: 'is 1.35 out yet?', intent: 'schedule', starts: 'Yes — Kubernetes 1.35 was released on 2025-12-17' },
  // support and support-policy
  { q: 'is 1.30 still supported?', intent: 'support', starts: 'No — Kubernetes 1.30 is end of life' },
  // As of the day asked about (before now): what was true then.
  {
    q: 'was 1.30 still supported on 1 March 2025?',
    intent: 'support',
    starts: 'Yes — Kubernetes 1.30 is supported: standard support until 2025-04-28',
  },
  {
    q: 'was 1.33 supported on 2026-05-01',
    intent: 'support',
    starts: 'Only for critical fixes — Kubernetes 1.33 is in maintenance mode since 2026-04-28',
  },
  {
    q: 'does Kubernetes support 4 versions?',
    intent: 'support-policy',
    starts: 'No — The project maintains release branches for the three most recent minor releases.',
  },
  {
    q: 'do kubernetes minors get 14 months of support?',
    intent: 'support-policy',
    starts: 'Yes — A minor release gets patch releases for about 14 months',
  },
  { q: 'are minors supported for a year?', intent: 'support-policy', starts: 'Partly — A minor release gets' },
  { q: 'is there an LTS release?', intent: 'support-policy', starts: 'No — A minor release gets patch releases' },
  { q: 'do patches come monthly?', intent: 'support-policy', starts: 'Yes — Patch releases come monthly' },
  {
    q: 'kubernetes minors are supported for 2 years',
    intent: 'support-policy',
    starts: 'Not quite — A minor release gets patch releases for about 14 months',
  },
  {
    q: 'is 1.36 in maintenance mode?',
    intent: 'support-policy',
    starts: 'No — Kubernetes 1.36 enters maintenance mode on 2027-04-28',
  },
  { q: 'is 1.33 still getting patches?', intent: 'support', starts: 'No — Kubernetes 1.33 is end of life' },
  { q: 'will 1.33 get another patch?', intent: 'patch-schedule', starts: 'No — Kubernetes 1.33 is end of life' },
  // deprecations: "still served" is answered the other way round from "removed"
  {
    q: 'is extensions/v1beta1 ingress still served?',
    intent: 'deprecations',
    starts: 'No — This API version of Ingress is no longer served',
  },
  {
    q: 'was PodSecurityPolicy removed in 1.25?',
    intent: 'deprecations',
    starts: 'Yes — PodSecurityPolicy was removed',
  },
  // team: a person named is checked against the team list
  {
    q: 'is Kat Cosgrove the release lead for 1.30?',
    intent: 'team',
    starts: 'Yes — Kat Cosgrove (@katcosgrove) led the Kubernetes 1.30 release.',
  },
  {
    q: 'is Drew Hagen the release lead for 1.30?',
    intent: 'team',
    starts: 'No — Kat Cosgrove (@katcosgrove) led the Kubernetes 1.30 release.',
    has: ['Drew Hagen is Docs lead'],
  },
  {
    q: 'did Kat Cosgrove lead 1.30',
    intent: 'team',
    starts: 'Yes — Kat Cosgrove (@katcosgrove) led the Kubernetes 1.30 release.',
  },
  { q: 'is there a release lead for 1.37?', intent: 'team', starts: 'Yes — Dipesh Rawat (@dipesh-rawat) led' },
  {
    q: 'was Drew Hagen ever a release lead?',
    intent: 'team',
    starts: 'Yes — Drew Hagen is on the release team lists of 7 releases',
    has: ['1.30: Docs lead', '1.35: Release Team Lead'],
  },
];

describe('a yes/no question gets its verdict first', () => {
  it.each(YES_NO)('$q → $starts', async ({ q, now, intent, starts, has }) => {
    const answer = await ask(q, now);
    expect(answer.intent).toBe(intent);
    expect(answer.summary.startsWith(starts)).toBe(true);
    for (const fact of has ?? []) expect(answer.summary).toContain(fact);
  });
});

const PLAIN: Case[] = [
  { q: 'what breaks going 1.29 -> 1.32', intent: 'upgrade', starts: 'Upgrading 1.29 → 1.32 crosses 3 minor releases' },
  { q: 'compare 1.32 and 1.33', intent: 'compare', starts: 'Kubernetes 1.32 “Penelope”: released 2024-12-11' },
  {
    q: 'what week of the release cycle is it',
    now: '2026-06-01T12:00:00Z',
    intent: 'cycle-status',
    starts: 'Kubernetes 1.37 is in week 3 of 15',
  },
  {
    q: 'how many versions does kubernetes support',
    intent: 'support-policy',
    starts: 'The project maintains release branches',
  },
  { q: 'who led 1.30', intent: 'team', starts: 'Kat Cosgrove (@katcosgrove) led the Kubernetes 1.30 release.' },
  {
    q: 'which releases did Vyom Yadav work on',
    intent: 'team',
    starts: 'Vyom Yadav is on the release team lists of 8 releases (1.27, 1.28, 1.29, 1.30, 1.31, 1.32, 1.33, 1.34)',
  },
  // A yes/no question the release summary cannot settle gets the facts, not a "Yes" about something else.
  {
    q: 'was 1.31 a big release?',
    intent: 'release-summary',
    starts: 'Kubernetes 1.31 “Elli” was released on 2024-08-13',
  },
  { q: 'is 1.31 called Octarine?', intent: 'release-summary', starts: 'Kubernetes 1.31 “Elli” was released' },
];

describe('a question that is not yes/no (or that no verdict settles) keeps its first line', () => {
  it.each(PLAIN)('$q → $starts', async ({ q, now, intent, starts }) => {
    const answer = await ask(q, now);
    expect(answer.intent).toBe(intent);
    expect(answer.summary.startsWith(starts)).toBe(true);
  });
});
