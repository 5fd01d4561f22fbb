import { z } from 'zod';
import { MinorVersion } from './version.ts';

export const GATE_STAGES = ['alpha', 'beta', 'ga', 'deprecated'] as const;
export const GateStage = z.enum(GATE_STAGES);
export type GateStage = z.infer<typeof GateStage>;

/** A gate's state as a list records it: on or off by default, locked to that default, its stage. */
export const GateState = z.object({
  default: z.boolean(),
  lockToDefault: z.boolean(),
  stage: GateStage,
});
export type GateState = z.infer<typeof GateState>;

/** A state and the release from which it applies ("1.0" in the lists means "from before versioned specs"). */
export const GateSpec = GateState.extend({ since: MinorVersion });
export type GateSpec = z.infer<typeof GateSpec>;

/** The kubernetes/kubernetes lists of feature gates the dataset was built from, newest first. */
export const GATE_LIST_IDS = ['compatibility-lifecycle', 'linter-versioned', 'linter-unversioned'] as const;
export const GateListId = z.enum(GATE_LIST_IDS);
export type GateListId = z.infer<typeof GateListId>;

export const GateList = z.object({
  id: GateListId,
  /** Path inside kubernetes/kubernetes. */
  path: z.string(),
  /** The newest `version` any spec in the list names: the release cycle the list comes from (null: unversioned). */
  newestVersion: MinorVersion.nullable(),
  gates: z.number().int().nonnegative(),
});
export type GateList = z.infer<typeof GateList>;

export const FeatureGateRecord = z.object({
  name: z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/),
  /**
   * Versioned specs, oldest first, from the newest list that has the gate. Empty when only the unversioned list does.
   */
  specs: z.array(GateSpec),
  /** Which list the specs come from. */
  source: GateListId,
  /** Every list that names the gate. */
  lists: z.array(GateListId).min(1),
  /** The unversioned list's state (no release given), kept only when no versioned list has the gate. */
  unversioned: GateState.nullable(),
  /**
   * Set when an older list has the gate and the newest list does not: it was removed from the code
   * after the `lastListedIn` cycle (null: the unversioned list, which names none) and before the `goneBy` cycle.
   */
  removed: z.object({ lastListedIn: MinorVersion.nullable(), goneBy: MinorVersion }).nullable(),
  /** KEPs whose kep.yaml `feature-gates` name this gate. */
  keps: z.array(z.number().int().positive()),
});
export type FeatureGateRecord = z.infer<typeof FeatureGateRecord>;

export const FeatureGates = z.object({
  lists: z.array(GateList),
  gates: z.array(FeatureGateRecord),
});
export type FeatureGates = z.infer<typeof FeatureGates>;
