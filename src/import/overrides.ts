import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ImportError } from './errors.ts';

/**
 * A reviewed correction of an upstream kep.yaml field, applied before validation.
 * Every entry must say where the correct value comes from.
 */
export const KepOverride = z.object({
  kep: z.number().int().positive(),
  /** kep.yaml field, dotted for nested ones: "status", "milestone.stable". */
  field: z.string().regex(/^[a-z-]+(\.[a-z-]+)?$/),
  value: z.union([z.string(), z.number(), z.null()]),
  source: z.url(),
  note: z.string().min(10),
});
export type KepOverride = z.infer<typeof KepOverride>;

export const OverridesFile = z.object({ keps: z.array(KepOverride).default([]) });

export function parseOverrides(text: string | null, file: string): KepOverride[] {
  if (text === null) return [];
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error) {
    throw new ImportError(file, null, `invalid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  const result = OverridesFile.safeParse(document ?? {});
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new ImportError(file, issue.path.join('.'), issue.message);
  }
  return result.data.keps;
}
