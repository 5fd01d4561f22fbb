import { z } from 'zod';
import { IsoDate } from './dates.ts';
import { MinorVersion, minorNumber } from './version.ts';

/** The components the version-skew policy names. */
export const COMPONENTS = [
  'kube-apiserver',
  'kube-controller-manager',
  'kube-scheduler',
  'cloud-controller-manager',
  'kubelet',
  'kube-proxy',
  'kubectl',
] as const;
export const Component = z.enum(COMPONENTS);
export type Component = z.infer<typeof Component>;

/** Where a statement comes from: a file of the inputs (`<upstream folder>/<path>`) and its words, verbatim. */
export const PolicySource = z.object({
  file: z.string().regex(/^[a-z.-]+\/.+\.md$/, 'expected "<upstream folder>/<path>.md"'),
  quote: z.string().min(10),
});
export type PolicySource = z.infer<typeof PolicySource>;

const Limits = { maxOlder: z.number().int().min(0), maxNewer: z.number().int().min(0) };

/**
 * One rule of the version-skew policy: each of `components` at version c is supported against
 * `against` at version r when −maxNewer ≤ r − c ≤ maxOlder. `earlier` holds the tighter limits that
 * apply to components older than `componentBefore`; `since` is the `against` version from which the
 * current limits apply (the KEP that changed them).
 */
export const SkewRule = z
  .object({
    id: z.string().regex(/^[a-z-]+$/),
    components: z.array(Component).min(1),
    against: Component,
    ...Limits,
    earlier: z.object({ componentBefore: MinorVersion, ...Limits }).nullable(),
    since: z.object({ version: MinorVersion, kep: z.number().int().positive() }).nullable(),
    /** Section of the policy page, e.g. "#kubelet". */
    anchor: z.string().regex(/^#[a-z-]+$/),
    sources: z.array(PolicySource).min(1),
    note: z.string().min(10),
  })
  .refine((rule) => (rule.earlier === null) === (rule.since === null), {
    message: 'earlier and since go together',
    path: ['since'],
  })
  .refine(
    // A component just young enough for the current limit, at its oldest, meets the `since` version.
    (rule) =>
      !rule.earlier ||
      !rule.since ||
      minorNumber(rule.earlier.componentBefore) + rule.maxOlder === minorNumber(rule.since.version),
    { message: 'since.version must be earlier.componentBefore + maxOlder', path: ['since', 'version'] },
  );
export type SkewRule = z.infer<typeof SkewRule>;

export const UpgradeStep = z.object({
  components: z.array(Component).min(1),
  text: z.string().min(10),
  sources: z.array(PolicySource).min(1),
  note: z.string().min(10),
});
export type UpgradeStep = z.infer<typeof UpgradeStep>;

export const POLICY_TOPICS = [
  'release-branches',
  'patch-support',
  'maintenance-mode',
  'end-of-life',
  'patch-cadence',
  'cherry-picks',
  'release-cadence',
  'client-libraries',
] as const;
export const PolicyTopic = z.enum(POLICY_TOPICS);
export type PolicyTopic = z.infer<typeof PolicyTopic>;

export const PolicyStatement = z.object({
  id: z.string().regex(/^[a-z-]+$/),
  topic: PolicyTopic,
  text: z.string().min(10),
  url: z.url(),
  /** From when the statement holds: a release or a date, where the sources say. */
  effective: z.object({ version: MinorVersion.nullable(), date: IsoDate.nullable() }).nullable().default(null),
  sources: z.array(PolicySource).min(1),
  note: z.string().min(10),
});
export type PolicyStatement = z.infer<typeof PolicyStatement>;

/** data/policies.yaml as reviewed, and policies.json as the importer writes it (the quotes checked). */
export const Policies = z.object({
  versionSkew: z.object({ url: z.url(), rules: z.array(SkewRule).min(1), upgradeOrder: z.array(UpgradeStep).min(1) }),
  supportPolicy: z.array(PolicyStatement).min(1),
});
export type Policies = z.infer<typeof Policies>;
