import { z } from 'zod';
import { IsoDate } from './dates.ts';
import { MinorVersion } from './version.ts';

export const KEP_STAGES = ['alpha', 'beta', 'stable', 'deprecated', 'disabled', 'removed'] as const;
export const KepStage = z.enum(KEP_STAGES);
export type KepStage = z.infer<typeof KepStage>;

export const KEP_STATUSES = [
  'provisional',
  'implementable',
  'implemented',
  'deferred',
  'rejected',
  'withdrawn',
  'replaced',
  'superseded',
  'removed',
] as const;
export const KepStatus = z.enum(KEP_STATUSES);
export type KepStatus = z.infer<typeof KepStatus>;

export const FeatureGate = z.object({
  name: z.string().min(1),
  components: z.array(z.string()),
});
export type FeatureGate = z.infer<typeof FeatureGate>;

/** The release in which the KEP reached each stage, as its kep.yaml records it. */
export const StageMilestones = z.object({
  alpha: MinorVersion.optional(),
  beta: MinorVersion.optional(),
  stable: MinorVersion.optional(),
  deprecated: MinorVersion.optional(),
  disabled: MinorVersion.optional(),
  removed: MinorVersion.optional(),
});
export type StageMilestones = z.infer<typeof StageMilestones>;

export const Kep = z.object({
  number: z.number().int().positive(),
  title: z.string().min(1),
  owningSig: z.string().regex(/^[a-z0-9-]+$/),
  participatingSigs: z.array(z.string()),
  status: KepStatus.nullable(),
  stage: KepStage.nullable(),
  latestMilestone: MinorVersion.nullable(),
  milestones: StageMilestones,
  featureGates: z.array(FeatureGate),
  creationDate: IsoDate.nullable(),
  /** Plain text from the README's "## Summary", markdown stripped, at most ~600 characters. */
  summary: z.string(),
  /**
   * Folder inside kubernetes/enhancements, e.g.
   * keps/sig-network/3836-kube-proxy-improved-ingress-connectivity-reliability
   */
  path: z.string(),
  links: z.object({
    issue: z.url(),
    folder: z.url(),
  }),
});
export type Kep = z.infer<typeof Kep>;
