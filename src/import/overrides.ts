import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { MinorVersion } from '../domain/version.ts';
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

const ApiFields = {
  deprecatedIn: MinorVersion.nullable().optional(),
  removedIn: MinorVersion.nullable().optional(),
  replacement: z.string().min(1).nullable().optional(),
  replacementAvailableIn: MinorVersion.nullable().optional(),
};

/**
 * A reviewed correction of Pluto's deprecated-API list: `correct` sets fields of the entries it matches,
 * `drop` removes entries that name no real API, `add` brings in an API version Pluto lacks.
 * `kinds: ["*"]` matches every kind Pluto lists for the group/version. Each entry names its source.
 */
export const DeprecatedApiOverride = z
  .object({
    action: z.enum(['correct', 'drop', 'add']),
    apiVersion: z
      .string()
      .regex(/^([a-z0-9.-]+\/)?v\d+((alpha|beta)\d+)?$/, 'expected a group/version like "policy/v1beta1"'),
    kinds: z.array(z.string().regex(/^(\*|[A-Z][A-Za-z0-9]*)$/)).min(1),
    ...ApiFields,
    source: z.url(),
    note: z.string().min(10),
  })
  .refine((entry) => entry.action !== 'add' || !entry.kinds.includes('*'), {
    message: 'an "add" names its kinds; "*" matches existing entries only',
    path: ['kinds'],
  });
export type DeprecatedApiOverride = z.infer<typeof DeprecatedApiOverride>;

export const OverridesFile = z.object({
  keps: z.array(KepOverride).default([]),
  deprecatedApis: z.array(DeprecatedApiOverride).default([]),
});
export type Overrides = z.infer<typeof OverridesFile>;

/** Every reviewed correction in data/overrides.yaml (an absent file has none). */
export function parseOverridesFile(text: string | null, file: string): Overrides {
  if (text === null) return { keps: [], deprecatedApis: [] };
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
  return result.data;
}

/** The kep.yaml corrections only. */
export function parseOverrides(text: string | null, file: string): KepOverride[] {
  return parseOverridesFile(text, file).keps;
}
