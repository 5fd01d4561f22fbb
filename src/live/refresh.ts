import path from 'node:path';
import type { Dataset } from '../domain/dataset.ts';
import { FileError } from '../data/validation.ts';
import { ImportError } from '../import/errors.ts';
import { createGitHubReader, DEFAULT_API_URL } from '../import/readers/github.ts';
import { createLocalReader, readOptionalFile } from '../import/readers/local.ts';
import type { SourceReader } from '../import/source.ts';
import { renderDatasetFiles } from '../import/write.ts';
import type { Logger } from '../log.ts';
import { persistDataset } from './persisted.ts';
import type { LiveData, Snapshot } from './snapshot.ts';
import { createHeadProbe } from './upstream-heads.ts';

/** Where a refresh reads: a local folder laid out like shared/ (SYNC_FROM), or GitHub over HTTPS. */
export type RefreshSource =
  | { kind: 'local'; dir: string }
  | { kind: 'github'; apiUrl?: string; rawUrl?: string; token?: string };

export type RefreshOutcome = 'updated' | 'unchanged' | 'failed';

export interface RefreshAttempt {
  at: string;
  result: RefreshOutcome;
  durationMs: number;
  /** For a failure: what failed, naming the file and field where known. */
  error?: string;
  file?: string;
  field?: string | null;
}

export interface RefreshStatus {
  source: string;
  intervalMs: number | null;
  lastAttempt: RefreshAttempt | null;
  lastSuccessAt: string | null;
  consecutiveFailures: number;
  nextAttemptAt: string | null;
}

export interface RefresherOptions {
  live: LiveData;
  /** DATA_DIR: refreshed datasets are persisted under it. */
  dataDir: string;
  source: RefreshSource;
  /** Between refreshes; null runs none on its own (refreshNow still works). */
  intervalMs: number | null;
  /** Reviewed corrections and curated files, as `npm run sync` uses them (the bundled data/ folder's). */
  overridesFile: string;
  curatedDir: string;
  logger: Logger;
  clock?: () => Date;
  /** After a new snapshot is current: release alerts. Its failure is logged, never undoes the swap. */
  onUpdated?: (next: Snapshot, previous: Snapshot) => Promise<void> | void;
  /** Every finished attempt (metrics). */
  onAttempt?: (attempt: RefreshAttempt) => void;
  fetch?: typeof fetch;
}

export interface Refresher {
  /** Runs one refresh now (or joins the one running). */
  refreshNow(): Promise<RefreshAttempt>;
  status(): RefreshStatus;
  /** Cancels the timer and waits for a refresh in progress. */
  stop(): Promise<void>;
}

/** The first retry after a failure waits this long (or the interval, if shorter), doubling up to the interval. */
const FIRST_RETRY_MS = 30_000;

/** The delay before the next attempt after `failures` failures in a row. */
export function nextDelayMs(intervalMs: number, failures: number): number {
  if (failures === 0) return intervalMs;
  return Math.min(intervalMs, Math.min(FIRST_RETRY_MS, intervalMs) * 2 ** (failures - 1));
}

/** Upstream never takes a release or a schedule back: a dataset without one the bot serves now is refused. */
function assertNothingLost(current: Dataset, next: Dataset): void {
  const missing = <T extends { version: string }>(file: string, label: string, before: T[], after: T[]) => {
    const kept = new Set(after.map((item) => item.version));
    const lost = before.find((item) => !kept.has(item.version));
    if (lost)
      throw new ImportError(
        file,
        `[${lost.version}]`,
        `${label} ${lost.version} is served now but missing from the new import; keeping the current data`,
      );
  };
  missing('releases.json', 'release', current.releases, next.releases);
  missing('schedules.json', 'the schedule of', current.schedules, next.schedules);
}

/** Two datasets are the same when every file's checksum is. */
function sameFiles(current: Dataset, files: Map<string, string>): boolean {
  const next = JSON.parse(files.get('manifest.json')!) as Dataset['manifest'];
  return (
    JSON.stringify(next.files) === JSON.stringify(current.manifest.files) &&
    JSON.stringify(next.sources) === JSON.stringify(current.manifest.sources)
  );
}

/**
 * Re-imports the dataset while the bot runs. A refresh reads everything, validates it completely, writes
 * it atomically under DATA_DIR, loads it back, and only then swaps it in; anything failing on the way
 * leaves the current snapshot serving and is retried with backoff. Over HTTPS it first asks GitHub, with
 * ETags, whether any branch moved: an unchanged upstream costs six conditional requests.
 */
export function startRefresher(options: RefresherOptions): Refresher {
  const { live, logger, source } = options;
  const clock = options.clock ?? (() => new Date());
  const log = logger.child({ component: 'refresh' });
  const probe =
    source.kind === 'github'
      ? createHeadProbe({ apiUrl: source.apiUrl ?? DEFAULT_API_URL, token: source.token, fetch: options.fetch })
      : null;
  const describeSource =
    source.kind === 'local' ? `local folder ${source.dir}` : `GitHub (${source.apiUrl ?? DEFAULT_API_URL})`;
  const status: RefreshStatus = {
    source: describeSource,
    intervalMs: options.intervalMs,
    lastAttempt: null,
    lastSuccessAt: null,
    consecutiveFailures: 0,
    nextAttemptAt: null,
  };
  let running: Promise<RefreshAttempt> | null = null;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  function reader(): SourceReader {
    if (source.kind === 'local') return createLocalReader(path.resolve(source.dir));
    return createGitHubReader({
      apiUrl: source.apiUrl,
      rawUrl: source.rawUrl,
      token: source.token,
      curatedDir: options.curatedDir,
      fetch: options.fetch,
    });
  }

  async function attempt(): Promise<Exclude<RefreshOutcome, 'failed'>> {
    const current = live.current();
    if (probe) {
      const heads = await probe.check(current.dataset.manifest);
      log.debug({ changed: heads.changed, notModified: heads.notModified }, 'upstream heads checked');
      if (heads.changed.length === 0) return 'unchanged';
    }
    // The importer (Markdown and YAML parsers) loads at the first import, not at the bot's start-up.
    const [{ importDataset }, { parseOverrides }] = await Promise.all([
      import('../import/import.ts'),
      import('../import/overrides.ts'),
    ]);
    const overrides = parseOverrides(await readOptionalFile(options.overridesFile), options.overridesFile);
    const { dataset } = await importDataset(reader(), { overrides });
    const files = renderDatasetFiles(dataset);
    if (sameFiles(current.dataset, files)) return 'unchanged';
    assertNothingLost(current.dataset, dataset);
    const persisted = await persistDataset(options.dataDir, dataset);
    const next = live.swap(persisted.dataset, persisted.dir);
    log.info(
      { dataDate: next.dataset.manifest.dataDate, dir: persisted.dir, counts: next.dataset.manifest.counts },
      'data refreshed',
    );
    try {
      await options.onUpdated?.(next, current);
    } catch (error) {
      log.error({ err: error }, 'after the refresh: announcing the changes failed');
    }
    return 'updated';
  }

  async function run(): Promise<RefreshAttempt> {
    const started = performance.now();
    const at = clock().toISOString();
    let result: RefreshAttempt;
    try {
      const outcome = await attempt();
      result = { at, result: outcome, durationMs: Math.round(performance.now() - started) };
      status.consecutiveFailures = 0;
      status.lastSuccessAt = at;
      if (outcome === 'unchanged') log.debug({ source: describeSource }, 'data unchanged');
    } catch (error) {
      status.consecutiveFailures++;
      const message = error instanceof Error ? error.message : String(error);
      const located = error instanceof FileError ? { file: error.file, field: error.field } : {};
      result = {
        at,
        result: 'failed',
        durationMs: Math.round(performance.now() - started),
        error: message,
        ...located,
      };
      log.error(
        { ...located, err: message, failures: status.consecutiveFailures },
        'data refresh failed; still serving the current data',
      );
    }
    status.lastAttempt = result;
    options.onAttempt?.(result);
    return result;
  }

  function refreshNow(): Promise<RefreshAttempt> {
    running ??= run().finally(() => {
      running = null;
    });
    return running;
  }

  function scheduleNext(): void {
    if (stopped || options.intervalMs === null) return;
    const delay = nextDelayMs(options.intervalMs, status.consecutiveFailures);
    status.nextAttemptAt = new Date(clock().getTime() + delay).toISOString();
    timer = setTimeout(() => {
      void refreshNow().finally(scheduleNext);
    }, delay);
    timer.unref();
  }

  scheduleNext();
  return {
    refreshNow,
    status: () => ({ ...status }),
    async stop() {
      stopped = true;
      clearTimeout(timer);
      status.nextAttemptAt = null;
      await running?.catch(() => undefined);
    },
  };
}
