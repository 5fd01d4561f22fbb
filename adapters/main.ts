// `npm start`: configuration from the environment (and .env), then Slack, Discord or the console.
import { startApp, type App } from './app.ts';
import { ConfigError, loadDotEnv } from '../src/config.ts';
import { DatasetError } from '../src/data/load.ts';

/** Kubernetes waits 30 s after SIGTERM by default; leave before it has to kill us. */
const SHUTDOWN_TIMEOUT_MS = 25_000;

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

let app: App;
try {
  loadDotEnv();
  app = await startApp();
} catch (error) {
  if (error instanceof ConfigError || error instanceof DatasetError) fail(error.message);
  fail(`k8s-release-bot could not start: ${(error as Error).message}`);
}

let stopping = false;
async function shutdown(exitCode = 0): Promise<void> {
  if (stopping) return;
  stopping = true;
  setTimeout(() => fail(`shutdown took longer than ${SHUTDOWN_TIMEOUT_MS / 1000} s; exiting`), SHUTDOWN_TIMEOUT_MS).unref();
  await app.stop();
  process.exit(exitCode);
}

// A library failing outside any request (e.g. a reconnect that gives up) leaves the bot in an unknown
// state: shut down cleanly and exit non-zero so the supervisor (Kubernetes) restarts it.
function onFatal(kind: string, error: unknown): void {
  process.stderr.write(`k8s-release-bot: ${kind}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
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
