// The composition root: the one place that knows every adapter, hence in adapters/ (src/ never imports from
// adapters/). It loads them on demand, so a console session never pays for Bolt or discord.js.
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { Bot } from '../src/bot.ts';
import type { BotPort } from '../src/port.ts';
import { type Config, discordEnabled, loadConfig, slackEnabled, slackMode, unknownVariables } from '../src/config.ts';
import { loadDataset } from '../src/data/load.ts';
import { BUNDLED_DATA_DIR } from '../src/data/paths.ts';
import {
  createSubscriptionCommands,
  DEFAULT_POST_TIMEOUT_MS,
  openStore,
  startDigestScheduler,
  type DigestSchedulerOptions,
  type Store,
} from '../src/digest/index.ts';
import { BUSY_TIMEOUT_MS } from '../src/storage/database.ts';
import { CALENDAR_PATH } from '../src/calendar/link.ts';
import { calendarRoute } from '../src/calendar/route.ts';
import { releaseAlertsDue } from '../src/digest/release-alerts.ts';
import { releaseChanges } from '../src/digest/release-events.ts';
import {
  type ConnectionListener,
  Health,
  type HealthView,
  handleHealthRequest,
  type RouteHandler,
} from '../src/health.ts';
import { loadNewestPersisted } from '../src/live/persisted.ts';
import { startRefresher, type Refresher } from '../src/live/refresh.ts';
import { LiveData, type Snapshot } from '../src/live/snapshot.ts';
import { statusReport } from '../src/live/status.ts';
import { createLogger, type Logger } from '../src/log.ts';
import { BotMetrics, METRICS_PATH } from '../src/metrics.ts';
import { settlesWithin } from '../src/settles-within.ts';
import type { StorageError } from '../src/storage/storage-error.ts';
import { closeServer, listen } from './http-server.ts';
import { TokenCipher } from '../src/storage/token-cipher.ts';
import type { RunningAdapter } from './running-adapter.ts';

export interface AdapterContext {
  config: Config;
  /** The one port adapters talk to; they never see the engine or the dataset. */
  bot: BotPort;
  logger: Logger;
  /** Readiness and routes, read-only: for the adapter that serves HTTP (Slack's HTTP receiver). */
  health: HealthView;
  /** Adds a GET route beside the probes, on whichever server serves them (Slack's install pages). */
  addRoute: (path: string, handler: RouteHandler) => void;
  /** The bot's database (shared by every replica with PostgreSQL). */
  store: Store;
  /** Where the adapter reports its live connection dropping and coming back; /readyz follows it. */
  onConnectionChange: ConnectionListener;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
}

/** A started adapter; `finished` resolves when it has nothing left to do on its own (the console's input ended). */
export type StartedAdapter = RunningAdapter & { finished?: Promise<void> };

export interface AdapterStarters {
  slack(context: AdapterContext): Promise<StartedAdapter>;
  discord(context: AdapterContext): Promise<StartedAdapter>;
  console(context: AdapterContext): Promise<StartedAdapter>;
}

const defaultStarters: AdapterStarters = {
  async slack({ config, bot, logger, health, store, onConnectionChange, addRoute }) {
    const { startSlack } = await import('./slack/index.ts');
    return startSlack({
      config,
      bot,
      logger,
      health,
      onConnectionChange,
      deliveryKeys: store,
      installations: store,
      addRoute,
    });
  },
  async discord({ config, bot, logger, onConnectionChange }) {
    const { startDiscord } = await import('./discord/index.ts');
    return startDiscord({ config, bot, logger, onConnectionChange });
  },
  async console({ config, bot, logger, stdin, stdout }) {
    const { startConsole } = await import('./console/index.ts');
    return startConsole({
      bot,
      logger,
      input: stdin,
      output: stdout,
      historyFile: path.join(config.DATA_DIR, 'console_history'),
    });
  },
};

export interface AppOptions {
  env?: NodeJS.ProcessEnv;
  /** The time every answer and digest is computed at; the wall clock by default. */
  clock?: () => Date;
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout?: NodeJS.WritableStream & { isTTY?: boolean };
  logger?: Logger;
  /** Replaces how adapters are started (tests). */
  adapters?: Partial<AdapterStarters>;
  /** How long stop() may wait for work in flight, in total (default 20 s, inside main.ts's 25 s hard limit). */
  shutdownBudgetMs?: number;
  /** The digest scheduler's cron expression; `false` leaves ticking to `tickDigests` (tests). Every minute by default. */
  digestCron?: string | false;
}

export interface App {
  health: HealthView;
  /** The current snapshot (dataset + engine); swapped by the refresh. */
  live: LiveData;
  /** Null when DATA_REFRESH=off. */
  refresher: Refresher | null;
  adapters: StartedAdapter[];
  /** The port our own health server listens on; null when Slack's HTTP receiver serves the probes. */
  healthPort: number | null;
  /** Runs the digest scheduler once at `now` (operators and tests); cron calls it every minute. */
  tickDigests(now?: Date): Promise<unknown>;
  /** Resolves when the app ends by itself (the console's input ended); never for Slack or Discord. */
  finished: Promise<void>;
  /** Graceful shutdown; safe to call more than once. */
  stop(): Promise<void>;
}

function chooseLogLevel(env: NodeJS.ProcessEnv, config: Config, consoleOnly: boolean): string {
  // JSON log lines would drown a terminal chat; the console shows warnings unless LOG_LEVEL says otherwise.
  const explicit = (env.LOG_LEVEL ?? '').trim() !== '';
  return consoleOnly && !explicit ? 'warn' : config.LOG_LEVEL;
}

/** stop() waits this long in total for work in flight; main.ts exits hard at 25 s. */
export const SHUTDOWN_BUDGET_MS = 20_000;

/**
 * The dataset to start with: the newest one a refresh persisted under DATA_DIR, unless the bundled (or
 * DATASET_DIR) one is newer, as after an upgrade that ships newer data.
 */
function loadStartingData(config: Config, logger: Logger, clock: () => Date): LiveData {
  const baseDir = config.DATASET_DIR ?? BUNDLED_DATA_DIR;
  const base = loadDataset(baseDir);
  const { newest, skipped } = loadNewestPersisted(config.DATA_DIR);
  for (const { dir, reason } of skipped) logger.warn({ dir, reason }, 'persisted dataset skipped: it does not load');
  const usePersisted = newest !== null && newest.dataset.manifest.dataDate >= base.manifest.dataDate;
  const [dataset, origin] = usePersisted ? [newest.dataset, newest.dir] : [base, config.DATASET_DIR ?? 'bundled'];
  logger.info({ dataDate: dataset.manifest.dataDate, counts: dataset.manifest.counts, dir: origin }, 'dataset loaded');
  const engineOptions = { logger, ...(config.PUBLIC_URL ? { publicUrl: config.PUBLIC_URL } : {}) };
  return new LiveData(dataset, origin, engineOptions, clock);
}

/**
 * Builds what an engine leaves to its first question (its vocabulary, see EngineIndex.vocabulary) as soon as the
 * event loop is free: after start-up, so the probes do not wait for it, and after a data refresh.
 */
function warmEngine(snapshot: Snapshot): void {
  setImmediate(() => void snapshot.engine.index.vocabulary);
}

/** The scheduler's cadence and lease from the environment; a post gives up 5 s before its claim's lease ends. */
function digestTimings(
  config: Config,
): Pick<DigestSchedulerOptions, 'cronExpression' | 'claimLeaseMs' | 'postTimeoutMs'> {
  const claimLeaseMs = config.DIGEST_CLAIM_LEASE_SECONDS * 1000;
  const seconds = config.DIGEST_TICK_SECONDS;
  return {
    cronExpression: seconds === 60 ? '* * * * *' : `*/${seconds} * * * * *`,
    claimLeaseMs,
    postTimeoutMs: Math.min(DEFAULT_POST_TIMEOUT_MS, claimLeaseMs - BUSY_TIMEOUT_MS),
  };
}

/** The bot's database; one that cannot be used is named with its variable. */
async function openBotStore(config: Config, onHealthChange: (problem: StorageError | null) => void): Promise<Store> {
  try {
    return await openStore({
      databaseUrl: config.DATABASE_URL,
      dataDir: config.DATA_DIR,
      onHealthChange,
      installationCipher: TokenCipher.fromBase64(config.SLACK_INSTALLATION_KEY, config.SLACK_INSTALLATION_KEY_PREVIOUS),
    });
  } catch (error) {
    const where = config.DATABASE_URL ? 'DATABASE_URL' : `DATA_DIR (${config.DATA_DIR})`;
    throw new Error(`${where} cannot hold the bot database: ${(error as Error).message}`, { cause: error });
  }
}

/** Starts everything `npm start` runs; see adapters/main.ts for signals and exit codes. */
export async function startApp(options: AppOptions = {}): Promise<App> {
  const env = options.env ?? process.env;
  const config = loadConfig(env);
  const useSlack = slackEnabled(config);
  const useDiscord = discordEnabled(config);
  const consoleOnly = !useSlack && !useDiscord;
  const logger = options.logger ?? createLogger(chooseLogLevel(env, config, consoleOnly));
  const starters = { ...defaultStarters, ...options.adapters };
  const clock = options.clock ?? (() => new Date());

  const ignored = unknownVariables(env);
  if (ignored.length > 0)
    logger.warn(
      { variables: ignored },
      'ignoring unknown variables (typos?); see .env.example for the ones the bot reads',
    );

  const live = loadStartingData(config, logger, clock);

  const health = new Health(logger);
  const cleanups: (() => Promise<void> | void)[] = [];
  const budgetMs = options.shutdownBudgetMs ?? SHUTDOWN_BUDGET_MS;
  const cleanUp = async () => {
    const deadline = performance.now() + budgetMs;
    for (const cleanup of cleanups.splice(0).reverse()) {
      try {
        // A reply stuck behind a long Retry-After or a response_url that never answers must not hold the
        // process past the budget: what is left is abandoned (a digest's claim is recovered by its lease).
        const work = Promise.resolve(cleanup());
        if (await settlesWithin(work, deadline - performance.now())) await work;
        else {
          work.catch((error: unknown) => logger.error({ err: error }, 'error during shutdown, after the budget'));
          logger.warn({ budgetMs }, 'shutdown budget spent: abandoning work still in flight');
        }
      } catch (error) {
        logger.error({ err: error }, 'error during shutdown');
      }
    }
  };

  try {
    let healthServer: Server | null = null;
    let healthPort: number | null = null;
    if (slackMode(config) !== 'http') {
      healthServer = createServer((request, response) => {
        if (!handleHealthRequest(request, response, health.view))
          response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      });
      // The console is a local session: keep its probes on loopback, and never fail a chat over a busy port.
      const host = consoleOnly ? '127.0.0.1' : undefined;
      try {
        healthPort = await listen(healthServer, config.PORT, host);
        logger.info({ port: healthPort, host: host ?? 'all interfaces' }, 'health server listening');
      } catch (error) {
        if (!consoleOnly) throw error;
        logger.warn(
          { err: error, port: config.PORT },
          'health server not started (port busy?); the console works without it',
        );
        healthServer = null;
      }
      const server = healthServer;
      cleanups.push(() => closeServer(server));
    }

    const storage = health.connection('storage');
    const store = await openBotStore(config, (problem) =>
      storage(problem ? { connected: false, reason: `storage failing: ${problem.message}` } : { connected: true }),
    );
    cleanups.push(() => store.close());
    const currentDataset = () => live.current().dataset;
    const metrics = new BotMetrics(live, clock);
    const bot = new Bot(live, {
      clock,
      subscriptions: createSubscriptionCommands(store, currentDataset),
      onAnswer: (answer, elapsedMs) => metrics.answered(answer, elapsedMs),
    });
    health.route(METRICS_PATH, async (_request, response) => {
      const text = await metrics.text();
      response.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text);
    });
    let refresher: Refresher | null = null;
    health.route(CALENDAR_PATH, calendarRoute(live));
    health.route('/status', (_request, response) => {
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end(`${JSON.stringify(statusReport(live, refresher, clock()), null, 2)}\n`);
    });

    const context = (name: keyof AdapterStarters): AdapterContext => ({
      config,
      bot,
      logger,
      health: health.view,
      addRoute: (path, handler) => health.route(path, handler),
      store,
      onConnectionChange: health.connection(name),
      stdin: options.stdin ?? process.stdin,
      stdout: options.stdout ?? process.stdout,
    });
    const adapters: StartedAdapter[] = [];
    const start = async (name: keyof AdapterStarters) => {
      const adapter = await starters[name](context(name));
      adapters.push(adapter);
      cleanups.push(() => adapter.stop());
    };
    if (useSlack) await start('slack');
    if (useDiscord) await start('discord');
    if (consoleOnly) {
      logger.info('no Slack or Discord variables set: starting the console adapter');
      await start('console');
    }

    const scheduler = startDigestScheduler({
      store,
      dataset: currentDataset,
      posters: adapters.map((adapter) => adapter.poster),
      clock,
      logger,
      graceHours: config.DIGEST_GRACE_HOURS,
      onDelivery: (platform, outcome) => metrics.delivered(platform, outcome),
      ...digestTimings(config),
      ...(options.digestCron !== undefined ? { cronExpression: options.digestCron } : {}),
    });
    // Cleanups run in reverse: the scheduler stops (finishing the digest it is posting) while the adapters
    // can still deliver it; then the adapters finish their replies; then the database and the server close.
    cleanups.push(() => scheduler.stop());

    if (config.DATA_REFRESH !== null) {
      refresher = startRefresher({
        live,
        dataDir: config.DATA_DIR,
        source: config.SYNC_FROM
          ? { kind: 'local', dir: config.SYNC_FROM }
          : {
              kind: 'github',
              apiUrl: config.GITHUB_API_URL,
              rawUrl: config.GITHUB_RAW_URL,
              token: config.GITHUB_TOKEN,
            },
        intervalMs: config.DATA_REFRESH,
        overridesFile: path.join(BUNDLED_DATA_DIR, 'overrides.yaml'),
        curatedDir: path.join(BUNDLED_DATA_DIR, 'curated'),
        logger,
        clock,
        onAttempt: (attempt) => metrics.refreshed(attempt),
        onUpdated: async (next, previous) => {
          const changes = releaseChanges(previous.dataset, next.dataset);
          if (changes.length === 0) return;
          logger.info({ changes: changes.map((change) => change.key) }, 'release changes seen by the refresh');
          const detectedAt = clock();
          const due = releaseAlertsDue(await store.listActive(), changes, {
            detectedAt,
            graceHours: config.DIGEST_GRACE_HOURS,
            dataset: next.dataset,
          });
          await scheduler.announce(due, detectedAt);
        },
      });
      // Stops before the scheduler: a refresh finishing mid-shutdown still hands its alerts over.
      const running = refresher;
      cleanups.push(() => running.stop());
    }

    health.markRunning();
    logger.info({ adapters: adapters.map((adapter) => adapter.platform) }, 'k8s-release-bot ready');
    warmEngine(live.current());
    live.onSwap(warmEngine);

    const endings = adapters
      .map((adapter) => adapter.finished)
      .filter((ending): ending is Promise<void> => ending !== undefined);
    const finished = endings.length > 0 ? Promise.race(endings) : new Promise<void>(() => {});

    let stopping: Promise<void> | null = null;
    return {
      health: health.view,
      live,
      refresher,
      adapters,
      healthPort,
      tickDigests: (now?: Date) => scheduler.tick(now),
      finished,
      stop() {
        stopping ??= (async () => {
          health.markStopping();
          if (config.SHUTDOWN_DRAIN_SECONDS > 0) {
            logger.info(
              { seconds: config.SHUTDOWN_DRAIN_SECONDS },
              'draining: /readyz is 503, requests are still served',
            );
            await new Promise((resolve) => setTimeout(resolve, config.SHUTDOWN_DRAIN_SECONDS * 1000));
          }
          logger.info('shutting down');
          await cleanUp();
          logger.info('stopped');
        })();
        return stopping;
      },
    };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}
