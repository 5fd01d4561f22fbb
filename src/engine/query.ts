import { z } from 'zod';
import { KepStage } from '../domain/kep.ts';
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
    patch: z.string().regex(/^\d+\.\d+\.\d+$/).nullable(),
  }),
  z.object({
    kind: z.literal('relative'),
    /** latest: newest GA at now; current: the cycle in progress (or latest); next: the one after latest; previous: the one before latest. */
    which: z.enum(['latest', 'current', 'next', 'previous']),
  }),
]);
export type VersionRef = z.infer<typeof VersionRef>;

/** A KEP named by number, or by words the executor resolves (feature gate, title, summary). */
export const FeatureRef = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('number'), number: z.number().int().positive() }),
  z.object({ kind: z.literal('text'), text: z.string().min(1) }),
]);
export type FeatureRef = z.infer<typeof FeatureRef>;

/** Stages a "what went X" list can ask for. */
export const ListStage = z.enum(['alpha', 'beta', 'stable']);
export type ListStage = z.infer<typeof ListStage>;

export const ScheduleTarget = z.union([MilestoneKind, z.literal('any-freeze')]);
export type ScheduleTarget = z.infer<typeof ScheduleTarget>;

/** What the parser noticed about the text itself; the executor surfaces it to the user. */
export const ParseNotes = z.object({
  /** Words read as another word ("shedule" → "schedule"). */
  corrections: z.array(z.object({ from: z.string(), to: z.string() })).default([]),
  /** The question was longer than the parser reads. */
  truncated: z.boolean().default(false),
  /** Mentions, control characters or markup were dropped from the question. */
  stripped: z.boolean().default(false),
});
export type ParseNotes = z.infer<typeof ParseNotes>;

const base = { notes: ParseNotes };

export const Query = z.discriminatedUnion('kind', [
  /** 1. "1.31", "tell me about 1.24", "what's in the latest release". null version: latest. */
  z.object({ kind: z.literal('release-summary'), version: VersionRef.nullable(), ...base }),
  /** 2. "what went GA in 1.31", "beta features in 1.30", "graduated to stable in v1.29 for sig-network". */
  z.object({ kind: z.literal('stage-list'), version: VersionRef.nullable(), stage: ListStage, sig: z.string().nullable(), ...base }),
  /** 3. "KEP-3836", "#24", "apparmor", "NFTablesProxyMode", "is nftables GA?" (askStage set). */
  z.object({
    kind: z.literal('kep'),
    ref: FeatureRef,
    askStage: KepStage.nullable(),
    /** "was X beta in 1.29": the release the stage question is about. */
    version: VersionRef.nullable(),
    ...base,
  }),
  /** 4. "when did AppArmor go GA", "when will sidecar containers be stable". */
  z.object({ kind: z.literal('history'), ref: FeatureRef, stage: KepStage.nullable(), ...base }),
  /** 5. "1.31 schedule", "when is code freeze for 1.31", "how long until enhancements freeze". */
  z.object({
    kind: z.literal('schedule'),
    version: VersionRef.nullable(),
    target: ScheduleTarget.nullable(),
    countdown: z.boolean(),
    ...base,
  }),
  /** 6. "who led 1.24", "who was the 1.31 comms lead", "1.31 release team". role: a team role key. */
  z.object({ kind: z.literal('team'), version: VersionRef.nullable(), role: z.string().nullable(), shadows: z.boolean(), ...base }),
  /** 7. "is 1.28 still supported", "when does 1.31 reach end of life", "which versions are supported", "latest patch of 1.30". */
  z.object({
    kind: z.literal('support'),
    version: VersionRef.nullable(),
    ask: z.enum(['status', 'eol', 'list', 'latest-patch']),
    ...base,
  }),
  /** 8. "what was removed in 1.24", "deprecations in 1.31", "upgrade from 1.24 to 1.26", "is PodSecurityPolicy removed". */
  z.object({
    kind: z.literal('deprecations'),
    version: VersionRef.nullable(),
    /** Set for upgrades: everything removed after `from` up to and including `to`. */
    upgrade: z.object({ from: VersionRef.nullable(), to: VersionRef.nullable() }).nullable(),
    focus: z.enum(['removed', 'deprecated', 'both']),
    /** An API kind or group/version the user named ("PodSecurityPolicy", "policy/v1beta1"). */
    subject: z.string().nullable(),
    ...base,
  }),
  /** 9. "what did SIG Storage ship in 1.31". sig: a slug such as "sig-storage". */
  z.object({ kind: z.literal('sig'), sig: z.string(), version: VersionRef.nullable(), ...base }),
  /** 10. "compare 1.30 and 1.31". */
  z.object({ kind: z.literal('compare'), a: VersionRef, b: VersionRef.nullable(), ...base }),
  /** 11. "help"; also what empty or content-free input becomes. */
  z.object({ kind: z.literal('help'), reason: z.enum(['asked', 'empty']), ...base }),
  /** 12. Anything else: full-text search over KEPs. */
  z.object({ kind: z.literal('search'), text: z.string(), ...base }),
]);
export type Query = z.infer<typeof Query>;
export type QueryKind = Query['kind'];
