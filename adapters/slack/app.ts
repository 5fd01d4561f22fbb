import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, SocketModeReceiver, type webApi } from '@slack/bolt';
import { type Config, slackOAuthEnabled } from '../../src/config.ts';
import type { DigestPoster } from '../../src/digest/poster.ts';
import type { HealthView, RouteHandler } from '../../src/health.ts';
import type { Logger } from '../../src/log.ts';
import type { InstallationStore } from '../../src/storage/installations.ts';
import type { DeliveryKeyStore } from '../../src/storage/store.ts';
import { WorkTracker } from '../../src/work-tracker.ts';
import type { ConnectionListener } from '../../src/health.ts';
import type { SlackBot } from './answering.ts';
import { boltLogger } from './bolt-logger.ts';
import { watchSocketMode } from './connection.ts';
import { DeliveryDedupe } from './deliveries.ts';
import { registerListeners } from './listeners/index.ts';
import { oauthWorkspaces, singleWorkspace } from './oauth/access.ts';
import { createSlackPoster } from './poster.ts';
import { GuardedHttpReceiver } from './receiver.ts';

export const EVENTS_PATH = '/slack/events';
/** Slack wants an ack within 3 s; leave room for the network. */
const DEFAULT_ACK_DEADLINE_MS = 2500;

export interface SlackAppOptions {
  config: Config;
  bot: SlackBot;
  logger: Logger;
  health: HealthView;
  /** Interface for the HTTP receiver (default: all interfaces, as Slack must reach it). */
  host?: string;
  ackDeadlineMs?: number;
  dedupe?: { ttlMs?: number; maxEntries?: number };
  /** Where deliveries are claimed across replicas (the bot's database). */
  deliveryKeys?: DeliveryKeyStore;
  /** Where installations live (the bot's database): required to install to any workspace (SLACK_CLIENT_ID). */
  installations?: InstallationStore;
  /** Adds a GET route beside the probes (the install pages); required to install to any workspace. */
  addRoute?: (path: string, handler: RouteHandler) => void;
  /** The time tokens are refreshed and installations stamped at; the wall clock by default. */
  clock?: () => Date;
  /** Told when the Socket Mode connection drops and when it is back (HTTP mode has no connection to report). */
  onConnectionChange?: ConnectionListener;
  /**
   * Socket Mode's client ping timeout, which is also the step of its reconnect back-off (default 5000 ms,
   * @slack/socket-mode's own). Tests shorten it.
   */
  socketPingTimeoutMs?: number;
}

export interface SlackApp {
  app: App;
  mode: 'socket' | 'http';
  poster: DigestPoster;
  deliveries: DeliveryDedupe;
  inFlight: WorkTracker;
  /** Verifies the bot token (auth.test), then listens (HTTP) or connects (Socket Mode). Returns the HTTP port, if any. */
  start(): Promise<number | null>;
  /** Stops taking work, then waits for replies already being sent. */
  stop(): Promise<void>;
}

const DEFAULT_SLACK_API_URL = 'https://slack.com/api/';

/** Names the variable to fix instead of surfacing Bolt's generic error. */
function describeStartupError(error: unknown, config: Config): Error {
  const failure = error as { code?: unknown; original?: { message?: unknown }; data?: { error?: unknown } } | null;
  if (failure?.code === 'slack_webapi_request_error') {
    const where = config.SLACK_API_URL
      ? `SLACK_API_URL (${config.SLACK_API_URL})`
      : `Slack's Web API (${DEFAULT_SLACK_API_URL}; SLACK_API_URL is unset)`;
    return new Error(`${where} is unreachable: ${String(failure.original?.message ?? 'request failed')}`, {
      cause: error,
    });
  }
  const code = failure?.data?.error;
  if (code === 'invalid_auth' || code === 'not_authed' || code === 'token_revoked' || code === 'account_inactive') {
    return new Error(`Slack rejected SLACK_BOT_TOKEN (${code}); check the bot token in the environment`);
  }
  return error instanceof Error ? error : new Error(String(error));
}

/** Builds the Bolt app: Socket Mode when SLACK_APP_TOKEN is set, HTTP mode on /slack/events otherwise. */
export function createSlackApp(options: SlackAppOptions): SlackApp {
  const { config } = options;
  const clock = options.clock ?? (() => new Date());
  if (!config.SLACK_BOT_TOKEN && !slackOAuthEnabled(config))
    throw new Error('SLACK_BOT_TOKEN is not set; the Slack adapter needs it (see .env.example)');
  if (slackOAuthEnabled(config) && (!options.installations || !options.addRoute))
    throw new Error('installing to any workspace (SLACK_CLIENT_ID) needs the installation store and the HTTP routes');
  const mode = config.SLACK_APP_TOKEN ? 'socket' : 'http';
  if (mode === 'http' && !config.SLACK_SIGNING_SECRET) {
    throw new Error('SLACK_SIGNING_SECRET is not set; HTTP mode needs it (or set SLACK_APP_TOKEN for Socket Mode)');
  }
  const logger = boltLogger(options.logger.child({ adapter: 'slack' }));
  const clientOptions: webApi.WebClientOptions = {
    ...(config.SLACK_API_URL ? { slackApiUrl: config.SLACK_API_URL } : {}),
    // Replies are interactive: a few quick retries, never Bolt's default half hour of them.
    retryConfig: { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 2000 },
    timeout: 10_000,
    logger,
  };
  // Our own Socket Mode receiver, so its client's connection events can be watched.
  const receiver =
    mode === 'socket'
      ? new SocketModeReceiver({
          appToken: config.SLACK_APP_TOKEN!,
          logger,
          installerOptions: { clientOptions },
          ...(options.socketPingTimeoutMs ? { clientPingTimeout: options.socketPingTimeoutMs } : {}),
        })
      : undefined;
  if (receiver && options.onConnectionChange) watchSocketMode(receiver.client, options.onConnectionChange);
  const httpReceiver =
    mode === 'http'
      ? new GuardedHttpReceiver({
          signingSecret: config.SLACK_SIGNING_SECRET!,
          eventsPath: EVENTS_PATH,
          port: config.PORT,
          ...(options.host ? { host: options.host } : {}),
          health: options.health,
          logger: options.logger.child({ adapter: 'slack' }),
        })
      : undefined;
  const access = slackOAuthEnabled(config)
    ? oauthWorkspaces({
        config,
        store: options.installations!,
        addRoute: options.addRoute!,
        clientOptions,
        logger: options.logger.child({ adapter: 'slack' }),
        boltLogger: logger,
        clock,
      })
    : singleWorkspace(config.SLACK_BOT_TOKEN!, options.installations, clock);
  const app = new App({
    ...access.appAuth,
    logger,
    logLevel: logger.getLevel(),
    deferInitialization: true,
    convoStore: false,
    clientOptions,
    // In Socket Mode there is no Slack HTTP server: the app's own health server owns PORT.
    ...(receiver ? { socketMode: true, receiver } : { receiver: httpReceiver }),
  });

  const deliveries = new DeliveryDedupe({
    ...options.dedupe,
    ...(options.deliveryKeys ? { shared: options.deliveryKeys } : {}),
    onSharedError: (error) => logger.warn('could not check the shared delivery keys; answering anyway', error),
  });
  const inFlight = new WorkTracker();
  if (access.middleware) app.use(access.middleware);
  app.use(deliveries.middleware);
  registerListeners(app, {
    bot: options.bot,
    workspaces: access,
    inFlight,
    ackDeadlineMs: options.ackDeadlineMs ?? DEFAULT_ACK_DEADLINE_MS,
  });
  app.error(async (error) => {
    logger.error('Slack listener failed', error);
  });

  let running = false;
  return {
    app,
    mode,
    poster: createSlackPoster({ token: (workspace) => access.botToken(workspace), clientOptions }),
    deliveries,
    inFlight,
    async start() {
      try {
        await app.init();
      } catch (error) {
        throw describeStartupError(error, config);
      }
      if (mode === 'socket') {
        await app.start();
        running = true;
        return null;
      }
      const server = (await app.start()) as Server;
      running = true;
      return (server.address() as AddressInfo).port;
    },
    async stop() {
      if (running) {
        running = false;
        await app.stop();
      }
      await inFlight.drain();
    },
  };
}
