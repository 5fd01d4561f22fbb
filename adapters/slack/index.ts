import type { Config } from '../../src/config.ts';
import type { HealthView } from '../../src/health.ts';
import type { Logger } from '../../src/log.ts';
import type { RunningAdapter } from '../running-adapter.ts';
import type { SlackBot } from './answering.ts';
import { createSlackApp, type SlackAppOptions } from './app.ts';

export { createSlackApp, type SlackApp } from './app.ts';

export interface RunningSlackAdapter extends RunningAdapter {
  mode: 'socket' | 'http';
  /** The HTTP port actually bound (HTTP mode), useful with PORT=0. */
  port: number | null;
}

export interface StartSlackOptions
  extends Pick<
    SlackAppOptions,
    'onConnectionChange' | 'socketPingTimeoutMs' | 'deliveryKeys' | 'installations' | 'addRoute'
  > {
  config: Config;
  bot: SlackBot;
  logger: Logger;
  health: HealthView;
}

/**
 * Starts the Slack adapter: Socket Mode when SLACK_APP_TOKEN is set, otherwise HTTP mode on
 * PORT with /slack/events, /healthz and /readyz.
 */
export async function startSlack(options: StartSlackOptions): Promise<RunningSlackAdapter> {
  const { logger } = options;
  const slack = createSlackApp(options);
  const port = await slack.start();
  logger.info({ adapter: 'slack', mode: slack.mode, port }, 'Slack adapter started');
  return { platform: 'slack', mode: slack.mode, port, poster: slack.poster, stop: () => slack.stop() };
}
