import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BUNDLED_DATA_DIR, REPO_ROOT } from '../../src/data/paths.ts';
import { importDataset } from '../../src/import/import.ts';
import { parseOverrides } from '../../src/import/overrides.ts';
import { createLocalReader } from '../../src/import/readers/local.ts';
import { renderDatasetFiles, writeDataset } from '../../src/import/write.ts';

/** A small real upstream tree (byte-for-byte upstream files), laid out like shared/. */
export const MINI_TREE = path.join(REPO_ROOT, 'test/fixtures/shared-mini');
export const PATCH_DATA = 'upstream/endoflife-date-release-data/releases/kubernetes.json';

/** A temporary copy of the mini tree that a test may change. */
export function copyMiniTree(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'k8s-live-tree-'));
  cpSync(MINI_TREE, dir, { recursive: true });
  return dir;
}

/** Imports `tree` exactly as the bot's refresh does (the bundled overrides) and writes it to a new folder. */
export async function buildDataset(tree: string): Promise<string> {
  const overridesFile = path.join(BUNDLED_DATA_DIR, 'overrides.yaml');
  const overrides = parseOverrides(readFileSync(overridesFile, 'utf8'), overridesFile);
  const { dataset } = await importDataset(createLocalReader(tree), { overrides });
  const out = mkdtempSync(path.join(tmpdir(), 'k8s-live-data-'));
  await writeDataset(out, renderDatasetFiles(dataset));
  return out;
}

/** Adds a patch release to the tree's endoflife-date patch list, as upstream does on a patch day. */
export function addPatchRelease(tree: string, version: string, date: string): void {
  const file = path.join(tree, PATCH_DATA);
  const data = JSON.parse(readFileSync(file, 'utf8')) as { versions: Record<string, unknown> };
  data.versions = { [version]: { name: version, date }, ...data.versions };
  writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
}

const TSX_LOADER = pathToFileURL(path.join(REPO_ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

/** The real bot process (`node --import tsx adapters/main.ts`), console adapter, questions over stdin. */
export class BotProcess {
  readonly child: ChildProcessWithoutNullStreams;
  stdout = '';
  stderr = '';
  readonly exited: Promise<number | null>;

  constructor(env: Record<string, string>, cwd = mkdtempSync(path.join(tmpdir(), 'k8s-live-cwd-'))) {
    this.child = spawn(process.execPath, ['--import', TSX_LOADER, path.join(REPO_ROOT, 'adapters/main.ts')], {
      cwd,
      env: { PATH: process.env.PATH ?? '', HOME: cwd, PORT: '0', LOG_LEVEL: 'info', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.child.stdout.on('data', (chunk: Buffer) => (this.stdout += chunk.toString()));
    this.child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exited = new Promise((resolve) => this.child.on('close', resolve));
  }

  /** Resolves once `predicate` holds for the output so far (polled), or rejects after `timeoutMs`. */
  async waitFor(what: string, predicate: () => boolean, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline)
        throw new Error(
          `timed out waiting for ${what}\n--- stdout ---\n${this.stdout}\n--- stderr ---\n${this.stderr}`,
        );
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Asks one question and returns the stdout printed for it (up to the next echo or the footer). */
  async ask(question: string): Promise<string> {
    const from = this.stdout.length;
    this.child.stdin.write(`${question}\n`);
    await this.waitFor(`the answer to ${question}`, () => /Data as of/.test(this.stdout.slice(from)));
    return this.stdout.slice(from);
  }

  /** The port of the health server, from its start-up log line. */
  async port(): Promise<number> {
    await this.waitFor('the health server', () => /"port":\d+/.test(this.stderr));
    return Number(/"port":(\d+)/.exec(this.stderr)![1]);
  }

  async status(): Promise<{
    data: Record<string, unknown>;
    refresh: Record<string, unknown> & { lastAttempt: Record<string, unknown> | null };
  }> {
    const response = await fetch(`http://127.0.0.1:${await this.port()}/status`);
    return (await response.json()) as never;
  }

  async metrics(): Promise<string> {
    const response = await fetch(`http://127.0.0.1:${await this.port()}/metrics`);
    return response.text();
  }

  async stop(): Promise<number | null> {
    this.child.stdin.end();
    return this.exited;
  }
}
