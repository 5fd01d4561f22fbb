import { createHash } from 'node:crypto';
import { mkdir, readdir, rename, rm, utimes } from 'node:fs/promises';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Dataset } from '../domain/dataset.ts';
import { loadDataset } from '../data/load.ts';
import { renderDatasetFiles, writeDataset } from '../import/write.ts';

/** Refreshed datasets live in `<DATA_DIR>/datasets/<dataDate>-<manifest hash>/`, one folder each. */
export const PERSISTED_DIR = 'datasets';
/** Folders kept besides the newest: a replica still loading one is never pulled out from under it. */
const KEEP_FOLDERS = 3;
const FOLDER = /^(\d{4}-\d{2}-\d{2})-([0-9a-f]{12})$/;

export interface PersistedDataset {
  dir: string;
  dataset: Dataset;
}

/**
 * Writes the dataset to a staging folder, then renames the folder into place: a reader sees the whole
 * folder or none of it. The same data gives the same folder name and bytes, so replicas that refresh
 * independently converge on one folder (the second rename finds it there and drops its own copy).
 * The written folder is loaded back and validated (checksums included) before it is returned.
 */
export async function persistDataset(dataDir: string, dataset: Dataset): Promise<PersistedDataset> {
  const root = path.join(dataDir, PERSISTED_DIR);
  const files = renderDatasetFiles(dataset);
  const hash = createHash('sha256').update(files.get('manifest.json')!).digest('hex').slice(0, 12);
  const target = path.join(root, `${dataset.manifest.dataDate}-${hash}`);
  const staging = path.join(root, `.staging-${process.pid}-${Date.now()}`);
  await mkdir(root, { recursive: true });
  try {
    await writeDataset(staging, files);
    await rename(staging, target).catch(async (error: NodeJS.ErrnoException) => {
      // Another replica (or an earlier refresh) already wrote these very bytes.
      if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
      // It is the newest again: after a restart it must win over folders written since.
      const now = new Date();
      await utimes(target, now, now);
    });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  const written = loadDataset(target);
  await pruneOldFolders(root, target);
  return { dir: target, dataset: written };
}

async function pruneOldFolders(root: string, keep: string): Promise<void> {
  const folders = (await readdir(root))
    .filter((name) => FOLDER.test(name))
    .sort()
    .reverse();
  const stale = folders.slice(KEEP_FOLDERS).filter((name) => path.join(root, name) !== keep);
  await Promise.all(stale.map((name) => rm(path.join(root, name), { recursive: true, force: true })));
}

export interface PersistedScan {
  newest: PersistedDataset | null;
  /** Folders that were skipped, with why (torn, invalid, from an incompatible build). */
  skipped: Array<{ dir: string; reason: string }>;
}

/**
 * The newest persisted dataset that loads and validates: the latest data date, and among folders of one
 * date the one written last. Folders that fail to load are skipped and reported, never deleted.
 */
export function loadNewestPersisted(dataDir: string): PersistedScan {
  const root = path.join(dataDir, PERSISTED_DIR);
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return { newest: null, skipped: [] };
  }
  const candidates = names
    .map((name) => ({ name, date: FOLDER.exec(name)?.[1] }))
    .filter((entry): entry is { name: string; date: string } => entry.date !== undefined)
    .map(({ name, date }) => ({ dir: path.join(root, name), date, written: statSync(path.join(root, name)).mtimeMs }))
    .sort((a, b) => b.date.localeCompare(a.date) || b.written - a.written);
  const skipped: PersistedScan['skipped'] = [];
  for (const { dir } of candidates) {
    try {
      return { newest: { dir, dataset: loadDataset(dir) }, skipped };
    } catch (error) {
      skipped.push({ dir, reason: (error as Error).message });
    }
  }
  return { newest: null, skipped };
}
