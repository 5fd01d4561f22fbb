import { z } from 'zod';
import { MilestoneKind } from '../domain/schedule.ts';

/**
 * A version as the user wrote it. Relative references stay symbolic: only the executor,
 * which has the dataset and the clock, can say which release "latest" is.
 */
export const VersionRef = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('exact'),
    /** "1.31"; may name a release the data does not know ("1.99", "2.0"). */
    minor: z.string().regex(/^\d+\.\d+$/),
    /** "1.31.2" when the user named a patch release. */
    patch: z
      .string()
      .regex(/^\d+\.\d+\.\d+$/)
      .nullable(),
  }),
  z.object({
    kind: z.literal('relative'),
    /**
     * latest: newest GA at now; current: the cycle in progress (or latest); next: the one after latest; previous: the
     * one before latest.
     */
    which: z.enum(['latest', 'current', 'next', 'previous']),
  }),
]);
export type VersionRef = z.infer<typeof VersionRef>;

const RELATIVE_NAMES = ['latest', 'current', 'next', 'previous'] as const;

/**
 * A version as an option value gives it ("1.31", "v1.31.2", "latest"), for callers that build a
 * Query without text (Discord options). Null for anything else.
 */
export function versionRefOf(value: string): VersionRef | null {
  const text = value.trim().toLowerCase();
  const relative = RELATIVE_NAMES.find((name) => name === text);
  if (relative) return { kind: 'relative', which: relative };
  const match = /^v?(\d+)\.(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return null;
  const minor = `${Number(match[1])}.${Number(match[2])}`;
  return { kind: 'exact', minor, patch: match[3] != null ? `${minor}.${Number(match[3])}` : null };
}

/** A KEP named by number, or by words the executor resolves (feature gate, title, summary). */
export const FeatureRef = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('number'),
    number: z.number().int().positive(),
    /** The feature gate the user named the KEP by ("NFTablesProxyMode"), so the answer can say whose gate it is. */
    gate: z.string().optional(),
  }),
  z.object({ kind: z.literal('text'), text: z.string().min(1) }),
]);
export type FeatureRef = z.infer<typeof FeatureRef>;

/** Stages a "what went X" list can ask for. */
export const ListStage = z.enum(['alpha', 'beta', 'stable']);
export type ListStage = z.infer<typeof ListStage>;

export const ScheduleTarget = z.union([MilestoneKind, z.literal('any-freeze')]);
export type ScheduleTarget = z.infer<typeof ScheduleTarget>;

/** A span of days named as a month or a year ("Feb 2027", "in 2024"): both ends ISO yyyy-mm-dd, inclusive. */
export const Period = z.object({
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** "2024", "Feb 2027": how an answer names it. */
  label: z.string(),
});
export type Period = z.infer<typeof Period>;

/** What the parser noticed about the text itself; the executor surfaces it to the user. */
export const ParseNotes = z.object({
  /** Words read as another word ("shedule" → "schedule"). */
  corrections: z.array(z.object({ from: z.string(), to: z.string() })).default([]),
  /** The question was longer than the parser reads. */
  truncated: z.boolean().default(false),
  /** Mentions, control characters or markup were dropped from the question. */
  stripped: z.boolean().default(false),
  /** The question as asked (cleaned), so the answer never suggests it back. */
  asked: z.string().optional(),
  /** The other parts of a two-part question, each readable on its own; answered after the first. */
  followUps: z.array(z.object({ text: z.string(), relation: z.enum(['and', 'then']) })).optional(),
  /** The question asks yes or no ("is 1.28 still supported?"): the answer leads with its verdict. */
  yesNo: z.boolean().optional(),
  /** Dates the text states (ISO), so a statement the data contradicts is answered "Not quite — …". */
  statedDates: z.array(z.string()).optional(),
  /** Months and years the text states ("in July 2024"), read the same way. */
  statedPeriods: z.array(Period).optional(),
});
export type ParseNotes = z.infer<typeof ParseNotes>;
/**
 * One more part of a two-part question: "and" asks something else; "then" narrows the first ("beta in X became GA in
 * Y").
 */
export type FollowUp = NonNullable<ParseNotes['followUps']>[number];
