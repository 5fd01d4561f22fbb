import { z } from 'zod';
import { PlatformId } from '../../domain/platform.ts';
import { managedPlatform } from '../intents/managed-platform.ts';
import { ParseNotes } from '../refs.ts';
import { type QuestionKind, SCORE, words } from './kind.ts';

export const ManagedPlatformQuery = z.object({
  kind: z.literal('managed-platform'),
  /** null: every platform (a question about one Kubernetes minor across them). */
  platform: PlatformId.nullable(),
  /** The cycle as written: a Kubernetes minor ("1.31") or the platform's own number ("4.18"); null: all cycles. */
  cycle: z
    .string()
    .regex(/^\d+\.\d+$/)
    .nullable(),
  /**
   * status: where the cycle stands and its dates. standard-end: when standard support ends.
   * extended: is it in extended (LTS) support? extended-list: which cycles have extended support.
   * supported: which cycles are supported now.
   */
  ask: z.enum(['status', 'standard-end', 'extended', 'extended-list', 'supported']),
  notes: ParseNotes,
});
export type ManagedPlatformQuery = z.infer<typeof ManagedPlatformQuery>;

export const MANAGED_PLATFORM_EXAMPLES = [
  'when does GKE 1.31 leave standard support?',
  'is 1.33 on extended support in EKS?',
  'which AKS versions have long-term support?',
];

/** The entity pass's platform names → endoflife.date product ids. */
const PLATFORM_OF: Record<string, PlatformId> = {
  eks: 'amazon-eks',
  aks: 'azure-kubernetes-service',
  gke: 'google-kubernetes-engine',
  openshift: 'red-hat-openshift',
  ack: 'alibaba-ack',
};

/** When a cycle leaves (standard) support. */
const LEAVES =
  /\b(standard support|leaves?|leaving|left|eol|end of (life|support)|until when|drops?|deprecat\w*|retire\w*)\b/;

/**
 * Managed platforms as a group. "In-tree cloud providers" and "cloud provider code" are Kubernetes' own provider
 * integrations (KEP-2395), not platforms.
 */
const MANAGED_PLATFORMS =
  /\b(managed (platforms?|kubernetes|services?|providers?)|(?<!(?:in-tree|intree|out-of-tree|external) )cloud providers?(?! (?:code|controllers?|interface|integrations?|extraction|migration|removal|plugins?|binaries|paths?)))\b/;

export const managedPlatformKind: QuestionKind<ManagedPlatformQuery> = {
  schema: ManagedPlatformQuery,
  kind: 'managed-platform',
  intent: 'managed-platform',
  recognize: (question) => {
    const platforms = question.entities.platforms.map((name) => PLATFORM_OF[name]);
    const platform = platforms.find((id) => id !== undefined) ?? null;
    const across = question.has(MANAGED_PLATFORMS);
    if (!platform && !across) return null;
    // OpenShift's own 4.x numbers are not Kubernetes versions, so the entity pass leaves them in the text.
    const own = platform === 'red-hat-openshift' ? /\b(?:v)?(4\.\d{1,2})\b/.exec(question.original)?.[1] : undefined;
    const version = question.entities.versions.find((ref) => ref.kind === 'exact');
    const cycle = own ?? (version?.kind === 'exact' ? version.minor : null);
    const extended = question.has(/\b(extended|lts|long[- ]term|eus)\b/);
    const ask: ManagedPlatformQuery['ask'] = extended
      ? cycle
        ? 'extended'
        : 'extended-list'
      : question.has(LEAVES) && cycle
        ? 'standard-end'
        : cycle
          ? 'status'
          : 'supported';
    return { score: SCORE.certain + 5, query: { kind: 'managed-platform', platform, cycle, ask } };
  },
  answer: managedPlatform,
  examples: MANAGED_PLATFORM_EXAMPLES,
  vocabulary: words(
    'eks aks gke openshift ack managed platform platforms provider providers extended lts long-term standard',
  ),
};
