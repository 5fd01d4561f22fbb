import { z } from 'zod';
import { IsoDate } from '../domain/dates.ts';
import type { Platform, PlatformCycle, PlatformId } from '../domain/platform.ts';
import { toMinor } from '../domain/version.ts';
import { validateWith } from '../data/validation.ts';
import { ImportError } from './errors.ts';
import { readFrontMatter } from './yaml.ts';

/**
 * What each endoflife.date product's fields mean, read from its front matter (the column names and the
 * comments on where the dates come from): `eoas`, `eol` and `eoes` become the active, standard and
 * extended phases under the platform's own names.
 */
const PRODUCTS: Record<PlatformId, Pick<Platform, 'shortName' | 'numbering' | 'phases'>> = {
  // eol: "End of standard support", eoes: "End of extended support" (the release_table fields).
  'amazon-eks': {
    shortName: 'EKS',
    numbering: 'kubernetes',
    phases: { active: null, standard: 'standard support', extended: 'extended support' },
  },
  // eol: "End of life", eoes: "LTS End of life"; "Long-Term Support for all versions starting with 1.27".
  'azure-kubernetes-service': {
    shortName: 'AKS',
    numbering: 'kubernetes',
    phases: { active: null, standard: 'standard support', extended: 'long-term support (LTS)' },
  },
  // "eol = End of standard support", "eoas = last-date-in-month(eol - 2months)"; no extended-support dates.
  'google-kubernetes-engine': {
    shortName: 'GKE',
    numbering: 'kubernetes',
    phases: { active: 'active support', standard: 'standard support', extended: null },
  },
  // Full Support, Maintenance Support, Extended Update Support (even minors); cycles are OpenShift 4.x.
  'red-hat-openshift': {
    shortName: 'OpenShift',
    numbering: 'own',
    phases: { active: 'Full Support', standard: 'Maintenance Support', extended: 'Extended Update Support' },
  },
  // eol: "ACK end of life date".
  'alibaba-ack': {
    shortName: 'ACK',
    numbering: 'kubernetes',
    phases: { active: null, standard: 'support', extended: null },
  },
};

const EndOfLifeDate = z.union([IsoDate, z.boolean()]).optional();

const ProductCycle = z.object({
  releaseCycle: z.string().regex(/^\d+\.\d+$/, 'expected a cycle like "1.31"'),
  releaseDate: IsoDate.optional(),
  eoas: EndOfLifeDate,
  eol: EndOfLifeDate,
  eoes: EndOfLifeDate,
  latest: z.string().min(1).optional(),
  latestReleaseDate: IsoDate.optional(),
  link: z.url().nullable().optional(),
});

const ProductFile = z.object({
  title: z.string().min(1),
  permalink: z.string().regex(/^\/[a-z-]+$/),
  releasePolicyLink: z.url(),
  releases: z.array(z.unknown()).min(1),
});

/** A date, or null where endoflife.date has none or only says "yes/no". */
const dateOrNull = (value: string | boolean | undefined): string | null => (typeof value === 'string' ? value : null);

/** One endoflife.date product file (front matter: the cycles with their release and end-of-support dates). */
export function parsePlatform(id: PlatformId, text: string, file: string): Platform {
  const raw = readFrontMatter(text, file);
  const product = validateWith(ProductFile, raw, file, ImportError);
  const known = PRODUCTS[id];
  const cycles = product.releases.map((entry, index): PlatformCycle => {
    const value = validateWith(ProductCycle, entry, file, ImportError, { at: ['releases', index], root: raw });
    const kubernetes = known.numbering === 'kubernetes' ? toMinor(value.releaseCycle) : null;
    if (known.numbering === 'kubernetes' && !kubernetes) {
      const field = `releases[${index}].releaseCycle`;
      throw new ImportError(file, field, `not a Kubernetes minor: ${JSON.stringify(value.releaseCycle)}`);
    }
    return {
      cycle: value.releaseCycle,
      kubernetes,
      releaseDate: value.releaseDate ?? null,
      ends: { active: dateOrNull(value.eoas), standard: dateOrNull(value.eol), extended: dateOrNull(value.eoes) },
      latest: value.latest ? { version: value.latest, date: value.latestReleaseDate ?? null } : null,
      link: value.link ?? null,
    };
  });
  const url = `https://endoflife.date${product.permalink}`;
  return { id, name: product.title, ...known, policyUrl: product.releasePolicyLink, url, cycles };
}
