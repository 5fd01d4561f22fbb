import { z } from 'zod';
import { MinorVersion } from './version.ts';

export const DeprecatedApi = z.object({
  kind: z.string().min(1),
  /** group/version, e.g. "policy/v1beta1" ("v1" for the core group). */
  apiVersion: z.string().min(1),
  deprecatedIn: MinorVersion.nullable(),
  removedIn: MinorVersion.nullable(),
  replacement: z.string().nullable(),
  replacementAvailableIn: MinorVersion.nullable(),
});
export type DeprecatedApi = z.infer<typeof DeprecatedApi>;
