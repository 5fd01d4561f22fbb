// The engine issue 10 was filed against ("the engine stays at or below today's cost"): the first-match cascade of
// regexes, as it was at the commit below, with its own data/. It is taken from git history into bench/.build and
// timed by the same steady-state loop as this tree's engine (engine-steady.ts), so the bar is judged beside it in the
// same run on any machine, not by a figure measured once on another.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleAsTheBot } from './bundle.ts';

export const BEFORE_REGISTRY = {
  commit: '2e225467b3cbf99cac913e2f88b945634877fb0d',
  date: '2026-11-21',
} as const;

const here = path.dirname(fileURLToPath(import.meta.url));
const repository = path.join(here, '..');
/** The extracted tree; the bundle goes two folders below it, where its src/data/paths.ts looks for data/. */
const tree = path.join(here, '.build', `before-registry-${BEFORE_REGISTRY.commit.slice(0, 7)}`);

/** The files the steady-state child needs beside the old tree's src/. */
const HARNESS = ['engine-steady.ts', 'stats.ts'];

/** Extracts src/ and data/ at the commit (once) and bundles the harness there: the bundle's path, or why not. */
export async function beforeRegistryBundle(): Promise<{ bundle: string } | { unavailable: string }> {
  if (!existsSync(path.join(tree, 'src'))) {
    const archive = spawnSync('git', ['archive', '--format=tar', BEFORE_REGISTRY.commit, 'src', 'data'], {
      cwd: repository,
      maxBuffer: 256 * 2 ** 20,
    });
    if (archive.status !== 0)
      return {
        unavailable: `git could not read commit ${BEFORE_REGISTRY.commit.slice(0, 7)} (${archive.error?.message ?? archive.stderr.toString().trim()}): a clone with its history is needed`,
      };
    rmSync(tree, { recursive: true, force: true });
    mkdirSync(tree, { recursive: true });
    const extracted = spawnSync('tar', ['-x', '-C', tree], { input: archive.stdout });
    if (extracted.status !== 0) {
      rmSync(tree, { recursive: true, force: true });
      return { unavailable: `tar could not extract the tree: ${extracted.stderr.toString().trim()}` };
    }
  }
  mkdirSync(path.join(tree, 'bench'), { recursive: true });
  for (const file of HARNESS) copyFileSync(path.join(here, file), path.join(tree, 'bench', file));
  // Its dependencies resolve from this repository's node_modules (the folders above the tree).
  const bundle = path.join(tree, 'bench', '.build', 'engine-steady.mjs');
  return { bundle: await bundleAsTheBot(path.join(tree, 'bench', 'engine-steady.ts'), bundle) };
}
