import { createHash } from 'node:crypto';
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { DATASET_FILES, type Dataset } from '../domain/dataset.ts';
import { Manifest } from '../domain/manifest.ts';
import { datasetSchemaFingerprint } from '../data/schema-fingerprint.ts';
import { validateWith } from '../data/validation.ts';
import { ImportError } from './errors.ts';

/** Stable serialisation: same dataset → same bytes. */
export function serialize(value: unknown): string {
  return `${JSON.stringify(value, null, 1)}\n`;
}

/**
 * The dataset's files and their manifest. Each file is validated here and written as its schema
 * reads it, and the manifest records the schemas' fingerprint: loading these exact bytes again
 * needs no second validation (see loadDataset).
 */
export function renderDatasetFiles(dataset: Dataset): Map<string, string> {
  const files = new Map<string, string>();
  for (const [name, schema] of Object.entries(DATASET_FILES)) {
    const file = `${name}.json`;
    files.set(file, serialize(validateWith(schema, dataset[name as keyof typeof DATASET_FILES], file, ImportError)));
  }
  const manifest = Manifest.parse({
    ...dataset.manifest,
    validatedWith: datasetSchemaFingerprint(),
    files: Object.fromEntries(
      [...files].map(([name, text]) => [
        name,
        { sha256: createHash('sha256').update(text).digest('hex'), bytes: Buffer.byteLength(text) },
      ]),
    ),
  });
  files.set('manifest.json', serialize(manifest));
  return files;
}

async function writeDurably(file: string, text: string): Promise<void> {
  const handle = await open(file, 'w');
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Replaces the dataset files in `outDir` only after every new file is fully written:
 * each goes to a temporary sibling first, then all are renamed into place, manifest last.
 * Other files in `outDir` (overrides.yaml, curated/) are left alone.
 */
export async function writeDataset(
  outDir: string,
  files: Map<string, string>,
  extra: Map<string, string> = new Map(),
): Promise<void> {
  await mkdir(outDir, { recursive: true });
  const stamp = `${process.pid}-${Date.now()}`;
  const ordered = [
    ...extra,
    ...[...files].filter(([name]) => name !== 'manifest.json'),
    ['manifest.json', files.get('manifest.json')!] as const,
  ];
  const staged: { temp: string; target: string }[] = [];
  try {
    for (const [name, text] of ordered) {
      const target = path.join(outDir, name);
      await mkdir(path.dirname(target), { recursive: true });
      const temp = `${target}.tmp-${stamp}`;
      await writeDurably(temp, text);
      staged.push({ temp, target });
    }
  } catch (error) {
    await Promise.all(staged.map(({ temp }) => rm(temp, { force: true })));
    throw error;
  }
  for (const { temp, target } of staged) await rename(temp, target);
  await removeStaleTemps(outDir);
}

async function removeStaleTemps(outDir: string): Promise<void> {
  for (const name of await readdir(outDir)) {
    if (/\.tmp-\d+-\d+$/.test(name)) await rm(path.join(outDir, name), { force: true });
  }
}
