import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startApp, type AdapterContext, type App, type StartedAdapter } from '../../adapters/app.ts';
import { ConfigError } from '../../src/config.ts';
import { DatasetError } from '../../src/data/load.ts';
import type { DigestPoster } from '../../src/digest/poster.ts';
import { HEALTH_PATHS } from '../../src/health.ts';
import { silentLogger } from '../../src/log.ts';
import { CapturedOutput, typedInput } from './console/streams.ts';
import { StubSlack } from './slack/helpers/stub-slack.ts';

const dataDir = () => mkdtempSync(path.join(tmpdir(), 'app-'));
const apps: App[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.stop()));
});

/** An adapter whose stop() waits until the test lets it finish, so the test can look at the app mid-shutdown. */
function heldAdapter(platform: StartedAdapter['platform'], log: string[]) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const contexts: AdapterContext[] = [];
  const poster: DigestPoster = { platform, post: async () => undefined };
  const start = async (context: AdapterContext): Promise<StartedAdapter> => {
    contexts.push(context);
    log.push(`${platform} started`);
    return {
      platform,
      poster,
      stop: async () => {
        log.push(`${platform} stopping`);
        await released;
        log.push(`${platform} stopped`);
      },
    };
  };
  return { start, release, contexts, poster };
}

async function status(port: number, probe: string): Promise<number> {
  return (await fetch(`http://127.0.0.1:${port}${probe}`)).status;
}

describe('startApp: health server', () => {
  it('answers /healthz and /readyz 200 once started, /readyz 503 as soon as stop begins, and closes after', async () => {
    const log: string[] = [];
    const consoleAdapter = heldAdapter('console', log);
    const app = await startApp({
      env: { DATA_DIR: dataDir(), PORT: '0' },
      logger: silentLogger,
      adapters: { console: consoleAdapter.start },
      digestCron: false,
    });
    apps.push(app);
    expect(app.healthPort).toBeGreaterThan(0);
    const port = app.healthPort!;
    expect(await status(port, HEALTH_PATHS.liveness)).toBe(200);
    expect(await status(port, HEALTH_PATHS.readiness)).toBe(200);
    expect(await status(port, '/elsewhere')).toBe(404);

    const stopping = app.stop();
    expect(await status(port, HEALTH_PATHS.readiness)).toBe(503);
    expect(await status(port, HEALTH_PATHS.liveness)).toBe(200);
    expect(log).toEqual(['console started', 'console stopping']);

    consoleAdapter.release();
    await stopping;
    expect(log).toEqual(['console started', 'console stopping', 'console stopped']);
    await expect(fetch(`http://127.0.0.1:${port}${HEALTH_PATHS.liveness}`)).rejects.toThrow();
    await app.stop(); // a second stop is harmless
  });

  it('the real console adapter: questions in, answers out; the app finishes at end of input', async () => {
    const input = typedInput();
    const output = new CapturedOutput();
    const app = await startApp({
      env: { DATA_DIR: dataDir(), PORT: '0' },
      stdin: input,
      stdout: output,
      logger: silentLogger,
      digestCron: false,
    });
    apps.push(app);
    expect(await status(app.healthPort!, HEALTH_PATHS.readiness)).toBe(200);
    input.end('who led 1.24\n');
    await app.finished;
    expect(output.text).toMatch(/^k8s> who led 1\.24\n/);
    expect(output.text).toContain('James Laverack');
  });
});

describe('startApp: which adapters run', () => {
  const SLACK_HTTP = { SLACK_BOT_TOKEN: 'xoxb-1-2-3', SLACK_SIGNING_SECRET: 'abc123' };
  const SLACK_SOCKET = { SLACK_BOT_TOKEN: 'xoxb-1-2-3', SLACK_APP_TOKEN: 'xapp-1-2-3' };
  const DISCORD = { DISCORD_TOKEN: 'a.b.c', DISCORD_APPLICATION_ID: '1090000000000000001' };

  it('Slack and Discord together, no console; the app does not finish by itself', async () => {
    const log: string[] = [];
    const slack = heldAdapter('slack', log);
    const discord = heldAdapter('discord', log);
    const consoleAdapter = heldAdapter('console', log);
    const app = await startApp({
      env: { ...SLACK_SOCKET, ...DISCORD, DATA_DIR: dataDir(), PORT: '0' },
      logger: silentLogger,
      adapters: { slack: slack.start, discord: discord.start, console: consoleAdapter.start },
      digestCron: false,
    });
    apps.push(app);
    expect(log).toEqual(['slack started', 'discord started']);
    expect(app.adapters.map((adapter) => adapter.platform)).toEqual(['slack', 'discord']);
    // Socket Mode serves no HTTP, so our own health server runs.
    expect(await status(app.healthPort!, HEALTH_PATHS.readiness)).toBe(200);
    expect(
      await Promise.race([
        app.finished.then(() => 'finished'),
        new Promise((resolve) => setImmediate(resolve, 'running')),
      ]),
    ).toBe('running');
    slack.release();
    discord.release();
  });

  it('Slack HTTP mode serves the probes itself: no second server on PORT', async () => {
    const log: string[] = [];
    const slack = heldAdapter('slack', log);
    const app = await startApp({
      env: { ...SLACK_HTTP, DATA_DIR: dataDir(), PORT: '0' },
      logger: silentLogger,
      adapters: { slack: slack.start },
      digestCron: false,
    });
    apps.push(app);
    expect(app.healthPort).toBeNull();
    expect(slack.contexts[0]!.health).toBe(app.health);
    expect(app.health.isReady).toBe(true);
    slack.release();
  });

  it("Slack HTTP mode with the real adapter: Slack's receiver answers the probes on PORT", async () => {
    const stub = await new StubSlack().start();
    try {
      const app = await startApp({
        env: { ...SLACK_HTTP, SLACK_API_URL: stub.apiUrl, DATA_DIR: dataDir(), PORT: '0' },
        logger: silentLogger,
        digestCron: false,
      });
      apps.push(app);
      expect(app.healthPort).toBeNull();
      const slack = app.adapters[0] as StartedAdapter & { mode?: string; port?: number | null };
      expect(slack.platform).toBe('slack');
      expect(slack.mode).toBe('http');
      expect(await status(slack.port!, HEALTH_PATHS.liveness)).toBe(200);
      expect(await status(slack.port!, HEALTH_PATHS.readiness)).toBe(200);
      await app.stop();
      await expect(fetch(`http://127.0.0.1:${slack.port}${HEALTH_PATHS.liveness}`)).rejects.toThrow();
    } finally {
      await stub.close();
    }
  });

  it('a failing adapter stops start-up and releases what was started', async () => {
    const log: string[] = [];
    const slack = heldAdapter('slack', log);
    slack.release();
    await expect(
      startApp({
        env: { ...SLACK_SOCKET, ...DISCORD, DATA_DIR: dataDir(), PORT: '0' },
        logger: silentLogger,
        adapters: {
          slack: slack.start,
          discord: async () => {
            throw new Error('An invalid token was provided.');
          },
        },
        digestCron: false,
      }),
    ).rejects.toThrow('An invalid token was provided.');
    expect(log).toEqual(['slack started', 'slack stopping', 'slack stopped']);
  });
});

describe('startApp: bad configuration and data', () => {
  it('a ConfigError naming the variable, before anything starts', async () => {
    const log: string[] = [];
    const consoleAdapter = heldAdapter('console', log);
    const error = await startApp({
      env: { PORT: 'http', DATA_DIR: dataDir() },
      logger: silentLogger,
      adapters: { console: consoleAdapter.start },
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toMatch(/PORT must be a (whole )?port number/);
    expect(log).toEqual([]);
  });

  it('a DatasetError naming the file when DATASET_DIR holds no dataset', async () => {
    const empty = dataDir();
    const error = await startApp({
      env: { DATASET_DIR: empty, DATA_DIR: dataDir(), PORT: '0' },
      logger: silentLogger,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DatasetError);
    expect((error as DatasetError).message).toContain(path.join(empty, 'manifest.json'));
    expect((error as DatasetError).message).toMatch(/npm run sync/);
  });
});
