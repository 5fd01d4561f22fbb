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

function readJson(dir: string, name: string): unknown {
  const file = path.join(dir, name);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new DatasetError(file, null, `cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)}); run \`npm run sync\``);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new DatasetError(file, null, `not valid JSON: ${(error as Error).message}`);
  }
}

/** Loads and validates every dataset file; throws a DatasetError naming the file and field. */
export function loadDataset(dir: string = BUNDLED_DATA_DIR): Dataset {
  const manifest = validateWith(Manifest, readJson(dir, 'manifest.json'), path.join(dir, 'manifest.json'));
  const collections = Object.fromEntries(
    Object.entries(DATASET_FILES).map(([name, schema]) => {
      const file = `${name}.json`;
      return [name, validateWith(schema, readJson(dir, file), path.join(dir, file))];
    }),
  ) as Omit<Dataset, 'manifest'>;
  return { manifest, ...collections };
}
