import { z } from 'zod';
import { IsoDate } from './dates.ts';
import { MinorVersion } from './version.ts';

/** The managed Kubernetes platforms the data covers, by their endoflife.date product id. */
export const PLATFORM_IDS = [
  'amazon-eks',
  'azure-kubernetes-service',
  'google-kubernetes-engine',
  'red-hat-openshift',
  'alibaba-ack',
] as const;
export const PlatformId = z.enum(PLATFORM_IDS);
export type PlatformId = z.infer<typeof PlatformId>;

/** The support phases endoflife.date records; each platform names them its own way (see Platform.phases). */
export const PLATFORM_PHASES = ['active', 'standard', 'extended'] as const;
export type PlatformPhase = (typeof PLATFORM_PHASES)[number];

export const PlatformCycle = z.object({
  /** The platform's own number for the cycle: "1.31" (a Kubernetes minor) or "4.18" (OpenShift). */
  cycle: z.string().regex(/^\d+\.\d+$/),
  /** The Kubernetes minor the cycle ships, when the data says; null where it does not (OpenShift). */
  kubernetes: MinorVersion.nullable(),
  releaseDate: IsoDate.nullable(),
  /** The end of each phase the platform has for this cycle; null where it has none or the date is unknown. */
  ends: z.object({ active: IsoDate.nullable(), standard: IsoDate.nullable(), extended: IsoDate.nullable() }),
  latest: z.object({ version: z.string().min(1), date: IsoDate.nullable() }).nullable(),
  link: z.url().nullable(),
});
export type PlatformCycle = z.infer<typeof PlatformCycle>;

export const Platform = z.object({
  id: PlatformId,
  /** "Amazon EKS" */
  name: z.string().min(1),
  /** "EKS" */
  shortName: z.string().min(1),
  /** Whether the cycles are Kubernetes minors or the platform's own numbers. */
  numbering: z.enum(['kubernetes', 'own']),
  /** What the platform calls each phase ("standard support", "LTS support", "Full Support"); null: no such phase. */
  phases: z.object({ active: z.string().nullable(), standard: z.string(), extended: z.string().nullable() }),
  policyUrl: z.url(),
  /** endoflife.date's page for the product. */
  url: z.url(),
  /** Newest first, as endoflife.date lists them. */
  cycles: z.array(PlatformCycle).min(1),
});
export type Platform = z.infer<typeof Platform>;
