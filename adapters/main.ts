// `npm start`: configuration from the environment (and .env), then Slack, Discord or the console.
import { fstatSync } from 'node:fs';
import { startApp, type App } from './app.ts';
import { ConfigError, discordEnabled, loadConfig, loadDotEnv, slackEnabled } from '../src/config.ts';
import { DatasetError } from '../src/data/load.ts';

/** Kubernetes waits 30 s after SIGTERM by default; leave before it has to kill us. */
const SHUTDOWN_TIMEOUT_MS = 25_000;

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

/** A terminal, a pipe or a file: someone may type or pipe questions. /dev/null or a closed stdin is none. */
function consoleHasInput(): boolean {
  if (process.stdin.isTTY) return true;
  try {
    const stdin = fstatSync(0);
    return stdin.isFIFO() || stdin.isFile() || stdin.isSocket();
  } catch {
    return false;
  }
}

let app: App;
try {
  loadDotEnv();
  const config = loadConfig();
  // A container with an empty Secret would otherwise run the console on /dev/null, exit 0 and crash-loop.
  if (!slackEnabled(config) && !discordEnabled(config) && !consoleHasInput()) {
    throw new ConfigError([
      'SLACK_BOT_TOKEN (with SLACK_SIGNING_SECRET or SLACK_APP_TOKEN) or DISCORD_TOKEN (with DISCORD_APPLICATION_ID) must be set: ' +
        'none is, and there is no terminal or piped input for the console adapter',
    ]);
  }
  app = await startApp();
} catch (error) {
  if (error instanceof ConfigError || error instanceof DatasetError) fail(error.message);
  fail(`k8s-release-bot could not start: ${(error as Error).message}`);
}

let stopping = false;
async function shutdown(exitCode = 0): Promise<void> {
  if (stopping) return;
  stopping = true;
  setTimeout(
    () => fail(`shutdown took longer than ${SHUTDOWN_TIMEOUT_MS / 1000} s; exiting`),
    SHUTDOWN_TIMEOUT_MS,
  ).unref();
  await app.stop();
  process.exit(exitCode);
}

// A library failing outside any request (e.g. a reconnect that gives up) leaves the bot in an unknown
// state: shut down cleanly and exit non-zero so the supervisor (Kubernetes) restarts it.
function onFatal(kind: string, error: unknown): void {
  process.stderr.write(
    `k8s-release-bot: ${kind}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  if (stopping) fail('fatal error during shutdown: exiting without waiting');
  void shutdown(1);
}

function onSignal(signal: NodeJS.Signals): void {
  if (stopping) fail(`${signal} during shutdown: exiting without waiting`);
  void shutdown();
}

process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);
process.on('unhandledRejection', (reason) => onFatal('unhandled rejection', reason));
process.on('uncaughtException', (error) => onFatal('uncaught exception', error));
// The console ends by itself at the end of piped input, on `exit` or Ctrl-D.
void app.finished.then(() => shutdown(0));
