import { z } from 'zod';

/**
 * The platform-neutral answer the engine returns. Adapters only render it
 * (Block Kit, Discord embeds, plain text); nothing here is platform markup.
 * All strings are plain text: renderers escape them for their platform.
 */
/** Public (`ask --json`): extend, never rename. A new question kind adds its name here (the registry checks it). */
export const ANSWER_INTENTS = [
  'release-summary',
  'stage-list',
  'kep',
  'history',
  'schedule',
  'team',
  'support',
  'deprecations',
  'feature-gate',
  'upgrade',
  'patch-schedule',
  'sig',
  'compare',
  'version-skew',
  'managed-platform',
  'support-policy',
  'help',
  'search',
  'subscription',
  'calendar',
  'digest',
  'unknown',
  'cycle-status',
] as const;
export const AnswerIntent = z.enum(ANSWER_INTENTS);
export type AnswerIntent = z.infer<typeof AnswerIntent>;

export const AnswerItem = z.object({
  kep: z.number().int().positive().nullable(),
  title: z.string(),
  stage: z.string().nullable(),
  sig: z.string().nullable(),
  url: z.url().nullable(),
  /** A short extra, e.g. "alpha 1.28 → beta 1.30 → stable 1.31" or "removed in 1.25 · use policy/v1". */
  detail: z.string().nullable().default(null),
});
export type AnswerItem = z.infer<typeof AnswerItem>;

export const AnswerFact = z.object({
  label: z.string(),
  value: z.string(),
  /** Machine-readable form of the value where one exists: an ISO date/time, a number, a version. */
  raw: z.union([z.string(), z.number(), z.boolean()]).nullable().default(null),
});
export type AnswerFact = z.infer<typeof AnswerFact>;

export const AnswerSection = z.object({
  heading: z.string(),
  items: z.array(AnswerItem).default([]),
  facts: z.array(AnswerFact).default([]),
  /** Free text lines (plain), e.g. a note about disagreeing sources. */
  lines: z.array(z.string()).default([]),
  /** How many items were left out of `items` (the list was cut by the engine). */
  omitted: z.number().int().nonnegative().default(0),
  /** Where the full list lives, for "…and N more". */
  moreUrl: z.url().nullable().default(null),
});
export type AnswerSection = z.infer<typeof AnswerSection>;

/**
 * What a yes/no question about the answer's subject gets for an answer ("is 1.28 still supported?" → no). The
 * engine leads the summary with it ("No — …") when the question was asked yes/no; a statement reads without it.
 */
export const AnswerVerdict = z.enum(['yes', 'no', 'not-yet', 'partly']);
export type AnswerVerdict = z.infer<typeof AnswerVerdict>;

export const Answer = z.object({
  intent: AnswerIntent,
  title: z.string(),
  /** One line that answers the question on its own ("Yes — AppArmor support is stable since 1.30."). */
  summary: z.string(),
  /** Set where the answer settles a yes/no question about its subject; see AnswerVerdict. */
  verdict: AnswerVerdict.optional(),
  /** The minor release the answer is about, if any. */
  release: z.string().nullable().default(null),
  facts: z.array(AnswerFact).default([]),
  sections: z.array(AnswerSection).default([]),
  links: z.array(z.object({ label: z.string(), url: z.url() })).default([]),
  /** Follow-up questions the user can ask next. */
  suggestions: z.array(z.string()).default([]),
  /** e.g. "Data as of 2026-08-22 (kubernetes/enhancements 64765b4)". */
  footer: z.string(),
});
export type Answer = z.infer<typeof Answer>;
export type AnswerInput = z.input<typeof Answer>;
