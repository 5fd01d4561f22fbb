import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { DATASET_FILES, type Dataset } from '../domain/dataset.ts';
import { Manifest } from '../domain/manifest.ts';
import { BUNDLED_DATA_DIR } from './paths.ts';

export class DatasetError extends Error {
  constructor(
    readonly file: string,
    readonly field: string | null,
    message: string,
  ) {
    super(field ? `${file}: ${field}: ${message}` : `${file}: ${message}`);
    this.name = 'DatasetError';
  }
}

/** Formats a zod issue path against the file's own data, e.g. keps.json [12] (KEP-3836) .milestones.beta */
export function describeIssuePath(issuePath: readonly PropertyKey[], data: unknown): string {
  let label = '';
  let node: unknown = data;
  for (const key of issuePath) {
    if (typeof key === 'number') {
      node = Array.isArray(node) ? node[key] : undefined;
      const record = node as { number?: unknown; version?: unknown } | undefined;
      const name = record?.number != null ? `KEP-${String(record.number)}` : record?.version != null ? String(record.version) : null;
      label += name ? `[${key}] (${name})` : `[${key}]`;
    } else {
      node = node && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined;
      label += `.${String(key)}`;
    }
  }
  return label.replace(/^\./, '') || '(root)';
}

export function validateWith<T extends z.ZodType>(schema: T, data: unknown, file: string): z.infer<T> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new DatasetError(file, describeIssuePath(issue.path, data), issue.message);
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new DatasetError(file, null, `cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)}); run \`npm run sync\``);
  }
}

function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new DatasetError(file, null, `not valid JSON: ${(error as Error).message}`);
  }
}

/**
 * Loads and validates every dataset file; throws a DatasetError naming the file and field.
 * Each file must match the checksum the manifest recorded, so a half-finished copy is caught.
 */
export function loadDataset(dir: string = BUNDLED_DATA_DIR): Dataset {
  const manifestFile = path.join(dir, 'manifest.json');
  const manifest = validateWith(Manifest, parseJson(manifestFile, readText(manifestFile)), manifestFile);
  const collections = Object.fromEntries(
    Object.entries(DATASET_FILES).map(([name, schema]) => {
      const file = path.join(dir, `${name}.json`);
      const text = readText(file);
      const expected = manifest.files[`${name}.json`]?.sha256;
      const actual = createHash('sha256').update(text).digest('hex');
      if (expected !== actual) {
        throw new DatasetError(file, null, `does not match manifest.json (sha256 ${actual.slice(0, 12)}, expected ${expected?.slice(0, 12) ?? 'none'}); run \`npm run sync\` again`);
      }
      return [name, validateWith(schema, parseJson(file, text), file)];
    }),
  ) as Omit<Dataset, 'manifest'>;
  return { manifest, ...collections };
}
